import type { Box } from './features.ts';
import type { SymbolScore } from './classifier.ts';
import { promoteBest } from './promote.ts';

/**
 * Context rules: shapes that are the same or nearly the same in isolation (· . , x ×
 * 1 ( /) differ by size and position relative to the line. These rules are typographic
 * conventions, written down, not fitted to any data set.
 */

export interface ContextSymbol {
  box: Box;
  ranked: SymbolScore[];
  /** Boxes of the symbol's strokes, when known (stacked-symbol checks need them). */
  parts?: readonly Box[];
}

/** A mark smaller than this fraction of the line's typical symbol size is a dot or comma. */
export const DOT_MAX_SIZE = 0.22;
/** A comma is at most this big relative to the line's symbols (it is a small mark). */
export const COMMA_MAX_SIZE = 0.55;
/** A comma is elongated: height / width at least this. */
export const COMMA_MIN_ASPECT = 1.6;
/** A dot whose centre is above this fraction of its neighbours' height (from the bottom) is `\cdot`. */
export const CDOT_MIN_HEIGHT = 0.38;
/**
 * Prior odds against × relative to x when the shape cannot tell them apart: the letter is
 * far more common in written math, and × is usually drawn clearly as two straight lines.
 */
export const TIMES_PRIOR = 0.35;
/**
 * Prior odds against z relative to the shapes it is confused with (2, and less often 8
 * or [): handwritten 2 and z differ only by a corner, and the digit is far more common in
 * written math. Like `TIMES_PRIOR`, a typographic prior; checked on CROHME train.
 */
export const Z_PRIOR = 0.5;
/**
 * Prior odds against t relative to + (a + with a curled foot reads as t): the operator is
 * far more common in written math than the letter t. A typographic prior like `Z_PRIOR`.
 */
export const T_PRIOR = 0.5;
/** Brackets span the line: a bracket shape much smaller than the line is more likely 1, c, or l. */
export const BRACKET_MIN_SIZE = 0.6;
/**
 * Brackets enclose what they group, so they are drawn at least as tall as the line's
 * typical symbol (a digit); a shorter stroke of bracket shape is more likely a 1. Factor
 * on the bracket readings of such a stroke.
 */
export const BRACKET_MIN_HEIGHT = 1;
export const SHORT_BRACKET_FACTOR = 0.3;
/**
 * A slash leans: a stroke narrower than this (width / height) is upright, a 1 or a
 * bracket rather than a `/`. Factor on the slash reading of such a stroke.
 */
export const SLASH_MIN_SLANT = 0.15;
export const UPRIGHT_SLASH_FACTOR = 0.3;
/**
 * A slash spans the line like the digits it divides; one shorter than this (× the line's
 * typical size) is more likely a comma or a 1. Factor on its slash reading.
 */
export const SLASH_MIN_HEIGHT = 0.8;
export const SHORT_SLASH_FACTOR = 0.3;
/**
 * ≤ ≥ ± written in several strokes have their bar at the bottom; a group whose lowest
 * stroke is not flat (a 5 whose flag is its top stroke) is not one of them. Factor on
 * those readings; a stroke is flat when its height is at most `BAR_ASPECT` × its width.
 */
export const BAR_AT_BOTTOM_FACTOR = 0.2;
export const BAR_ASPECT = 0.5;
const BAR_AT_BOTTOM: ReadonlySet<string> = new Set(['\\leq', '\\geq', '\\pm']);

/** Whether the lowest of several stroke boxes is a bar (always true for one stroke). */
function barAtBottom(parts: readonly Box[] | undefined): boolean {
  if (!parts || parts.length < 2) return true;
  const lowest = parts.reduce((a, b) => (b.minY + b.maxY > a.minY + a.maxY ? b : a));
  return lowest.maxY - lowest.minY <= BAR_ASPECT * (lowest.maxX - lowest.minX);
}

