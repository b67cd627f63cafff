import { describe, expect, it } from 'vitest';
import { FEATURE_SIZE, GRID, MAX_GRID, featureSize, symbolFeatures } from './features.ts';
import { writeInk } from '../test-ink.ts';

describe('symbolFeatures', () => {
  const seven = writeInk([['7', 0, 0, 10, 12]]);

  it('defaults to the shipped 8×8 grid', () => {
    expect(FEATURE_SIZE).toBe(featureSize(GRID));
    expect(symbolFeatures(seven)).toEqual(symbolFeatures(seven, GRID));
    expect(symbolFeatures(seven).length).toBe(FEATURE_SIZE);
  });

  it('on a finer grid has the length of that grid, finite, with the same globals', () => {
    const coarse = symbolFeatures(seven);
    const fine = symbolFeatures(seven, 12);
    expect(fine.length).toBe(featureSize(12));
    expect(fine.every(Number.isFinite)).toBe(true);
    // Ink length, stroke count and aspect ratio do not depend on the grid.
    expect(Array.from(fine.slice(-3))).toEqual(Array.from(coarse.slice(-3)));
    // The orientation map moves ink between cells, it does not change its total.
    const energy = (f: Float32Array, grid: number): number =>
      f.slice(0, grid * grid * 5).reduce((s, v) => s + v * v, 0);
    expect(energy(fine, 12)).toBeGreaterThan(0.5 * energy(coarse, 8));
  });

  it('stroke order and direction barely change them; another symbol does', () => {
    const reversed = [...seven].reverse().map((s) => [...s].reverse());
    const one = writeInk([['1', 0, 0, 10, 12]]);
    const distance = (a: Float32Array, b: Float32Array): number =>
      Math.sqrt(a.reduce((s, v, i) => s + (v - (b[i] as number)) ** 2, 0));
    const same = distance(symbolFeatures(seven, 12), symbolFeatures(reversed, 12));
    const other = distance(symbolFeatures(seven, 12), symbolFeatures(one, 12));
    // Only the arc-length samples shift (resampling starts at the other end).
    expect(same).toBeLessThan(0.1 * other);
  });

  it('rejects a grid it cannot build, with a message for people', () => {
    expect(() => symbolFeatures(seven, 1)).toThrow(/feature grid/);
    expect(() => symbolFeatures(seven, MAX_GRID + 1)).toThrow(/feature grid/);
    expect(() => symbolFeatures(seven, 7.5)).toThrow(/whole number/);
  });
});
