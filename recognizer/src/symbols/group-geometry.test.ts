import { describe, expect, it } from 'vitest';
import {
  barBesideRest,
  BRACKET_BESIDE_PENALTY,
  bracketBesidePlausibility,
  CROSSING_BAR_ALONE_PENALTY,
  crossingBarPlausibility,
  crossingPlausibility,
  dotPlausibility,
  lineHeight,
  MAX_WIDTH_DEFAULT,
  RADICAL_CONTENT_PENALTY,
  hasScriptPart,
  radicalContentPlausibility,
  SCRIPT_PART_PENALTY,
  scriptPartPlausibility,
  STACK_BESIDE_PENALTY,
  stackAlignPlausibility,
  strokesCross,
  UNCROSSED_PENALTY,
  widthPlausibility,
} from './group-geometry.ts';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
  minX,
  minY,
  maxX,
  maxY,
});

describe('group geometry', () => {
  it('a bar only touching the corner of the rest does not make a ≤ or =', () => {
    // The exponent 2 of "b² − 4" and the minus after it, as CROHME train has it.
    const exponentAndMinus = [box(0, 0, 36, 31), box(26, 43, 67, 54)];
    expect(barBesideRest(exponentAndMinus)).toBe(true);
    expect(stackAlignPlausibility('\\leq', true)).toBe(STACK_BESIDE_PENALTY);
    expect(stackAlignPlausibility('2', true)).toBe(1);
    const lessOrEqual = [box(0, 0, 30, 24), box(2, 32, 30, 35)]; // the bar under the wedge
    expect(barBesideRest(lessOrEqual)).toBe(false);
    expect(barBesideRest([box(0, 0, 10, 14)])).toBe(false);
  });

  it('doubts a digit much wider than the line is tall, never a radical or a bar', () => {
    const ref = 10;
    expect(widthPlausibility('7', box(0, 0, 8, 10), ref)).toBe(1);
    const wide = box(0, 0, (MAX_WIDTH_DEFAULT + 1) * ref, 10);
    expect(widthPlausibility('n', wide, ref)).toBeLessThan(0.01);
    expect(widthPlausibility('\\sqrt', wide, ref)).toBe(1);
    expect(widthPlausibility('-', wide, ref)).toBe(1);
    // A squat x of two arcs, twice as wide as the line is tall, is still one x.
    const squat = box(0, 0, 2 * ref, 5);
    expect(widthPlausibility('x', squat, ref)).toBe(1);
    expect(widthPlausibility('a', squat, ref)).toBeLessThan(0.2);
  });

  it('a √ stroke around other ink is a root and its radicand, not one symbol', () => {
    const radical = { box: box(0, 0, 30, 14), label: '\\sqrt', score: 0.9 };
    const three = { box: box(12, 3, 20, 13), label: '3', score: 0.9 };
    expect(radicalContentPlausibility([radical, three])).toBe(RADICAL_CONTENT_PENALTY);
    // The √'s own bar drawn as a second stroke lies along its top: one symbol.
    const tick = { box: box(0, 2, 8, 14), label: '\\sqrt', score: 0.8 };
    const bar = { box: box(7, 1.5, 30, 2.5), label: '-', score: 0.9 };
    expect(radicalContentPlausibility([tick, bar])).toBe(1);
    // A stroke outside the radical does not hide the one inside it ("+√3" in a nested root).
    const plus = { box: box(-10, 4, -2, 12), label: '+', score: 0.9 };
    expect(radicalContentPlausibility([plus, radical, three])).toBe(RADICAL_CONTENT_PENALTY);
    // An unsure √ reading does not count.
    expect(radicalContentPlausibility([{ ...radical, score: 0.3 }, three])).toBe(1);
    // A coefficient touching the radical from the left ("7√7") is no part of it.
    const seven = { box: box(-9, 1, 1, 14), label: '7', score: 0.9 };
    expect(radicalContentPlausibility([seven, tick])).toBe(RADICAL_CONTENT_PENALTY);
    // A fraction bar lying on a √ that begins its denominator sticks out left of the tick.
    const fractionBar = { box: box(-12, 1, 30, 2), label: '-', score: 0.95 };
    expect(radicalContentPlausibility([fractionBar, tick])).toBe(RADICAL_CONTENT_PENALTY);
  });

  it('a bracket beside a symbol, spanning past it at both ends, is two symbols', () => {
    const part = (b: ReturnType<typeof box>) => ({ box: b, label: '?', score: 0.9 });
    const paren = part(box(0, 0, 4, 20)); // "(" reaching above and below
    const one = part(box(4.5, 3, 6, 17));
    expect(bracketBesidePlausibility([paren, one])).toBe(BRACKET_BESIDE_PENALTY);
    // A d: bowl and stem share the baseline, the stem only rises above the bowl.
    const bowl = part(box(0, 8, 8, 18));
    const stem = part(box(7.5, 0, 9, 18));
    expect(bracketBesidePlausibility([bowl, stem])).toBe(1);
    // A + : the parts cross, they are not side by side.
    expect(bracketBesidePlausibility([part(box(0, 5, 10, 6)), part(box(4.5, 0, 5.5, 11))])).toBe(1);
  });

  it('a bar across the stroke next to it is not a minus of its own', () => {
    const seven = box(0, 0, 8, 14);
    const cross = box(2, 6.5, 7, 7.5); // the cross of a European 7
    expect(crossingBarPlausibility(cross, [seven, undefined])).toBe(CROSSING_BAR_ALONE_PENALTY);
    const minus = box(10, 6.5, 16, 7.5); // a minus beside the 7
    expect(crossingBarPlausibility(minus, [seven, undefined])).toBe(1);
    const flag = box(1, -0.5, 8, 0.5); // the flag of a 5 along its top
    expect(crossingBarPlausibility(flag, [seven])).toBe(1);
  });

  it('measures the line by heights, so merged neighbours do not inflate it', () => {
    const digit = box(0, 0, 8, 14);
    const merged = box(10, 0, 40, 15); // three digits read as one wide group
    const bar = box(42, 7, 50, 7.5);
    // By size (the larger side) the median would be 30, the merged groups' width.
    expect(lineHeight([digit, merged, merged, bar, digit])).toBeLessThanOrEqual(15);
  });

  it('a mark as large as a digit is not a dot', () => {
    expect(dotPlausibility('.', box(0, 0, 2, 2), 14)).toBe(1);
    expect(dotPlausibility('.', box(0, 0, 8, 12), 14)).toBeLessThan(0.1);
    expect(dotPlausibility('/', box(0, 0, 8, 12), 14)).toBe(1);
  });

  it('a + or t is two strokes that cross; a base and its exponent side by side are not', () => {
    const stem = box(4, 0, 5, 10);
    expect(strokesCross(box(0, 4, 10, 5), stem)).toBe(true); // +
    expect(strokesCross(stem, box(1, 2.5, 8, 3))).toBe(true); // t, bar written second
    expect(strokesCross(box(4.8, 3, 9, 4), stem)).toBe(true); // a bar that just misses the stem
    const b = box(0, 0, 6, 10);
    const exponent = box(7, -3, 10, 1); // a small 2 up on the right of a b
    expect(strokesCross(b, exponent)).toBe(false);
    expect(crossingPlausibility('t', false)).toBe(UNCROSSED_PENALTY);
    expect(crossingPlausibility('+', true)).toBe(1);
    expect(crossingPlausibility('b', false)).toBe(1);
  });

  it("a small stroke off the upper right corner is an exponent; a 5's or √'s bar there is not", () => {
    const x = [box(0, 0, 10, 10), box(0, 0, 10, 10)];
    expect(hasScriptPart(x)).toBe(false);
    expect(hasScriptPart([...x, box(11, -4, 14, 1)])).toBe(true); // x³ merged
    expect(hasScriptPart([...x, box(11, -1, 11.5, -0.5)])).toBe(false); // a pen tap
    expect(hasScriptPart([box(0, 3, 8, 12), box(1, 0, 9, 1)])).toBe(false); // a 5's cap
    expect(scriptPartPlausibility('\\times', true)).toBe(SCRIPT_PART_PENALTY);
    expect(scriptPartPlausibility('i', true)).toBe(1);
    // A b with its exponent 2 merged reads as a 5 (the 2 as its cap): but a cap is flat.
    expect(hasScriptPart([box(0, 0, 6, 10), box(7, -3, 10, 1)])).toBe(true);
    expect(scriptPartPlausibility('5', true)).toBe(SCRIPT_PART_PENALTY);
    expect(scriptPartPlausibility('\\times', false)).toBe(1);
  });
});
