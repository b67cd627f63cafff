import { describe, expect, it } from 'vitest';
import type { StrokePoint } from '@motionmath/protocol';
import { appendPoint, hasRealPressure, inkOutline, inkPath, MIN_POINT_DISTANCE } from './ink.ts';

const line = (n: number, pressure = 0.5): StrokePoint[] =>
  Array.from({ length: n }, (_, i) => ({ x: i * 5, y: Math.sin(i / 3) * 10, pressure, t: i * 8 }));

describe('ink', () => {
  it('outlines a stroke as a closed polygon around its points, about as wide as the pen', () => {
    const outline = inkOutline(line(20), 8, true);
    expect(outline.length).toBeGreaterThan(10);
    const ys = outline.map((p) => p[1] as number);
    const spread = Math.max(...ys) - Math.min(...ys);
    // The centre line spans ±10; the outline adds up to half the width either side.
    expect(spread).toBeGreaterThan(20);
    expect(spread).toBeLessThan(20 + 8 + 1);
  });

  it('uses a pen’s real pressure: harder is wider', () => {
    const width = (pressure: number) => {
      const ys = inkOutline(
        line(2).map((p, i) => ({ ...p, x: i * 100, y: 0, pressure })),
        10,
        true,
      ).map((p) => p[1] as number);
      return Math.max(...ys) - Math.min(...ys);
    };
    expect(hasRealPressure(line(3, 0.9))).toBe(true);
    expect(hasRealPressure(line(3))).toBe(false);
    expect(width(0.95)).toBeGreaterThan(width(0.1));
  });

  it('writes an SVG path, closed', () => {
    const d = inkPath(line(10), 4);
    expect(d.startsWith('M')).toBe(true);
    expect(d.endsWith('Z')).toBe(true);
    expect(inkPath([], 4)).toBe('');
  });

  it('drops samples closer than the minimum distance', () => {
    const pts: StrokePoint[] = [];
    expect(appendPoint(pts, { x: 0, y: 0, pressure: 0.5, t: 0 })).toBe(true);
    expect(appendPoint(pts, { x: MIN_POINT_DISTANCE / 2, y: 0, pressure: 0.5, t: 1 })).toBe(false);
    expect(appendPoint(pts, { x: MIN_POINT_DISTANCE * 2, y: 0, pressure: 0.5, t: 2 })).toBe(true);
    expect(pts).toHaveLength(2);
  });
});
