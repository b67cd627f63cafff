import { percentile } from '@motionmath/testkit';
import { recognizeExpression } from '../recognize.ts';
import type { RecognizeOptions } from '../recognize.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { CORE_SYMBOLS, EXTRA_SYMBOLS } from '../symbols/classes.ts';
import type { InkPoint } from '../ink/types.ts';
import { labelsOfGroups } from './true-groups.ts';
import { latexEditDistance, latexTokensEqual, normalizeLatex } from './latex-compare.ts';

/**
 * Scoring of the recognizer on CROHME-format records (the JSON Lines of
 * shared/data/crohme): expression rates, symbol rate with the true segmentation,
 * segmentation rate and latency. Pure (no I/O): the CLI reads files and prints.
 */

export interface CrohmeRecord {
  id: string;
  /** CROHME writer id (used to pick personal samples from the same writer). */
  writer?: string;
  latex: string | null;
  strokes: number[][][];
  symbols: { label: string; strokes: number[] }[];
}

export interface Prediction {
  id: string;
  latex: string;
  confidence: number;
  ms: number;
}

export interface EvalSummary {
  expressions: number;
  exact: number;
  withinOne: number;
  withinTwo: number;
  symbols: number;
  symbolsCorrect: number;
  segmentsCorrect: number;
  msP50: number;
  msP95: number;
}

/** Layout tokens allowed in the core subset (issue point 3), besides core symbols. */
const CORE_LAYOUT = new Set(['^', '\\frac', '\\sqrt', '{', '}', '[', ']']);
const CORE_TOKENS = new Set(
  CORE_SYMBOLS.map((s) => normalizeLatex(s).join(' ')).concat(['<', '>']),
);

/** Core subset: every symbol in the core set and only core layout (no subscripts, …). */
export function isCore(rec: CrohmeRecord): boolean {
  if (rec.latex === null) return false;
  if (!rec.symbols.every((s) => CORE_SYMBOLS.includes(s.label))) return false;
  return normalizeLatex(rec.latex).every((t) => CORE_LAYOUT.has(t) || CORE_TOKENS.has(t));
}

/**
 * School subset: every symbol one the recognizer reads with `vocabulary: 'all'` (the core
 * set, the extra letters, θ α β ∞ ∫ Σ → |) or a function word (sin … ln, lim), any
 * layout. The scope of the school vocabulary, between core and CROHME's full one.
 */
const SCHOOL_SYMBOLS: ReadonlySet<string> = new Set([
  ...CORE_SYMBOLS,
  ...EXTRA_SYMBOLS,
  ...['\\sin', '\\cos', '\\tan', '\\log', '\\ln', '\\lim'],
]);
export function isSchool(rec: CrohmeRecord): boolean {
  return rec.latex !== null && rec.symbols.every((s) => SCHOOL_SYMBOLS.has(s.label));
}

/**
 * Writer-disjoint folds of a data set: fold `i` of `k` holds every expression of the
 * writers whose id hashes (FNV-1a) to `i`, so no writer is in two folds. Development
 * choices are made on some folds and checked on the others.
 */
export function writerFold(rec: CrohmeRecord, k: number): number {
  let h = 0x811c9dc5;
  for (const ch of rec.writer ?? rec.id) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h % k;
}

/** Parses `--fold i/k` (e.g. `0/5`); throws a message for people on anything else. */
export function parseFold(text: string): { fold: number; folds: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const [fold, folds] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || folds < 1 || fold >= folds)
    throw new Error(`--fold needs "i/k" with 0 ≤ i < k (e.g. 0/5), got "${text}"`);
  return { fold, folds };
}

export function toStrokes(rec: CrohmeRecord): InkPoint[][] {
  return rec.strokes.map((s) =>
    s.map((p) =>
      p.length > 2
        ? { x: p[0] ?? NaN, y: p[1] ?? NaN, t: p[2] }
        : { x: p[0] ?? NaN, y: p[1] ?? NaN },
    ),
  );
}

