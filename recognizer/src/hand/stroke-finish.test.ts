import { describe, expect, it } from 'vitest';
import {
  FIRST_POINT_WEIGHT,
  finishStroke,
  resampleCatmullRom,
  smoothInTime,
} from './stroke-finish.ts';
import type { InkPoint } from '../ink/types.ts';

/** A stroke sampled every 33 ms, like 30 fps frames. */
const frames = (pts: [number, number][]): InkPoint[] =>
  pts.map(([x, y], i) => ({ x, y, t: i * 33 }));

const length = (s: readonly InkPoint[]) =>
  s.slice(1).reduce((d, p, i) => d + Math.hypot(p.x - (s[i]?.x ?? 0), p.y - (s[i]?.y ?? 0)), 0);

describe('finishStroke', () => {
  it('pulls the first point (the pose-change hook) halfway towards the second', () => {
    const hooked = frames([
      [0.1, 0.3], // seen off the line
      [0.1, 0.1],
      [0.2, 0.1],
      [0.3, 0.1],
    ]);
    const out = finishStroke(hooked, { resampleStep: 0 });
    expect(out[0]?.x).toBeCloseTo(0.1);
    expect(out[0]?.y).toBeCloseTo(0.1 + 0.2 * FIRST_POINT_WEIGHT);
    expect(out.slice(1)).toEqual(hooked.slice(1));
  });

  it('keeps the first point of a stroke too short to lose length (a dot, a tiny bar)', () => {
    const bar = frames([
      [0.1, 0.1],
      [0.12, 0.1],
    ]);
    expect(finishStroke(bar, { resampleStep: 0 })).toEqual(bar);
  });

  it('resamples by arc length: even spacing, both ends kept, times interpolated', () => {
    const corner = frames([
      [0, 0],
      [0.1, 0],
      [0.1, 0.1],
    ]);
    const out = resampleCatmullRom(corner, 0.005);
    expect(out[0]).toMatchObject({ x: 0, y: 0, t: 0 });
    expect(out.at(-1)).toMatchObject({ x: 0.1, y: 0.1, t: 66 });
    const steps = out.slice(1).map((p, i) => Math.hypot(p.x - out[i]!.x, p.y - out[i]!.y));
    // Every step but the last (the remainder) is the requested spacing.
    for (const d of steps.slice(0, -1)) expect(d).toBeCloseTo(0.005, 4);
    // A curve through the corner, not the polygon: between 0.19 (chord-ish) and 0.2 long.
    expect(length(out)).toBeGreaterThan(0.17);
    expect(length(out)).toBeLessThan(0.21);
    const times = out.map((p) => p.t ?? NaN);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it('the curve passes through every frame point', () => {
    const zig = frames([
      [0, 0],
      [0.05, 0.05],
      [0.1, 0],
      [0.15, 0.05],
    ]);
    const out = resampleCatmullRom(zig, 0.001);
    for (const p of zig) {
      const nearest = Math.min(...out.map((q) => Math.hypot(q.x - p.x, q.y - p.y)));
      expect(nearest).toBeLessThan(0.001);
    }
  });

  it('smooths without lag: a straight line stays put, jitter shrinks, and slow points smooth more', () => {
    const line = frames(Array.from({ length: 10 }, (_, i): [number, number] => [i * 0.01, 0.2]));
    const smooth = smoothInTime(line, 33);
    for (const [i, p] of smooth.entries()) {
      expect(p.x).toBeCloseTo(line[i]!.x, 3);
      expect(p.y).toBeCloseTo(0.2, 9);
    }
    const jitter = frames(
      Array.from({ length: 10 }, (_, i): [number, number] => [0.5, 0.2 + (i % 2 ? 0.004 : -0.004)]),
    );
    const still = smoothInTime(jitter, 33, 0.1);
    // Inner points (the window narrows to nothing at the ends, which stay as written).
    const spread = (s: InkPoint[]) => {
      const inner = s.slice(3, -3).map((p) => p.y);
      return Math.max(...inner) - Math.min(...inner);
    };
    expect(spread(still)).toBeLessThan(spread(jitter) / 2);
    // The same jitter on a fast stroke (1 frame height/s) is left almost untouched.
    const fast = jitter.map((p, i) => ({ ...p, x: i * 0.033 }));
    expect(spread(smoothInTime(fast, 33, 0.1))).toBeGreaterThan(spread(still));
  });

  it('handles empty and one-point strokes', () => {
    expect(finishStroke([])).toEqual([]);
    expect(finishStroke([{ x: 1, y: 2, t: 0 }])).toEqual([{ x: 1, y: 2, t: 0 }]);
  });
});
