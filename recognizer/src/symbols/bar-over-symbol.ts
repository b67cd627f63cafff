import { isFlat, size, union } from './stacking.ts';
import type { Box } from './features.ts';

/**
 * A group that ends in a bar with a symbol right under it is a numerator over a fraction
 * bar, not a ≤ ≥ ± or ≠ ("3 over a bar" looks just like ≥ to the classifier). On CROHME
 * train, 0 of 633 real ≤ ≥ ± ≠ have a symbol that close under them, while 98 % of
 * numerator-and-bar pairs do: the denominator.
 */
const BAR_AT_THE_BOTTOM: ReadonlySet<string> = new Set(['\\leq', '\\geq', '\\pm', '\\neq']);

/**
 * "Right under": the other stroke starts at most this far (× the group's size) below the
 * group's bottom. A denominator sits close under its bar; the next line of writing is at
 * least about half a line further down.
 */
export const UNDER_MAX_GAP = 0.6;
/** Tolerance for a stroke that starts a little above the bar (× the group's size). */
export const UNDER_OVERLAP_TOLERANCE = 0.1;

/**
 * The same from above: a group whose top is a bar with a symbol right over it is a fraction
 * bar and its denominator, not a π, 7 or 5 (a bar over a 4 reads as π). On CROHME train,
 * 10 of 2,347 real π 7 5 T have a symbol this close over them, while 98 % of bar-and-
 * denominator pairs have their numerator there. Tighter than under: a π in a denominator
 * sits under a numerator too, only further away.
 */
const BAR_AT_THE_TOP: ReadonlySet<string> = new Set(['\\pi', '7', '5']);
export const OVER_MAX_GAP = 0.4;

/**
 * Whether a stroke that is not a bar starts right under `group` (or, `over`, ends right
 * over it), centred within its width. Distances are relative to the group's larger side,
 * so a fraction bar alone (flat) is measured by its width.
 */
export function symbolUnder(group: Box, others: readonly Box[], over = false): boolean {
  const h = Math.max(group.maxY - group.minY, group.maxX - group.minX);
  return others.some((o) => {
    if (isFlat(o)) return false;
    const centre = (o.minX + o.maxX) / 2;
    const gap = over ? group.minY - o.maxY : o.minY - group.maxY;
    return (
      gap >= -UNDER_OVERLAP_TOLERANCE * h &&
      gap <= (over ? OVER_MAX_GAP : UNDER_MAX_GAP) * h &&
      centre >= group.minX &&
      centre <= group.maxX
    );
  });
}

/** A bar this wide (× the group's width) spans the group, like a fraction bar or the bar of ≤. */
export const SPANNING_BAR_MIN_WIDTH = 0.6;
/**
 * A spanning bar is this flat (height / width) at most: a fraction bar is drawn straight,
 * while each arm of a < drawn as two strokes is about half as tall as wide.
 */
export const SPANNING_BAR_MAX_ASPECT = 0.3;
/**
 * A part this large (its larger side × the group's) is a symbol, not a stray tick; the
 * first stroke of a 4 under a bar counts.
 */
export const PART_MIN_SIZE = 0.3;

/**
 * Whether the group's own strokes hold a bar spanning it with a symbol under it ("b over a
 * over a bar" merged, or a bar over a z), or with one of the `others` right under the bar
 * (the other arc of an x): the bar of ≤ ≥ ± ≠ has nothing under it. On CROHME train the
 * first holds for none of the 520 multi-stroke ≤ ≥ ±, and 1 of 112 ≠.
 */
export function symbolUnderItsBar(strokes: readonly Box[], others: readonly Box[] = []): boolean {
  if (strokes.length < 2) return false;
  const group = strokes.reduce(union);
  const h = group.maxY - group.minY;
  return strokes.some(
    (bar) =>
      isStraightBar(bar) &&
      bar.maxX - bar.minX >= SPANNING_BAR_MIN_WIDTH * (group.maxX - group.minX) &&
      (strokes.some(
        (part) =>
          // A squat a or x under the bar is no straight bar, though flat enough to stack.
          !isStraightBar(part) &&
          size(part) >= PART_MIN_SIZE * size(group) &&
          part.minY >= bar.maxY - UNDER_OVERLAP_TOLERANCE * h,
      ) ||
        // The rest of a denominator, outside the group (the other arc of an x under it).
        symbolUnder(bar, others)),
  );
}

function isStraightBar(b: Box): boolean {
  return b.maxY - b.minY <= SPANNING_BAR_MAX_ASPECT * (b.maxX - b.minX);
}

/** Whether `label` can be read for a group with a symbol right under it. */
export function fitsOverSymbol(label: string): boolean {
  return !BAR_AT_THE_BOTTOM.has(label);
}

/** Whether `label` can be read for a group of strokes with a symbol right over it. */
export function fitsUnderSymbol(label: string): boolean {
  return !BAR_AT_THE_TOP.has(label);
}
