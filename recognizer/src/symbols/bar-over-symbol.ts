import { BAR_MAX_ASPECT } from './stacking.ts';
import type { Box } from './features.ts';

/**
 * A group that ends in a bar with a symbol right under it is a numerator over a fraction
 * bar, not a ≤ ≥ or ± ("3 over a bar" looks just like ≥ to the classifier). On CROHME
 * train, 0 of 521 real ≤ ≥ ± have a symbol that close under them, while 98 % of
 * numerator-and-bar pairs do: the denominator.
 */
const BAR_AT_THE_BOTTOM: ReadonlySet<string> = new Set(['\\leq', '\\geq', '\\pm']);

/**
 * "Right under": the other stroke starts at most this far (× the group's size) below the
 * group's bottom. A denominator sits close under its bar; the next line of writing is at
 * least about half a line further down.
 */
export const UNDER_MAX_GAP = 0.6;
/** Tolerance for a stroke that starts a little above the bar (× the group's size). */
export const UNDER_OVERLAP_TOLERANCE = 0.1;

/**
 * Whether a stroke that is not a bar starts right under `group`, centred within its width.
 * Distances are relative to the group's larger side, so a fraction bar alone (flat) is
 * measured by its width.
 */
export function symbolUnder(group: Box, others: readonly Box[]): boolean {
  const h = Math.max(group.maxY - group.minY, group.maxX - group.minX);
  return others.some((o) => {
    if (isBar(o)) return false;
    const centre = (o.minX + o.maxX) / 2;
    return (
      o.minY >= group.maxY - UNDER_OVERLAP_TOLERANCE * h &&
      o.minY - group.maxY <= UNDER_MAX_GAP * h &&
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
/** A part this tall (× the group's height) is a symbol, not an arm of a < drawn apart. */
export const PART_MIN_HEIGHT = 0.3;

/**
 * Whether the group's own strokes hold a bar spanning it with a symbol under it ("b over a
 * over a bar" merged, or a bar over a z): the bar of ≤ ≥ ± has nothing under it. On CROHME
 * train this holds for none of the 520 multi-stroke ≤ ≥ ±.
 */
export function symbolUnderItsBar(strokes: readonly Box[]): boolean {
  const first = strokes[0];
  if (strokes.length < 2 || !first) return false;
  const group = strokes.reduce((g, b) => ({
    minX: Math.min(g.minX, b.minX),
    minY: Math.min(g.minY, b.minY),
    maxX: Math.max(g.maxX, b.maxX),
    maxY: Math.max(g.maxY, b.maxY),
  }));
  const h = group.maxY - group.minY;
  return strokes.some(
    (bar) =>
      bar.maxY - bar.minY <= SPANNING_BAR_MAX_ASPECT * (bar.maxX - bar.minX) &&
      bar.maxX - bar.minX >= SPANNING_BAR_MIN_WIDTH * (group.maxX - group.minX) &&
      strokes.some(
        (part) =>
          !isBar(part) &&
          part.maxY - part.minY >= PART_MIN_HEIGHT * h &&
          part.minY >= bar.maxY - UNDER_OVERLAP_TOLERANCE * h,
      ),
  );
}

function isBar(b: Box): boolean {
  return b.maxY - b.minY <= BAR_MAX_ASPECT * (b.maxX - b.minX);
}

/** Whether `label` can be read for a group with a symbol right under it. */
export function fitsOverSymbol(label: string): boolean {
  return !BAR_AT_THE_BOTTOM.has(label);
}