function sizeOf(b: Box): number {
  return Math.max(b.maxX - b.minX, b.maxY - b.minY);
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Typical symbol size of the expression (ignoring marks that are clearly dots). */
export function referenceSize(boxes: readonly Box[]): number {
  const sizes = boxes.map(sizeOf);
  const m = median(sizes);
  const big = sizes.filter((s) => s > m * 0.4);
  return median(big.length > 0 ? big : sizes);
}

function renormalize(r: SymbolScore[]): SymbolScore[] {
  const total = r.reduce((s, x) => s + x.score, 0);
  return r
    .map((x) => ({ label: x.label, score: total > 0 ? x.score / total : 0 }))
    .sort((a, b) => b.score - a.score);
}

export function applyContext(symbols: readonly ContextSymbol[]): SymbolScore[][] {
  const ref = referenceSize(symbols.map((s) => s.box));
  return symbols.map((sym, i) => {
    const b = sym.box;
    const w = b.maxX - b.minX;
    const h = b.maxY - b.minY;
    const rel = ref > 0 ? sizeOf(b) / ref : 1;
    if (rel < DOT_MAX_SIZE || sizeOf(b) === 0) {
      // A tiny mark: a dot (baseline or centred) or a comma.
      const isComma =
        h > COMMA_MIN_ASPECT * w && (sym.ranked.find((r) => r.label === ',')?.score ?? 0) > 0.05;
      if (isComma)
        return [
          { label: ',', score: 0.9 },
          { label: '.', score: 0.1 },
        ];
      const neighbours = [symbols[i - 1], symbols[i + 1]].filter(
        (s): s is ContextSymbol => s !== undefined && sizeOf(s.box) > sizeOf(b) * 2,
      );
      const nb = neighbours.map((s) => s.box);
      const bottom = nb.length > 0 ? median(nb.map((x) => x.maxY)) : b.maxY;
      const height = nb.length > 0 ? median(nb.map((x) => x.maxY - x.minY)) : ref;
      const cy = (b.minY + b.maxY) / 2;
      const raised = height > 0 && (bottom - cy) / height > CDOT_MIN_HEIGHT;
      return raised
        ? [
            { label: '\\cdot', score: 0.9 },
            { label: '.', score: 0.1 },
          ]
        : [
            { label: '.', score: 0.9 },
            { label: '\\cdot', score: 0.1 },
          ];
    }
    const ranked = sym.ranked.map((r) => {
      let s = r.score;
      if (r.label === '.') s = 0; // not tiny: cannot be a dot
      if (r.label === ',' && rel > COMMA_MAX_SIZE) s = 0;
      if (r.label === '\\times') s *= TIMES_PRIOR;
      if (r.label === 'z') s *= Z_PRIOR;
      if (r.label === 't') s *= T_PRIOR;
      const bracket = r.label === '(' || r.label === ')' || r.label === '[' || r.label === ']';
      if (bracket && rel < BRACKET_MIN_SIZE) s *= 0.3;
      if (bracket && ref > 0 && h < BRACKET_MIN_HEIGHT * ref) s *= SHORT_BRACKET_FACTOR;
      if (r.label === '/' && w < SLASH_MIN_SLANT * h) s *= UPRIGHT_SLASH_FACTOR;
      if (r.label === '/' && ref > 0 && h < SLASH_MIN_HEIGHT * ref) s *= SHORT_SLASH_FACTOR;
      if (BAR_AT_BOTTOM.has(r.label) && !barAtBottom(sym.parts)) s *= BAR_AT_BOTTOM_FACTOR;
      return { label: r.label, score: s };
    });
    return renormalize(ranked);
  });
}

/**
 * A closing bracket needs an opening one before it (and vice versa). When a bracket has
 * no partner in the expression and its runner-up is a plausible symbol (at least this
 * score), the runner-up is taken instead: handwritten 1 and ) are often alike, and
 * this grammar rule separates them where the shape cannot.
 */
export const UNPAIRED_BRACKET_SWAP_MIN = 0.05;
/**
 * Before that, an unpaired bracket looks for its partner among the other symbols: one
 * whose candidates include the missing bracket with at least this score becomes it (a "("
 * read as c, a ")" read as 1).
 */
export const BRACKET_PARTNER_MIN = 0.25;
/**
 * "[ … )": brackets of two kinds closing each other. One of them is misread (square and
 * round brackets differ only in their corners) when it has the other kind as a candidate
 * with at least this score; the likelier of the two swaps. Below it the pair stays mixed,
 * as a half-open interval "[0, 1)" is written on purpose.
 */
export const MIXED_BRACKET_SWAP_MIN = 0.1;

/** Brackets and their partners (the opening bracket's closing one, and back). */
export const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']' };
export const CLOSE: Readonly<Record<string, string>> = { ')': '(', ']': '[' };