export function evaluate(
  records: readonly CrohmeRecord[],
  options: RecognizeOptions & {
    now: () => number;
    onPrediction?: (p: Prediction) => void;
    /** A classifier per expression (e.g. with the writer's personal samples); built untimed. */
    classifierFor?: (rec: CrohmeRecord) => SymbolClassifier;
  },
): EvalSummary {
  const sharedClassifier = options.classifier ?? new SymbolClassifier();
  const sum: EvalSummary = {
    expressions: 0,
    exact: 0,
    withinOne: 0,
    withinTwo: 0,
    symbols: 0,
    symbolsCorrect: 0,
    segmentsCorrect: 0,
    msP50: 0,
    msP95: 0,
  };
  const times: number[] = [];
  // One untimed warm-up: model decoding and JIT compilation happen once per page load,
  // not per expression.
  recognizeExpression(
    [
      [
        { x: 0, y: 0 },
        { x: 1, y: 1 },
      ],
    ],
    { classifier: sharedClassifier },
  );
  for (const rec of records) {
    if (rec.latex === null) continue;
    const classifier = options.classifierFor?.(rec) ?? sharedClassifier;
    const strokes = toStrokes(rec);
    const t0 = options.now();
    const result = recognizeExpression(strokes, {
      classifier,
      ...(options.boundaryWeight !== undefined ? { boundaryWeight: options.boundaryWeight } : {}),
    });
    const ms = options.now() - t0;
    times.push(ms);
    options.onPrediction?.({
      id: rec.id,
      latex: result.latex,
      confidence: result.confidence,
      ms: Number(ms.toFixed(3)),
    });
    sum.expressions++;
    // Exact means equal tokens, braces included: the edit distance leaves braces out, so
    // a structure error that moves only braces (\sqrt{} 4 for \sqrt{4}) still costs one.
    const d = latexTokensEqual(result.latex, rec.latex)
      ? 0
      : Math.max(1, latexEditDistance(result.latex, rec.latex));
    if (d === 0) sum.exact++;
    if (d <= 1) sum.withinOne++;
    if (d <= 2) sum.withinTwo++;

    // Segmentation: a true symbol counts when some predicted symbol has exactly its strokes.
    const predicted = new Set(
      result.symbols.map((s) => [...s.strokes].sort((a, b) => a - b).join(',')),
    );
    // Symbol rate with the true segmentation: classify each true group, with context.
    const groups = rec.symbols.map((s) =>
      s.strokes.map((i) => strokes[i] ?? []).filter((st) => st.length > 0),
    );
    const labels = labelsOfGroups(groups, classifier);
    rec.symbols.forEach((s, k) => {
      sum.symbols++;
      if (predicted.has([...s.strokes].sort((a, b) => a - b).join(','))) sum.segmentsCorrect++;
      if (labels[k] === s.label) sum.symbolsCorrect++;
    });
  }
  sum.msP50 = percentile(times, 50);
  sum.msP95 = percentile(times, 95);
  return sum;
}

const pct = (a: number, b: number): string => (b === 0 ? '0.00' : ((100 * a) / b).toFixed(2));

export function formatSummary(name: string, s: EvalSummary): string[] {
  return [
    `${name}: ${s.expressions} expressions, ${s.symbols} symbols`,
    `  expression rate: exact ${pct(s.exact, s.expressions)}%, ≤1 error ${pct(s.withinOne, s.expressions)}%, ≤2 errors ${pct(s.withinTwo, s.expressions)}%`,
    `  symbol rate (true segmentation): ${pct(s.symbolsCorrect, s.symbols)}%`,
    `  segmentation rate (symbols): ${pct(s.segmentsCorrect, s.symbols)}%`,
    `  latency per expression: p50 ${s.msP50.toFixed(2)} ms, p95 ${s.msP95.toFixed(2)} ms`,
  ];
}

export function expRate(s: EvalSummary): string {
  return pct(s.exact, s.expressions);
}
