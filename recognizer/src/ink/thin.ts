import type { InkPoint } from './types.ts';

/**
 * At most `max` + 1 points of a stroke, evenly by index, keeping its last point. The
 * recognizer thins every stroke this way before segmentation; training and evaluation of
 * the stroke-boundary model thin the same way, so they measure distances on the same points.
 */
export function thinStroke(points: readonly InkPoint[], max: number): InkPoint[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  const out: InkPoint[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.floor(i * step)] as InkPoint);
  out.push(points.at(-1) as InkPoint);
  return out;
}
