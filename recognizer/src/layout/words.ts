import type { SymbolScore } from '../symbols/classifier.ts';
import type { Box } from '../symbols/features.ts';

/**
 * Function names written as letters (sin, cos, tan, log, ln, lim) read as one symbol each.
 * CROHME labels such a word as one symbol (`\sin`), the layout must treat it as one base
 * (`\sin^2 x`, `\log_2 x`), and the solver needs a function, not a product s·i·n.
 *
 * Runs on the classified symbols, before layout: a run of symbols left to right on one
 * line, close together, whose candidates spell a word. The core vocabulary has no s, i,
 * o, l or g, so their look-alikes stand in (5, 1, 0, 1, 9): the ink is the same. No
 * vocabulary has an l: a 1 always stands in for it. `\lim` is a big operator in the
 * layout (big-operators.ts), with its `x → a` under it.
 */

export interface WordSymbol {
  label: string;
  strokes: number[];
  box: Box;
  confidence: number;
  candidates: SymbolScore[];
}

/** The words, with the letters each is read from. */
export const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  '\\sin': 'sin',
  '\\cos': 'cos',
  '\\tan': 'tan',
  '\\log': 'log',
  '\\ln': 'ln',
  '\\lim': 'lim',
};

/** Labels a handwritten letter may come out as, in either vocabulary. */
const LETTER_READINGS: Readonly<Record<string, readonly string[]>> = {
  s: ['s', '5'],
  i: ['i', '1', 'j'],
  n: ['n'],
  c: ['c', '('],
  o: ['0'],
  t: ['t', '+'],
  a: ['a'],
  l: ['1'],
  g: ['g', '9', 'q'],
  m: ['m'],
};

/** A letter may be read from any of the symbol's first this many candidates… */
export const LETTER_CANDIDATES = 3;
/** …with at least this score (below it the classifier has no opinion worth using). */
export const MIN_LETTER_SCORE = 0.02;
/**
 * At most this many letters of a word may come from a runner-up candidate; the rest must
 * be the symbol's best reading. Words of two letters need both (`1n` is rare, `ln` not).
 */
export const MAX_RUNNER_UP_LETTERS = 1;
/** Letters of a word are at most this far apart (× the taller letter's height)… */
export const MAX_LETTER_GAP = 0.6;
/** …and share at least this part of the shorter letter's height (one line). */
export const MIN_VERTICAL_OVERLAP = 0.3;
/**
 * An l has an ascender: at least this × the height of the x-height letter after it (o, n,
 * or the stem of lim's i). An i stem without its dot is x-height, so "s" + "1n" of a sin
 * is not read as "s ln", nor "11m" (two digits) as lim. An i read as `i` may include its
 * dot, so the letter after it is measured instead.
 */
export const L_ASCENDER_RATIO = 1.3;
/** The dot of an i: a `.` above the stem, its centre within this × stem height sideways. */
export const DOT_REACH = 0.5;

/**
 * A function is written before its argument: a word counts only with a symbol starting
 * within this × its height to its right, on its line ("1n" at the end of a fraction's
 * denominator or in an exponent is not ln).
 */
export const ARGUMENT_REACH = 2;

const DOTS = new Set(['.', '\\cdot']);

const height = (b: Box) => b.maxY - b.minY;

function unionBox(boxes: readonly Box[]): Box {
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/** The score with which `symbol` reads as `letter` (0 if not), and whether it is its best. */
function letterScore(symbol: WordSymbol, letter: string): { score: number; best: boolean } {
  const readings = LETTER_READINGS[letter] ?? [letter];
  const top = symbol.candidates.slice(0, LETTER_CANDIDATES);
  let score = 0;
  let best = false;
  top.forEach((c, rank) => {
    if (!readings.includes(c.label) || c.score < MIN_LETTER_SCORE || c.score <= score) return;
    score = c.score;
    best = rank === 0;
  });
  return { score, best };
}

/** How much of the shorter box's height two boxes share vertically (0 when apart). */
function verticalOverlap(a: Box, b: Box): number {
  const short = Math.max(Math.min(height(a), height(b)), 1e-9);
  return Math.max(0, Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY)) / short;
}

/**
 * The next letter after `a` on its line: the nearest symbol starting to its right that
 * shares the line, if it is close enough. Nearest on the line, not in x over the whole
 * expression: a fraction's numerator and denominator interleave in x.
 */
function nextOnLine(
  symbols: readonly WordSymbol[],
  a: Box,
  candidates: readonly number[],
): number | null {
  let best: number | null = null;
  for (const i of candidates) {
    const b = (symbols[i] as WordSymbol).box;
    if (b.minX <= a.minX || verticalOverlap(a, b) < MIN_VERTICAL_OVERLAP) continue;
    if (best === null || b.minX < (symbols[best] as WordSymbol).box.minX) best = i;
  }
  if (best === null) return null;
  const b = (symbols[best] as WordSymbol).box;
  return b.minX - a.maxX <= MAX_LETTER_GAP * Math.max(height(a), height(b), 1e-9) ? best : null;
}

