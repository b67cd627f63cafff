import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';
import { recognizeExpression } from './recognize.ts';
import { PenTracker } from './hand/pen-tracker.ts';
import { classifyHand } from './hand/gesture.ts';
import type { InkPoint } from './ink/types.ts';

/** Numbers a careless or hostile caller might send. */
const NASTY = [NaN, Infinity, -Infinity, 0, -0, 1e308, -1e308, 5e-324, 1e15];

function num(r: Random): number {
  return r.chance(0.15) ? r.pick(NASTY) : (r.next() - 0.5) * 10 ** r.int(-3, 6);
}

function randomInk(r: Random): InkPoint[][] {
  const kind = r.int(0, 9);
  if (kind === 0) return [];
  if (kind === 1) return [[{ x: num(r), y: num(r) }]]; // single point
  if (kind === 2) return Array.from({ length: r.int(1, 3) }, () => []); // empty strokes
  if (kind === 3 && r.chance(0.5))
    // huge: many strokes of many points
    return Array.from({ length: r.int(50, 450) }, () =>
      Array.from({ length: r.int(1, 400) }, () => ({ x: r.next() * 1000, y: r.next() * 1000 })),
    );
  // random scribbles, some NaN-laden, some degenerate (all points equal)
  return Array.from({ length: r.int(1, 12) }, () => {
    const same = r.chance(0.1);
    const x0 = num(r);
    return Array.from({ length: r.int(1, 40) }, () =>
      same ? { x: x0, y: x0 } : { x: num(r), y: num(r), t: num(r) },
    );
  });
}

function assertFinite(value: unknown, path: string): void {
  if (typeof value === 'number') expect(Number.isNaN(value), `NaN at ${path}`).toBe(false);
  else if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${path}[${i}]`));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (k !== 'box') assertFinite(v, `${path}.${k}`);
}

function checkInk(ink: InkPoint[][]): void {
  const r = recognizeExpression(ink);
  expect(typeof r.latex).toBe('string');
  expect(typeof r.mathjs).toBe('string');
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  assertFinite(
    { confidence: r.confidence, alternatives: r.alternatives, symbols: r.symbols },
    'result',
  );
}

// Huge inputs take up to ~1 s each on a loaded 2-core machine.
describe('fuzz: the recognizer never throws nor returns NaN', { timeout: 60_000 }, () => {
  it('random, empty, single-point, huge and NaN-laden ink', () => {
    const seed = testSeed('recognizer fuzz');
    const r = seededRandom(seed);
    for (let i = 0; i < 50; i++) checkInk(randomInk(r));
  });

  it('garbage that is not ink at all', () => {
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'x',
      [null],
      [[null, 1, 'a']],
      [[{ x: '1', y: 2 }]],
      [{}],
      [[{ x: 1 }]],
    ];
    for (const j of junk) checkInk(j as InkPoint[][]);
  });

  it('the pen tracker and gesture classifier survive garbage frames', () => {
    const seed = testSeed('pen tracker fuzz');
    const r = seededRandom(seed);
    const tracker = new PenTracker();
    let t = 0;
    for (let i = 0; i < 500; i++) {
      t += r.chance(0.05) ? -10 : r.int(0, 50); // sometimes out of order
      const hands = r.chance(0.2)
        ? []
        : [
            Array.from({ length: r.chance(0.1) ? r.int(0, 30) : 21 }, () => [
              num(r),
              num(r),
              num(r),
            ]),
          ];
      const events = tracker.push({ t: r.chance(0.02) ? NaN : t, hands });
      for (const e of events) if ('point' in e) assertFinite(e.point, 'event.point');
      for (const h of hands) expect(() => classifyHand(h)).not.toThrow();
    }
    for (const s of tracker.strokes) assertFinite(s.points, 'stroke');
  });
});
