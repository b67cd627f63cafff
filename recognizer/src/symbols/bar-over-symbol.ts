import { BAR_MAX_ASPECT } from './stacking.ts';
import type { Box } from './features.ts';

/**
 * A group that ends in a bar with a symbol right under it is a numerator over a fraction
 * bar, not a ≤ ≥ or ± ("3 over a bar" looks just like ≥ to the classifier). On CROHME
 * train, 0 of 521 real ≤ ≥ ± have a symbol that close under them, while 94 % of
 * numerator-and-bar pairs do: the denominator.
 */
const BAR_AT_THE_BOTTOM: ReadonlySet<string> = new Set(['\\leq', '\\geq', '\\pm']);

/**
 * "Right under": the other stroke starts at most this far (× the group's height) below the
 * group's bottom. A denominator sits close under its bar; the next line of writing is at
 * least about half a line further down.
 */
export const UNDER_MAX_GAP = 0.6;
/** Tolerance for a stroke that starts a little above the bar (× the group's height). */
export const UNDER_OVERLAP_TOLERANCE = 0.1;

/** Whether a stroke that is not a bar starts right under `group`, centred within its width. */
export function symbolUnder(group: Box, others: readonly Box[]): boolean {
  const h = group.maxY - group.minY;
  return others.some((o) => {
    if (o.maxY - o.minY <= BAR_MAX_ASPECT * (o.maxX - o.minX)) return false;
    const centre = (o.minX + o.maxX) / 2;
    return (
      o.minY >= group.maxY - UNDER_OVERLAP_TOLERANCE * h &&
      o.minY - group.maxY <= UNDER_MAX_GAP * h &&
      centre >= group.minX &&
      centre <= group.maxX
    );
  });
}

/** Whether `label` can be read for a group with a symbol right under it. */
export function fitsOverSymbol(label: string): boolean {
  return !BAR_AT_THE_BOTTOM.has(label);
}
