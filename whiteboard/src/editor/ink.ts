import { getStroke } from 'perfect-freehand';
import type { StrokeOptions } from 'perfect-freehand';
import type { StrokePoint } from '@motionmath/protocol';

/**
 * Pen input → smooth ink. Points are stored raw (with pressure and time) so every client
 * can re-render them; the outline polygon is computed here with perfect-freehand.
 */

/** Mouse and touch report this constant pressure (Pointer Events spec); a pen varies it. */
export const NO_PRESSURE = 0.5;

/** perfect-freehand settings: a little thinning for a pen feel, strong smoothing for shaky hands. */
const INK_OPTIONS: StrokeOptions = {
  thinning: 0.5,
  smoothing: 0.5,
  streamline: 0.5,
};

/** Whether the points carry real pressure (a pen) or the mouse default everywhere. */
export function hasRealPressure(points: readonly StrokePoint[]): boolean {
  return points.some((p) => p.pressure !== NO_PRESSURE && p.pressure !== 0);
}

/** The ink outline polygon for stroke points: real pressure when a pen gave it, else simulated from speed. */
export function inkOutline(
  points: readonly StrokePoint[],
  width: number,
  complete: boolean,
): number[][] {
  const real = hasRealPressure(points);
  return getStroke(
    points.map((p) => [p.x, p.y, p.pressure]),
    { ...INK_OPTIONS, size: width, simulatePressure: !real, last: complete },
  );
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();

/** An outline polygon as an SVG path (quadratic curves through midpoints, as perfect-freehand recommends). */
export function outlineToSvgPath(outline: readonly number[][]): string {
  const n = outline.length;
  if (n === 0) return '';
  const at = (i: number) => outline[i % n] as number[];
  const [x0 = 0, y0 = 0] = at(0);
  if (n < 3) {
    const [x1 = x0, y1 = y0] = at(n - 1);
    return `M${fmt(x0)},${fmt(y0)}L${fmt(x1)},${fmt(y1)}Z`;
  }
  const parts = [`M${fmt(x0)},${fmt(y0)}Q`];
  for (let i = 0; i < n; i++) {
    const [ax = 0, ay = 0] = at(i);
    const [bx = 0, by = 0] = at(i + 1);
    parts.push(`${fmt(ax)},${fmt(ay)} ${fmt((ax + bx) / 2)},${fmt((ay + by) / 2)} `);
  }
  parts.push('Z');
  return parts.join('');
}

/** SVG path data for a stroke's ink. */
export function inkPath(points: readonly StrokePoint[], width: number, complete = true): string {
  return outlineToSvgPath(inkOutline(points, width, complete));
}

/** Minimum distance (board units) between recorded points: denser samples add bytes, not shape. */
export const MIN_POINT_DISTANCE = 0.75;

/** Append a pointer sample unless it is closer than MIN_POINT_DISTANCE to the last one. */
export function appendPoint(points: StrokePoint[], p: StrokePoint): boolean {
  const last = points.at(-1);
  if (last !== undefined && Math.hypot(p.x - last.x, p.y - last.y) < MIN_POINT_DISTANCE)
    return false;
  points.push(p);
  return true;
}
