import { describe, expect, it } from 'vitest';
import type { InkPoint } from '../ink/types.ts';
import { fourPlusSevenEqualsX } from '../test-ink.ts';
import { BOUNDARY_FEATURES, boundaryFeatures, joinProbabilities } from './boundary.ts';
import { SymbolClassifier } from './classifier.ts';

const classifier = new SymbolClassifier();
const shapeOf =
  (strokes: InkPoint[][]) =>
  (a: number, b: number): ReturnType<SymbolClassifier['classify']> =>
    classifier.classify(strokes.slice(a, b));
const joins = (strokes: InkPoint[][]): number[] =>
  Array.from(joinProbabilities(strokes, shapeOf(strokes)));

describe('stroke-boundary model', () => {
  it('joins the strokes of one symbol and splits neighbours (shipped model)', () => {
    const ink = fourPlusSevenEqualsX();
    const p = joins(ink);
    expect(p).toHaveLength(ink.length - 1);
    const inside = [0, 2, 5, 7]; // 4, +, =, x
    for (const i of inside) expect(p[i]).toBeGreaterThan(0.5);
    for (const i of [1, 3, 4, 6]) expect(p[i]).toBeLessThan(0.5);
  });

  it('gives finite features and probabilities for degenerate ink', () => {
    const dot = (x: number, y: number): InkPoint[] => [{ x, y }];
    const cases: InkPoint[][][] = [
      [dot(0, 0), dot(0, 0)], // two taps on one spot
      [dot(0, 0), dot(1e9, -1e9)], // far apart at the coordinate limit
      [
        [
          { x: 0, y: 0 },
          { x: 0, y: 0 },
        ],
        [
          { x: 0, y: 0 },
          { x: 5, y: 0 },
        ],
        dot(2, 2),
      ],
    ];
    for (const strokes of cases) {
      const features = boundaryFeatures(strokes, shapeOf(strokes));
      expect(features).toHaveLength(strokes.length - 1);
      for (const f of features) {
        expect(f).toHaveLength(BOUNDARY_FEATURES);
        for (const v of f) expect(Number.isFinite(v)).toBe(true);
      }
      for (const p of joins(strokes)) expect(p >= 0 && p <= 1).toBe(true);
    }
    expect(joins([dot(0, 0)])).toEqual([]);
    expect(joins([])).toEqual([]);
  });
});
