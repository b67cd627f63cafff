import type { Stroke, StrokePoint } from '@motionmath/protocol';
import type { Box, Point } from './camera.ts';

export const EMPTY_BOX: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };

export function isEmptyBox(box: Box): boolean {
  return box.minX > box.maxX || box.minY > box.maxY;
}

export function boxOfPoints(points: readonly Point[], pad = 0): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  if (minX > maxX) return EMPTY_BOX;
  return { minX: minX - pad, minY: minY - pad, maxX: maxX + pad, maxY: maxY + pad };
}

export function unionBox(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** The box spanned by two corners given in any order (a drag rectangle). */
export function boxFromCorners(a: Point, b: Point): Box {
  return {
    minX: Math.min(a.x, b.x),
    minY: Math.min(a.y, b.y),
    maxX: Math.max(a.x, b.x),
    maxY: Math.max(a.y, b.y),
  };
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    outer.minX <= inner.minX &&
    outer.minY <= inner.minY &&
    outer.maxX >= inner.maxX &&
    outer.maxY >= inner.maxY
  );
}

export function expandBox(box: Box, by: number): Box {
  return { minX: box.minX - by, minY: box.minY - by, maxX: box.maxX + by, maxY: box.maxY + by };
}

/** Distance from `p` to the segment a–b. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from `p` to a polyline (a single point counts as a dot). */
export function distanceToPolyline(p: Point, points: readonly Point[]): number {
  const first = points[0];
  if (first === undefined) return Infinity;
  if (points.length === 1) return Math.hypot(p.x - first.x, p.y - first.y);
  let best = Infinity;
  for (let i = 1; i < points.length; i++) {
    best = Math.min(best, distanceToSegment(p, points[i - 1] as Point, points[i] as Point));
  }
  return best;
}

/** Whether a segment a–b crosses segment c–d (eraser swipes between two pointer samples). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (o: Point, p: Point, q: Point) =>
    (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

export function strokeBox(stroke: Stroke): Box {
  return boxOfPoints(stroke.points, stroke.width / 2);
}

/**
 * Whether `p` touches the stroke: within half its width plus `tolerance` (in board units)
 * of its centre line. The box test first keeps erasing over thousands of strokes cheap.
 */
export function hitStroke(stroke: Stroke, p: Point, tolerance: number): boolean {
  const reach = stroke.width / 2 + tolerance;
  const box = expandBox(boxOfPoints(stroke.points), reach);
  if (p.x < box.minX || p.x > box.maxX || p.y < box.minY || p.y > box.maxY) return false;
  return distanceToPolyline(p, stroke.points) <= reach;
}

/** The topmost stroke under `p`, if any (`strokes` in paint order). */
export function topStrokeAt(
  strokes: readonly Stroke[],
  p: Point,
  tolerance: number,
): Stroke | undefined {
  for (let i = strokes.length - 1; i >= 0; i--) {
    const s = strokes[i] as Stroke;
    if (hitStroke(s, p, tolerance)) return s;
  }
  return undefined;
}

/** Strokes the eraser path a→b touches: near either end, or crossing the segment between. */
export function strokesTouchedBySegment(
  strokes: readonly Stroke[],
  a: Point,
  b: Point,
  tolerance: number,
): Stroke[] {
  const swept = expandBox(boxFromCorners(a, b), tolerance);
  return strokes.filter((s) => {
    if (!boxesIntersect(strokeBox(s), swept)) return false;
    if (hitStroke(s, a, tolerance) || hitStroke(s, b, tolerance)) return true;
    const pts: readonly StrokePoint[] = s.points;
    for (let i = 1; i < pts.length; i++) {
      if (segmentsIntersect(a, b, pts[i - 1] as Point, pts[i] as Point)) return true;
    }
    return distanceToPolyline(a, pts) <= tolerance + s.width / 2;
  });
}

/** Strokes a selection rectangle picks: any stroke with a point inside (tldraw's "touch" mode). */
export function strokesInBox(strokes: readonly Stroke[], box: Box): Stroke[] {
  return strokes.filter(
    (s) =>
      boxesIntersect(strokeBox(s), box) &&
      s.points.some(
        (p) => p.x >= box.minX && p.x <= box.maxX && p.y >= box.minY && p.y <= box.maxY,
      ),
  );
}
