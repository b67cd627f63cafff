import { describe, expect, it } from 'vitest';
import { fillPolygons, simplify, thin, traceSkeleton } from './skeleton.ts';
import type { Bitmap } from './skeleton.ts';

type Pt = [number, number];
const rect = (x0: number, y0: number, x1: number, y1: number): Pt[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const inkCount = (b: Bitmap): number => b.data.reduce((s, v) => s + v, 0);
const degreeOf = (b: Bitmap, x: number, y: number): number => {
  let n = 0;
  for (let dy = -1; dy <= 1; dy++)
    for (let dx = -1; dx <= 1; dx++)
      if ((dx || dy) && b.data[(y + dy) * b.width + (x + dx)] === 1) n++;
  return n;
};
/** Length of a polyline. */
const length = (s: Pt[]): number =>
  s.slice(1).reduce((t, p, i) => t + Math.hypot(p[0] - s[i]![0], p[1] - s[i]![1]), 0);

describe('glyph outline to pen strokes', () => {
  it('fills polygons by nonzero winding: a counter-wound inner contour is a hole', () => {
    const outer = rect(2, 2, 22, 22);
    const inner = rect(8, 8, 16, 16).reverse();
    expect(inkCount(fillPolygons([outer], 24, 24))).toBe(400);
    expect(inkCount(fillPolygons([outer, inner], 24, 24))).toBe(400 - 64);
    // The same contour twice (same winding) is still filled once.
    expect(inkCount(fillPolygons([outer, rect(8, 8, 16, 16)], 24, 24))).toBe(400);
  });

  it('thins a thick bar to a one-pixel line along its middle', () => {
    const bar = thin(fillPolygons([rect(3, 10, 37, 18)], 40, 28));
    const rows = new Set<number>();
    for (let y = 0; y < bar.height; y++)
      for (let x = 0; x < bar.width; x++)
        if (bar.data[y * bar.width + x]) {
          rows.add(y);
          expect(degreeOf(bar, x, y)).toBeLessThanOrEqual(2);
        }
    expect([...rows].every((y) => y >= 12 && y <= 15)).toBe(true);
    expect(inkCount(bar)).toBeGreaterThan(20);
  });

  it('traces an L as one stroke, a + and a T as two, a ring as one closed stroke', () => {
    const trace = (polys: Pt[][], w = 48, h = 48): Pt[][] =>
      traceSkeleton(thin(fillPolygons(polys, w, h)));
    const l = trace([
      [
        [6, 4],
        [12, 4],
        [12, 36],
        [40, 36],
        [40, 42],
        [6, 42],
      ],
    ]);
    expect(l).toHaveLength(1);
    const plus = trace([rect(4, 21, 44, 27), rect(21, 4, 27, 44)]);
    expect(plus).toHaveLength(2);
    // A crossing's halves flow into each other: each stroke spans the glyph.
    for (const s of plus) expect(length(s)).toBeGreaterThan(30);
    const tee = trace([rect(4, 4, 44, 10), rect(21, 4, 27, 44)]);
    expect(tee).toHaveLength(2);
    const ring = trace([rect(6, 6, 42, 42), rect(14, 14, 34, 34).reverse()]);
    expect(ring).toHaveLength(1);
    const [first, last] = [ring[0]![0]!, ring[0]!.at(-1)!];
    expect(Math.hypot(first[0] - last[0], first[1] - last[1])).toBeLessThanOrEqual(1.5);
  });

  it('starts a stroke at the free end nearest the top left', () => {
    const [stroke] = traceSkeleton(thin(fillPolygons([rect(4, 20, 44, 26)], 48, 48)));
    expect(stroke![0]![0]).toBeLessThan(stroke!.at(-1)![0]);
  });

  it('simplifies a straight pixel run to its two ends', () => {
    const run: Pt[] = Array.from({ length: 20 }, (_, i): Pt => [i, i % 2 === 0 ? 0 : 0.3]);
    expect(simplify(run, 0.5)).toEqual([run[0], run.at(-1)]);
  });
});
