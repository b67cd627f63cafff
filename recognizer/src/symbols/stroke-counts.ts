/**
 * How many strokes a symbol takes at most when written by hand, by shape: a 6 or a 0 is
 * one loop (two if closed apart), a 1 has a flag and a foot, a 4 or 5 a separate bar, an
 * x or t two crossing lines (a third when retraced), ÷ ± ≠ π three, a bracket one (a
 * second stroke beside it is a 1: "(1"). A group with more strokes than that is almost
 * always two symbols merged ("4x" read as a 4, "by" as a b): the scale-free classifier
 * cannot count strokes reliably, the segmentation can.
 */
const MAX_STROKES: Readonly<Record<string, number>> = {
  '0': 2,
  '2': 2,
  '3': 2,
  '6': 2,
  '8': 2,
  '9': 2,
  '1': 3,
  '4': 3,
  '5': 3,
  '7': 3,
  a: 2,
  b: 2,
  c: 2,
  d: 2,
  n: 2,
  y: 3,
  t: 3,
  x: 3,
  z: 3,
  '\\times': 3,
  '\\sqrt': 3,
  '(': 1,
  ')': 1,
  '[': 3,
  ']': 2,
  '.': 2,
  ',': 2,
  '/': 2,
  '\\lt': 2,
  '\\gt': 2,
};
/** Factor per stroke beyond the maximum (labels not listed have no limit). */
export const EXTRA_STROKE_FACTOR = 0.1;

/** Factor for reading a group of `strokes` strokes as `label`. */
export function strokeCountPlausibility(label: string, strokes: number): number {
  const max = MAX_STROKES[label];
  return max === undefined || strokes <= max ? 1 : EXTRA_STROKE_FACTOR ** (strokes - max);
}
