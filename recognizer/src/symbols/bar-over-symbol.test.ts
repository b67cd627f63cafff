import { describe, expect, it } from 'vitest';
import { writeInk } from '../test-ink.ts';
import { SymbolClassifier } from './classifier.ts';
import { symbolUnder, symbolUnderItsBar, UNDER_MAX_GAP } from './bar-over-symbol.ts';
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

  it('sees a numerator right over a bar, measured by the width of the bar', () => {
    const bar = box(0, 20, 12, 21);
    expect(symbolUnder(bar, [box(3, 8, 9, 18)], true)).toBe(true);
    expect(symbolUnder(bar, [box(3, 0, 9, 10)], true)).toBe(false); // far above
    expect(symbolUnder(bar, [box(3, 8, 9, 18)])).toBe(false); // not under
  });

  it('ignores bars, symbols beside or far below, and the next line', () => {
    expect(symbolUnder(group, [box(-2, 14, 12, 15)])).toBe(false); // a second bar
    expect(symbolUnder(group, [box(12, 14, 20, 26)])).toBe(false); // beside
    const far = 12 + UNDER_MAX_GAP * 12 + 1;
    expect(symbolUnder(group, [box(2, far, 8, far + 12)])).toBe(false);
  });
});

describe('symbolUnderItsBar', () => {
  it('sees a symbol under a bar that spans the group', () => {
    expect(symbolUnderItsBar([box(0, 0, 12, 1), box(2, 3, 10, 14)])).toBe(true); // bar over z
    expect(symbolUnderItsBar([box(2, 0, 9, 10), box(0, 11, 12, 12), box(2, 13, 10, 23)])).toBe(
      true,
    ); // b over a bar over a
  });

  it('sees a squat symbol under the bar, flat enough to stack but no straight bar', () => {
    // b over a bar over a wide, low a (aspect 0.38).
    expect(symbolUnderItsBar([box(3, 0, 8, 7), box(0, 8, 12, 9.5), box(2, 11, 10, 14)])).toBe(true);
  });

  it('sees the rest of a denominator outside the group under the bar', () => {
    // a, the bar and the left arc of an x grouped; the x's right arc is outside, under the bar.
    const group = [box(3, 0, 9, 7), box(0, 8, 12, 9), box(2, 9.5, 6, 15)];
    expect(symbolUnderItsBar(group.slice(0, 2), [box(6, 10, 10, 15)])).toBe(true);
    expect(symbolUnderItsBar(group.slice(0, 2), [box(20, 10, 24, 15)])).toBe(false);
  });

  it('accepts ≤ ≥ ±: their bar is at the bottom, a < in two arms included', () => {
    expect(symbolUnderItsBar([box(0, 0, 10, 9), box(0, 11, 10, 12)])).toBe(false);
    expect(symbolUnderItsBar([box(0, 0, 10, 4.5), box(0, 4.5, 10, 9), box(0, 11, 10, 12)])).toBe(
      false,
    );
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
