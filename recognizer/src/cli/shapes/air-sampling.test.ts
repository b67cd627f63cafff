import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { synthesizer } from '../train-model.ts';
import { MARK_PX, airSample, framesAlong } from './air-sampling.ts';

type Pt = [number, number];
const circle = (n: number, radius = 1): Pt[] =>
  Array.from({ length: n + 1 }, (_, i): Pt => {
    const a = (2 * Math.PI * i) / n;
    return [radius * Math.cos(a), radius * Math.sin(a)];
  });
const sizeOf = (strokes: Pt[][]): number => {
  const pts = strokes.flat();
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
};

describe('framesAlong: a hand seen at 30 fps', () => {
  it('keeps both ends and steps evenly, never further than the step', () => {
    const line: Pt[] = [
      [0, 0],
      [3, 0],
      [10, 0],
    ];
    const frames = framesAlong(line, 3);
    expect(frames[0]).toEqual([0, 0]);
    expect(frames.at(-1)).toEqual([10, 0]);
    expect(frames).toHaveLength(5); // ceil(10 / 3) = 4 steps of 2.5
    for (let i = 1; i < frames.length; i++)
      expect((frames[i] as Pt)[0] - (frames[i - 1] as Pt)[0]).toBeCloseTo(2.5, 9);
  });

  it('gives even a tiny stroke two steps, and a single point stays a point', () => {
    expect(
      framesAlong(
        [
          [0, 0],
          [0.1, 0],
        ],
        5,
      ),
    ).toHaveLength(3);
    expect(framesAlong([[4, 2]], 5)).toEqual([[4, 2]]);
  });
});

describe('airSample: training ink made like air ink', () => {
  const seed = testSeed('air-sampling');

  it(`keeps the strokes, their size and shape, with finite points (seed ${seed})`, () => {
    const r = seededRandom(seed);
    const n = 40;
    let size = 0;
    let radial = 0;
    for (let k = 0; k < n; k++) {
      const ink = airSample(
        [
          circle(64),
          [
            [-1, 1.5],
            [1, 1.5],
          ],
        ],
        r,
      );
      expect(ink).toHaveLength(2);
      for (const p of ink.flat()) expect(p.every(Number.isFinite)).toBe(true);
      size += sizeOf(ink) / n;
      // Noise and sparse frames bend it (and move it), but a circle stays a circle.
      const pts = ink[0] as Pt[];
      const [cx, cy] = [0, 1].map(
        (d) => pts.reduce((s, p) => s + (p[d] as number), 0) / pts.length,
      );
      radial +=
        pts.reduce(
          (s, [x, y]) => s + Math.abs(Math.hypot(x - (cx as number), y - (cy as number)) - 1),
          0,
        ) /
        pts.length /
        n;
    }
    // On average: the size of the input (2.5 tall), a small symbol's noise is a fraction of it.
    expect(size).toBeGreaterThan(2.2);
    expect(size).toBeLessThan(3.4);
    expect(radial).toBeLessThan(0.2);
  });

  it(`is deterministic given the seed, and a small mark is noisier (seed ${seed})`, () => {
    const proto = [circle(32)];
    expect(airSample(proto, seededRandom(seed))).toEqual(airSample(proto, seededRandom(seed)));
    const wobble = (sizePx?: readonly [number, number]) => {
      const r = seededRandom(seed);
      let sum = 0;
      for (let k = 0; k < 30; k++) {
        const pts = (sizePx ? airSample(proto, r, sizePx) : airSample(proto, r))[0] as Pt[];
        sum += pts.reduce((s, [x, y]) => s + Math.abs(Math.hypot(x, y) - 1), 0) / pts.length;
      }
      return sum / 30;
    };
    expect(wobble(MARK_PX)).toBeGreaterThan(2 * wobble());
  });

  it('is drawn by the synthesizer only when asked, and leaves the other draws as they were', () => {
    const plain = synthesizer(['2'], seededRandom(seed), {});
    const none = synthesizer(['2'], seededRandom(seed), { airShare: 0 });
    const air = synthesizer(['2'], seededRandom(seed), { airShare: 1 });
    const p = plain.sample('2');
    expect(none.sample('2')).toEqual(p);
    expect(air.sample('2')).not.toEqual(p);
  });
});