/** Reorders candidates of unpaired brackets; `order` is the reading order (left to right). */
export function pairBrackets(
  candidates: SymbolScore[][],
  order: readonly number[],
): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  const label = (i: number): string => out[i]?.[0]?.label ?? '';
  const score = (i: number, l: string): number => out[i]?.find((x) => x.label === l)?.score ?? 0;
  const demote = (i: number): void => {
    const c = out[i];
    if (!c) return;
    const alt = c.findIndex(
      (x) => !(x.label in OPEN) && !(x.label in CLOSE) && x.score >= UNPAIRED_BRACKET_SWAP_MIN,
    );
    if (alt > 0) out[i] = [c[alt] as SymbolScore, ...c.filter((_, k) => k !== alt)];
  };
  /** The nearest symbol in `range` (reading positions) that may be `bracket` instead. */
  const partner = (range: readonly number[], bracket: string): number | undefined =>
    range.find((i) => {
      const l = label(i);
      return !(l in OPEN) && !(l in CLOSE) && score(i, bracket) >= BRACKET_PARTNER_MIN;
    });
  const promote = (i: number, bracket: string): void => {
    const c = out[i];
    const k = c?.findIndex((x) => x.label === bracket) ?? -1;
    if (c && k > 0) out[i] = [c[k] as SymbolScore, ...c.filter((_, j) => j !== k)];
  };
  /** Makes `open` and `close` one kind of bracket if either is likely the other kind. */
  const matchKinds = (open: number, close: number): boolean => {
    const [asOpen, asClose] = [CLOSE[label(close)] as string, OPEN[label(open)] as string];
    const [openScore, closeScore] = [score(open, asOpen), score(close, asClose)];
    if (Math.max(openScore, closeScore) < MIXED_BRACKET_SWAP_MIN) return false;
    if (openScore >= closeScore) promote(open, asOpen);
    else promote(close, asClose);
    return true;
  };
  const stack: number[] = [];
  for (const [pos, i] of order.entries()) {
    const l = label(i);
    if (l in OPEN) stack.push(i);
    else if (l in CLOSE) {
      const top = stack.at(-1);
      if (top !== undefined && (CLOSE[l] === label(top) || matchKinds(top, i))) stack.pop();
      else {
        // A "(" misread as c or 1 earlier on the line makes this ")" right.
        const open = partner(order.slice(0, pos).reverse(), CLOSE[l] as string);
        if (open !== undefined) promote(open, CLOSE[l] as string);
        else demote(i);
      }
    }
  }
  for (const i of stack) {
    const pos = order.indexOf(i);
    const close = partner(order.slice(pos + 1), OPEN[label(i)] as string);
    if (close !== undefined) promote(close, OPEN[label(i)] as string);
    else demote(i);
  }
  return out;
}

/**
 * Infix operators and relations: each needs an operand on both sides in reading order.
 * (`−` is not one: it is also a unary minus and, by layout, a fraction bar; `±` may
 * start an expression.)
 */
export const INFIX: ReadonlySet<string> = new Set([
  '+',
  '/',
  '=',
  '\\times',
  '\\div',
  '\\cdot',
  '\\lt',
  '\\gt',
  '\\leq',
  '\\geq',
  '\\neq',
]);
/** `±` cannot end an expression or follow another operator, but it may start one. */
export const PREFIX_OK: ReadonlySet<string> = new Set(['\\pm']);
/** An operator of either kind: what the grammar rules re-read when it is out of place. */
export const isOperator = (label: string): boolean => INFIX.has(label) || PREFIX_OK.has(label);
/**
 * A misplaced operator is replaced by its best non-operator candidate only when that
 * candidate has at least this score: the rule fixes shape confusions (+ read for a 4 or
 * a t, × for an x), it does not invent symbols.
 */
export const OPERATOR_SWAP_MIN = 0.05;

/**
 * Grammar rule: an infix operator at the start or the end of the expression (in reading
 * order), or right after another operator, is more likely a misread operand. The weaker
 * of two adjacent operators is the one replaced.
 */
export function operatorsNeedOperands(
  candidates: SymbolScore[][],
  order: readonly number[],
): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  const isOp = (i: number): boolean => isOperator(out[i]?.[0]?.label ?? '');
  const demote = (i: number): void => {
    const c = out[i];
    if (c) out[i] = promoteBest(c, (l) => !isOperator(l), OPERATOR_SWAP_MIN);
  };
  const first = order[0];
  const last = order.at(-1);
  if (first !== undefined && INFIX.has(out[first]?.[0]?.label ?? '')) demote(first);
  if (last !== undefined && last !== first && isOp(last)) demote(last);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (!isOp(a) || !isOp(b)) continue;
    const score = (i: number): number => out[i]?.[0]?.score ?? 0;
    demote(score(a) < score(b) ? a : b);
  }
  return out;
}
