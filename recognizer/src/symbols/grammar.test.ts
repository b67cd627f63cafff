import { describe, expect, it } from 'vitest';
import { bracketsInPlace } from './grammar.ts';

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
  minX,
  minY,
  maxX,
  maxY,
});
const only = (label: string) => [{ label, score: 1 }];
const paren = [
  { label: ')', score: 0.9 },
  { label: '1', score: 0.03 },
];
const top = (c: { label: string }[][]) => c.map((x) => x[0]?.label);

describe('brackets in operand places', () => {
  it('a ")" right after an operator or before a digit on the baseline is a 1', () => {
    const boxes = [0, 10, 20, 30].map((x) => box(x, 0, x + 8, 14));
    const order = [0, 1, 2, 3];
    expect(top(bracketsInPlace([only('2'), only('+'), paren, only('5')], boxes, order))).toEqual([
      '2',
      '+',
      '1',
      '5',
    ]);
    expect(top(bracketsInPlace([only('('), only('2'), paren, only('5')], boxes, order))).toEqual([
      '(',
      '2',
      '1',
      '5',
    ]);
  });

  it('keeps a ")" before an exponent, and an operator inside brackets', () => {
    const boxes = [box(0, 0, 4, 16), box(6, 2, 14, 14), box(16, 0, 20, 16), box(21, -6, 25, 2)];
    expect(
      top(bracketsInPlace([only('('), only('x'), paren, only('2')], boxes, [0, 1, 2, 3])),
    ).toEqual(['(', 'x', ')', '2']);
    const slash = [
      { label: '/', score: 0.8 },
      { label: '1', score: 0.2 },
    ];
    const row = [0, 10, 20].map((x) => box(x, 0, x + 8, 14));
    expect(top(bracketsInPlace([only('('), slash, only('2')], row, [0, 1, 2]))).toEqual([
      '(',
      '1',
      '2',
    ]);
  });

  it('no operator right after a radical or a minus sign (or fraction bar)', () => {
    const times = [
      { label: '\\times', score: 0.6 },
      { label: 'x', score: 0.4 },
    ];
    const row = [0, 10, 20].map((x) => box(x, 0, x + 8, 14));
    for (const first of ['\\sqrt', '-'])
      expect(top(bracketsInPlace([only(first), times, only('2')], row, [0, 1, 2]))).toEqual([
        first,
        'x',
        '2',
      ]);
    // After a digit the × stays.
    expect(top(bracketsInPlace([only('3'), times, only('2')], row, [0, 1, 2]))[1]).toBe('\\times');
  });
});
