import { describe, expect, it } from 'vitest';
import {
  descendersHang,
  letterXBeforeMinus,
  noLetterBeforeDigit,
  radicalNeedsRadicand,
  timesBeforeDigit,
} from './neighbours.ts';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
  minX,
  minY,
  maxX,
  maxY,
});
const only = (label: string) => [{ label, score: 1 }];

describe('neighbour rules', () => {
  const root = [
    { label: '\\sqrt', score: 0.7 },
    { label: '5', score: 0.3 },
  ];

  it('a √ with nothing under it becomes its runner-up; one over a radicand stays', () => {
    const alone = radicalNeedsRadicand([only('2'), root], [box(0, 0, 8, 14), box(10, 0, 20, 14)]);
    expect(alone[1]?.[0]?.label).toBe('5');
    const over = radicalNeedsRadicand([root, only('2')], [box(0, 0, 30, 16), box(12, 3, 20, 15)]);
    expect(over[0]?.[0]?.label).toBe('\\sqrt');
  });

  it('a long flat √ read as − becomes √ when it holds a symbol; a minus stays', () => {
    const flat = [
      { label: '-', score: 0.7 },
      { label: '\\sqrt', score: 0.3 },
    ];
    // The radical's box reaches down around its radicand; a minus's box is a line.
    const holds = radicalNeedsRadicand([flat, only('x')], [box(0, 0, 60, 16), box(20, 4, 30, 14)]);
    expect(holds[0]?.[0]?.label).toBe('\\sqrt');
    const minus = radicalNeedsRadicand([flat, only('x')], [box(0, 8, 12, 9), box(16, 4, 26, 14)]);
    expect(minus[0]?.[0]?.label).toBe('-');
    // A fraction bar, even a slanted one, holds no symbol's centre.
    const bar = radicalNeedsRadicand(
      [only('1'), flat, only('2')],
      [box(4, -16, 7, -2), box(0, 0, 14, 2), box(4, 4, 10, 18)],
    );
    expect(bar[1]?.[0]?.label).toBe('-');
  });

  it('an x followed by a digit on its baseline is ×; before an exponent it stays x', () => {
    const x = [
      { label: 'x', score: 0.6 },
      { label: '\\times', score: 0.4 },
    ];
    const boxes = [box(0, 0, 8, 14), box(10, 4, 18, 14), box(20, 0, 28, 14)];
    const times = timesBeforeDigit([only('2'), x, only('3')], boxes, [0, 1, 2]);
    expect(times[1]?.[0]?.label).toBe('\\times');
    const raised = [box(0, 0, 8, 14), box(10, 4, 18, 14), box(19, -4, 23, 3)];
    const power = timesBeforeDigit([only('2'), x, only('3')], raised, [0, 1, 2]);
    expect(power[1]?.[0]?.label).toBe('x');
    // "2x(": a number, then x, then an opening bracket reads as a product sign too.
    const bracket = timesBeforeDigit([only('2'), x, only('(')], boxes, [0, 1, 2]);
    expect(bracket[1]?.[0]?.label).toBe('\\times');
  });

  it('a × before a minus sign is the letter x; before a fraction bar it stays ×', () => {
    const times = [
      { label: '\\times', score: 0.6 },
      { label: 'x', score: 0.4 },
    ];
    // "4x − 8"
    const minus = [box(0, 0, 8, 14), box(10, 4, 18, 14), box(20, 7, 28, 8), box(30, 0, 38, 14)];
    const read = letterXBeforeMinus([only('4'), times, only('-'), only('8')], minus, [0, 1, 2, 3]);
    expect(read[1]?.[0]?.label).toBe('x');
    // "2 × ½": the bar has its denominator right under it.
    const fraction = [box(0, 0, 8, 14), box(10, 4, 18, 14), box(20, 7, 30, 8), box(21, 10, 29, 20)];
    const kept = letterXBeforeMinus(
      [only('2'), times, only('-'), only('2')],
      fraction,
      [0, 1, 2, 3],
    );
    expect(kept[1]?.[0]?.label).toBe('\\times');
  });

  it('the next symbol is the next one on the same line, not one of the line below', () => {
    const times = [
      { label: '\\times', score: 0.6 },
      { label: 'x', score: 0.4 },
    ];
    // "(2x − 8) / 4": the 4 under the bar starts left of the numerator's minus.
    const boxes = [box(0, 0, 8, 14), box(10, 4, 18, 14), box(30, 7, 38, 8), box(-2, 16, 40, 17)];
    boxes.push(box(20, 20, 28, 34));
    const labels = [only('2'), times, only('-'), only('-'), only('4')];
    const read = letterXBeforeMinus(labels, boxes, [3, 0, 1, 4, 2]);
    expect(read[1]?.[0]?.label).toBe('x');
  });

  it('a letter before a digit on its baseline is its best non-letter reading', () => {
    const t = [
      { label: 't', score: 0.6 },
      { label: '+', score: 0.3 },
    ];
    const boxes = [box(0, 0, 8, 14), box(10, 2, 18, 12), box(20, 0, 28, 14)];
    const plus = noLetterBeforeDigit([only('4'), t, only('6')], boxes, [0, 1, 2]);
    expect(plus[1]?.[0]?.label).toBe('+');
    // Before a raised digit (an exponent) it stays a letter.
    const raised = [box(0, 0, 8, 14), box(10, 2, 18, 12), box(19, -4, 23, 3)];
    const power = noLetterBeforeDigit([only('4'), t, only('2')], raised, [0, 1, 2]);
    expect(power[1]?.[0]?.label).toBe('t');
  });

  it('a symbol hanging below its neighbours like a descender reads as y', () => {
    const b = [
      { label: 'b', score: 0.7 },
      { label: 'y', score: 0.3 },
    ];
    const order = [0, 1, 2];
    const hanging = [box(0, 0, 8, 14), box(10, 5, 18, 19), box(20, 0, 28, 14)];
    expect(descendersHang([only('2'), b, only('3')], hanging, order)[1]?.[0]?.label).toBe('y');
    // Level with the digits at the top: an ascender, it stays a b.
    const level = [box(0, 0, 8, 14), box(10, -1, 18, 14), box(20, 0, 28, 14)];
    expect(descendersHang([only('2'), b, only('3')], level, order)[1]?.[0]?.label).toBe('b');
  });
});
