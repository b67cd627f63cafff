import { describe, expect, it } from 'vitest';
import { writeInk } from '../test-ink.ts';
import { SymbolClassifier } from './classifier.ts';
import { symbolUnder, UNDER_MAX_GAP } from './bar-over-symbol.ts';
import { segmentStrokes } from './segment.ts';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
  minX,
  minY,
  maxX,
  maxY,
});

describe('symbolUnder', () => {
  const group = box(0, 0, 10, 12);

  it('sees a symbol that starts close under the group, centred within it', () => {
    expect(symbolUnder(group, [box(2, 14, 8, 26)])).toBe(true);
  });

  it('ignores bars, symbols beside or far below, and the next line', () => {
    expect(symbolUnder(group, [box(-2, 14, 12, 15)])).toBe(false); // a second bar
    expect(symbolUnder(group, [box(12, 14, 20, 26)])).toBe(false); // beside
    const far = 12 + UNDER_MAX_GAP * 12 + 1;
    expect(symbolUnder(group, [box(2, far, 8, far + 12)])).toBe(false);
  });
});

describe('a numerator over its bar', () => {
  const classifier = new SymbolClassifier();

  it('is not read as ≥ when a denominator sits under the bar', () => {
    // Strokes of a ≥ (a > and its bar), then a 7 close under the bar: a fraction.
    const alone = segmentStrokes(writeInk([['\\geq', 0, 0, 10, 12]]), classifier);
    expect(alone.map((s) => s.shape.ranked[0]?.label)).toEqual(['\\geq']);
    const fraction = segmentStrokes(
      writeInk([
        ['\\geq', 0, 0, 10, 12],
        ['7', 1, 15, 8, 12],
      ]),
      classifier,
    );
    expect(fraction.map((s) => s.shape.ranked[0]?.label)).not.toContain('\\geq');
  });
});
