import type { Box } from './features.ts';

/**
 * Whether two symbols share a line: their boxes overlap vertically. Reading order sorts by
 * x alone, so a numerator's next symbol in it may be one of its denominator; the rules that
 * look at neighbours ask this first.
 */
export function sameLine(a: Box | undefined, b: Box | undefined): boolean {
  return !!a && !!b && a.minY < b.maxY && b.minY < a.maxY;
}
