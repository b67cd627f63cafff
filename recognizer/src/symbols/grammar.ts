import type { SymbolScore } from './classifier.ts';
import { INFIX } from './context.ts';
import type { Box } from './features.ts';
import { promoteBest } from './promote.ts';

/**
 * Grammar around brackets, in reading order: a closing bracket ends an operand, so it
 * cannot follow an operator or an opening bracket, and it is not followed by a digit on
 * the baseline ("(a+b)2" is not written; "(a+b)²" is raised). An infix operator cannot
 * follow an opening bracket, a √ or a minus, nor precede a closing one. A symbol in such
 * a place is a misread shape (1 read as ")" or "/", the shapes are alike); it becomes its
 * best candidate that fits. Written rules, not fitted to data.
 */

/**
 * A misplaced symbol is replaced by a candidate with at least this score. Lower than the
 * pairing rule's threshold: these places are impossible, not merely unlikely, so even a
 * weak runner-up is the better reading; it still has to be a candidate the shape allows.
 */
export const MISPLACED_SWAP_MIN = 0.02;
/**
 * "On the baseline": the digit after a bracket reaches below the bracket's middle by at
 * least this fraction of the bracket's height (an exponent ends above its middle).
 */
export const BASELINE_BELOW_MIDDLE = 0.2;

const OPEN = new Set(['(', '[']);
const CLOSE = new Set([')', ']']);

const DIGITS = new Set([...'0123456789']);
/**
 * An infix operator cannot follow these: an opening bracket, a radical (its radicand starts
 * there) or a minus sign or fraction bar (reading order puts a bar before its numerator).
 */
const AFTER_NO_INFIX: ReadonlySet<string> = new Set([...OPEN, '\\sqrt', '-']);

const demote = (c: SymbolScore[], bad: (label: string) => boolean): SymbolScore[] =>
  promoteBest(c, (label) => !bad(label), MISPLACED_SWAP_MIN);

export function bracketsInPlace(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  const label = (k: number): string => {
    const i = order[k];
    return i === undefined ? '' : (out[i]?.[0]?.label ?? '');
  };
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const c = out[i];
    const b = boxes[i];
    if (!c || !b) continue;
    const l = label(k);
    const before = label(k - 1);
    const after = label(k + 1);
    if (CLOSE.has(l)) {
      const next = boxes[order[k + 1] ?? -1];
      const h = b.maxY - b.minY;
      const digitOnBaseline =
        DIGITS.has(after) &&
        next !== undefined &&
        next.maxY > (b.minY + b.maxY) / 2 + BASELINE_BELOW_MIDDLE * h;
      if (k === 0 || INFIX.has(before) || OPEN.has(before) || digitOnBaseline)
        out[i] = demote(c, (x) => CLOSE.has(x) || OPEN.has(x));
    } else if (INFIX.has(l) && (AFTER_NO_INFIX.has(before) || CLOSE.has(after))) {
      out[i] = demote(c, (x) => INFIX.has(x));
    }
  }
  return out;
}
