import type { StrokePoint } from './schema.ts';

/** Shared tiny fixtures for this package's tests (not exported from the package). */
export const T0 = 1_764_000_000_000;

export function line(n: number, x0 = 0, y0 = 0): StrokePoint[] {
  return Array.from({ length: n }, (_, i) => ({
    x: x0 + i,
    y: y0 + i / 2,
    pressure: 0.5,
    t: i * 8,
  }));
}
