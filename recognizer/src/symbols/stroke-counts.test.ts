import { describe, expect, it } from 'vitest';
import { EXTRA_STROKE_FACTOR, strokeCountPlausibility } from './stroke-counts.ts';

describe('strokeCountPlausibility', () => {
  it('doubts a group with more strokes than its symbol is written with', () => {
    expect(strokeCountPlausibility('4', 2)).toBe(1);
    expect(strokeCountPlausibility('4', 4)).toBeCloseTo(EXTRA_STROKE_FACTOR);
    expect(strokeCountPlausibility('6', 4)).toBeCloseTo(EXTRA_STROKE_FACTOR ** 2);
  });

  it('leaves symbols without a limit alone (= and + are often retraced, π takes three)', () => {
    expect(strokeCountPlausibility('=', 4)).toBe(1);
    expect(strokeCountPlausibility('\\pi', 4)).toBe(1);
  });
});
