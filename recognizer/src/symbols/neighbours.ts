import type { SymbolScore } from './classifier.ts';
import type { Box } from './features.ts';
import { symbolUnder } from './bar-over-symbol.ts';
import { sameLine } from './lines.ts';

/**
 * Context rules that look at a symbol's neighbours on the page (typographic conventions,
 * written down, not fitted to data): a radical has something under it, and a letter x is
 * not followed by a digit on its baseline (that would be x², or 2x) while a × is.
 */

/**
 * A reading is replaced only by a candidate with at least this score: the rules settle
 * shape confusions (a 5 with a detached flag read as √, × read as x), they do not
 * invent symbols.
 */
export const NEIGHBOUR_SWAP_MIN = 0.05;

const DIGITS = new Set([...'0123456789']);

function moveToTop(c: SymbolScore[], k: number): SymbolScore[] {
  return [c[k] as SymbolScore, ...c.filter((_, i) => i !== k)];
}

/** Index of the best candidate satisfying `ok` with a score worth a swap, or -1. */
function bestOther(c: readonly SymbolScore[], ok: (label: string) => boolean): number {
  return c.findIndex((x, i) => i > 0 && ok(x.label) && x.score >= NEIGHBOUR_SWAP_MIN);
}

/**
 * The radical's hook takes this much of its box (× the smaller side) at the left; the
 * radicand starts to the right of it.
 */
export const RADICAL_HOOK = 0.3;

/**
 * Whether box `b` lies under a radical drawn in box `r`: right of its hook, mostly under
 * its bar, below the bar's height and with its centre above the radical's foot.
 */
function under(b: Box, r: Box): boolean {
  const hook = Math.min(r.maxX - r.minX, r.maxY - r.minY) * RADICAL_HOOK;
  return (
    b.minX > r.minX + hook &&
    r.maxX - b.minX >= (b.maxX - b.minX) / 2 &&
    b.minY > r.minY &&
    (b.minY + b.maxY) / 2 < r.maxY
  );
}

/**
 * A √ with nothing under it is a misread shape (a 5 with its flag, a 2): take the runner-up.
 * Conversely a "−" with a symbol under it, as a radical holds its radicand, is a long flat
 * √ (its hook is small beside a wide radicand); a minus or a fraction bar is too flat to
 * hold a symbol's centre.
 */
export function radicalNeedsRadicand(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
): SymbolScore[][] {
  return candidates.map((c, i) => {
    const r = boxes[i];
    const top = c[0]?.label;
    if (!r || (top !== '\\sqrt' && top !== '-')) return c;
    const holds = boxes.some((b, k) => k !== i && under(b, r));
    if (holds === (top === '\\sqrt')) return c;
    const alt = bestOther(c, (l) => (top === '-' ? l === '\\sqrt' : l !== '\\sqrt'));
    return alt > 0 ? moveToTop(c, alt) : c;
  });
}

/** A symbol and the one after it in reading order, as the pair rules below see them. */
interface Pair {
  /** Candidates of the symbol, best first. */
  readonly c: SymbolScore[];
  readonly box: Box;
  readonly next: Box;
  readonly nextLabel: string;
  readonly prevLabel: string;
  /** Index of the next symbol (into `boxes`). */
  readonly nextIndex: number;
}

/**
 * Runs `pick` on every symbol that has a successor in reading order; where it names a
 * candidate (index > 0 with a score worth a swap), that candidate becomes the reading.
 */
function rereadBeforeNext(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
  pick: (p: Pair) => number,
): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  for (let k = 0; k + 1 < order.length; k++) {
    const i = order[k] as number;
    const box = boxes[i];
    // The next symbol on the same line: a numerator's neighbour is not the denominator.
    const nextIndex = order.slice(k + 1).find((j) => sameLine(box, boxes[j]));
    if (nextIndex === undefined) continue;
    const c = out[i];
    const next = boxes[nextIndex];
    if (!c || !box || !next) continue;
    const nextLabel = out[nextIndex]?.[0]?.label ?? '';
    const prevLabel = k > 0 ? (out[order[k - 1] as number]?.[0]?.label ?? '') : '';
    const alt = pick({ c, box, next, nextLabel, prevLabel, nextIndex });
    if (alt > 0) out[i] = moveToTop(c, alt);
  }
  return out;
}