/** The index of a dot (in `symbols`) above the stem `stem`, not yet used. */
function dotAbove(symbols: readonly WordSymbol[], stem: Box, used: ReadonlySet<number>): number {
  const h = Math.max(height(stem), 1e-9);
  const centre = (stem.minX + stem.maxX) / 2;
  return symbols.findIndex((s, i) => {
    if (used.has(i) || !DOTS.has(s.label)) return false;
    const x = (s.box.minX + s.box.maxX) / 2;
    return Math.abs(x - centre) <= DOT_REACH * h && s.box.maxY <= stem.minY + 0.25 * h;
  });
}

/** Whether a symbol (not one of the word's) starts just right of the word's last letter. */
function hasArgument(symbols: readonly WordSymbol[], last: Box, word: readonly number[]): boolean {
  return symbols.some((s, i) => {
    if (word.includes(i) || DOTS.has(s.label)) return false;
    const reach = ARGUMENT_REACH * Math.max(height(last), height(s.box), 1e-9);
    return (
      s.box.minX > last.minX && s.box.minX - last.maxX <= reach && verticalOverlap(last, s.box) > 0
    );
  });
}

/** Try to read `word` starting at symbol `start`; the symbol indices it takes, or null. */
function match(
  symbols: readonly WordSymbol[],
  letters: readonly number[],
  start: number,
  word: string,
): { indices: number[]; score: number } | null {
  const indices: number[] = [];
  let runnerUps = 0;
  let score = 1;
  let previous: Box | null = null;
  for (let k = 0; k < word.length; k++) {
    const index = previous === null ? start : nextOnLine(symbols, previous, letters);
    if (index === null) return null;
    const symbol = symbols[index] as WordSymbol;
    const letter = letterScore(symbol, word[k] as string);
    if (letter.score === 0) return null;
    if (!letter.best) runnerUps++;
    score *= letter.score;
    indices.push(index);
    previous = symbol.box;
  }
  const l = word.indexOf('l');
  if (l >= 0) {
    const at = (k: number) => symbols[indices[k] as number];
    const dotted = word[l + 1] === 'i' && at(l + 1)?.label === 'i';
    const [stem, next] = [at(l), at(dotted ? l + 2 : l + 1)];
    if (!stem || !next || height(stem.box) < L_ASCENDER_RATIO * height(next.box)) return null;
  }
  const allowed = word.length <= 2 ? 0 : MAX_RUNNER_UP_LETTERS;
  if (runnerUps > allowed || !previous) return null;
  return hasArgument(symbols, previous, indices) ? { indices, score } : null;
}

/**
 * Merge the letter runs that spell a function name into one symbol each. Symbols keep
 * their order (a word takes the place of its first letter); nothing else changes.
 */
export function readFunctionWords<S extends WordSymbol>(symbols: readonly S[]): (S | WordSymbol)[] {
  // Dots never start or continue a word (an i's dot sits between its neighbours in x).
  const left = (i: number) => (symbols[i] as WordSymbol).box.minX;
  const starts = symbols
    .map((_, i) => i)
    .filter((i) => !DOTS.has((symbols[i] as WordSymbol).label))
    .sort((a, b) => left(a) - left(b));
  const used = new Set<number>();
  const words = new Map<number, WordSymbol>();
  for (const start of starts) {
    if (used.has(start)) continue;
    const letters = starts.filter((i) => !used.has(i));
    let found: { label: string; indices: number[]; score: number } | null = null;
    for (const [label, word] of Object.entries(FUNCTION_WORDS)) {
      const m = match(symbols, letters, start, word);
      if (m && (!found || m.indices.length > found.indices.length)) found = { label, ...m };
    }
    if (!found) continue;
    const parts = [...found.indices];
    const iAt = FUNCTION_WORDS[found.label]?.indexOf('i') ?? -1;
    if (iAt >= 0) {
      const stem = symbols[found.indices[iAt] as number] as WordSymbol;
      const dot = dotAbove(symbols, stem.box, used);
      if (dot >= 0) parts.push(dot);
    }
    for (const p of parts) used.add(p);
    const first = Math.min(...parts);
    words.set(first, {
      label: found.label,
      strokes: parts.flatMap((p) => (symbols[p] as WordSymbol).strokes).sort((a, b) => a - b),
      box: unionBox(parts.map((p) => (symbols[p] as WordSymbol).box)),
      confidence: parts.reduce((c, p) => c * (symbols[p] as WordSymbol).confidence, 1),
      candidates: [{ label: found.label, score: found.score }],
    });
  }
  if (words.size === 0) return [...symbols];
  const out: (S | WordSymbol)[] = [];
  symbols.forEach((s, i) => {
    const word = words.get(i);
    if (word) out.push(word);
    else if (!used.has(i)) out.push(s);
  });
  return out;
}