/** On the baseline: the next symbol reaches below this one's middle (an exponent does not). */
const onBaselineAfter = (p: Pair): boolean => p.next.maxY > (p.box.minY + p.box.maxY) / 2;

/**
 * An x followed by a digit on its baseline is a multiplication sign (2 × 3); a letter x
 * before a digit would be written x² (raised) or 2x. So is an x between a number or a
 * closing bracket and an opening bracket ("2 × (", ") × ("). `order` is the reading order.
 */
export function timesBeforeDigit(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
): SymbolScore[][] {
  return rereadBeforeNext(candidates, boxes, order, (p) => {
    if (p.c[0]?.label !== 'x') return -1;
    const digitAfter = DIGITS.has(p.nextLabel) && onBaselineAfter(p);
    const bracketAfter = p.nextLabel === '(' && (p.prevLabel === ')' || DIGITS.has(p.prevLabel));
    return digitAfter || bracketAfter ? bestOther(p.c, (l) => l === '\\times') : -1;
  });
}

/** Letters of the core set other than x (which has its own rule above). */
const LETTERS: ReadonlySet<string> = new Set([...'abcdnptyz']);

/**
 * No letter is written before a digit on its baseline ("t6", "a5": a coefficient comes
 * first, 6t, and a power is raised): such a letter is a misread digit or operator (a + with
 * a curl read as t, a 4 as a) and becomes its best candidate that is not a letter.
 */
export function noLetterBeforeDigit(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
): SymbolScore[][] {
  return rereadBeforeNext(candidates, boxes, order, (p) =>
    LETTERS.has(p.c[0]?.label ?? '') && DIGITS.has(p.nextLabel) && onBaselineAfter(p)
      ? bestOther(p.c, (l) => !LETTERS.has(l) && l !== 'x')
      : -1,
  );
}

/**
 * A × is followed by its operand; a minus sign right after it ("4x − 8") makes it the
 * letter x: "4 × −8" is written with brackets. A bar with a symbol under it is a fraction
 * bar, which can follow a × ("2 × ½").
 */
export function letterXBeforeMinus(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
): SymbolScore[][] {
  return rereadBeforeNext(candidates, boxes, order, (p) => {
    if (p.c[0]?.label !== '\\times' || p.nextLabel !== '-') return -1;
    const fractionBar = symbolUnder(
      p.next,
      boxes.filter((_, j) => j !== p.nextIndex),
    );
    return fractionBar ? -1 : bestOther(p.c, (l) => l === 'x');
  });
}

/** Letters that hang below the baseline (and the comma). */
const DESCENDERS: ReadonlySet<string> = new Set(['y', 'g', 'j', 'p', 'q', ',']);
/**
 * "Hangs like a descender": the symbol's bottom is below its neighbours' by at least this
 * fraction of their height, and its top below their top by at least as much (an ascender
 * such as b or d starts level with the digits; a y starts at the x-height and hangs below).
 */
export const DESCENDER_DROP = 0.2;

/**
 * A symbol placed like a descender against the neighbours on its line is read as one
 * (tracked or hasty ink turns a y into a b or a 4; the position still says y). The
 * neighbours are the symbols before and after it in reading order that share its height
 * band and are not much smaller.
 */
export function descendersHang(
  candidates: readonly SymbolScore[][],
  boxes: readonly Box[],
  order: readonly number[],
): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  const h = (b: Box): number => b.maxY - b.minY;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const c = out[i];
    const b = boxes[i];
    if (!c || !b || DESCENDERS.has(c[0]?.label ?? '')) continue;
    const near = [order[k - 1], order[k + 1]]
      .map((j) => (j === undefined ? undefined : boxes[j]))
      .filter(
        (n): n is Box =>
          n !== undefined &&
          h(n) >= 0.5 * h(b) &&
          h(n) > 0.5 * (n.maxX - n.minX) &&
          n.maxY > b.minY &&
          n.minY < b.maxY,
      );
    if (near.length === 0) continue;
    const top = Math.min(...near.map((n) => n.minY));
    const bottom = Math.max(...near.map((n) => n.maxY));
    const drop = DESCENDER_DROP * (bottom - top);
    if (b.maxY < bottom + drop || b.minY < top + drop) continue;
    const alt = bestOther(c, (l) => DESCENDERS.has(l) && l !== ',');
    if (alt > 0) out[i] = moveToTop(c, alt);
  }
  return out;
}
