import { describe, expect, it } from 'vitest';
import type { SymbolScore } from '../symbols/classifier.ts';
import { toLatex } from './emit.ts';
import { rereadOperatorsInLayout, strandedMinus } from './operator-places.ts';
import { parseLayout } from './parse.ts';
import type { Spec } from './test-layout.ts';

/** Boxed symbols (units of one x-height ≈ 10, y down), each with its ranked candidates. */
function read(specs: [...Spec, SymbolScore[]?][]): string {
  const symbols = specs.map(([label, x, y, w, h, ranked]) => {
    const candidates = ranked ?? [{ label, score: 1 }];
    return {
      label: candidates[0]?.label ?? label,
      box: { minX: x, minY: y, maxX: x + w, maxY: y + h },
      confidence: candidates[0]?.score ?? 0,
      candidates,
    };
  });
  return toLatex(rereadOperatorsInLayout(symbols).tree);
}
const timesOrX: SymbolScore[] = [
  { label: '\\times', score: 0.8 },
  { label: 'x', score: 0.2 },
];

describe('operators in the layout', () => {
  it('an x read as × before its raised exponent is the letter', () => {
    expect(
      read([
        ['a', 0, 4, 9, 10],
        ['×', 11, 4, 9, 10, timesOrX],
        ['4', 21, -4, 5, 8],
        ['+', 30, 4, 10, 10],
        ['b', 43, 0, 8, 14],
      ]),
    ).toBe('ax^{4}+b');
  });

  it('a × between operands on the baseline stays', () => {
    expect(
      read([
        ['3', 0, 0, 8, 14],
        ['×', 11, 4, 9, 10, timesOrX],
        ['4', 23, 0, 8, 14],
      ]),
    ).toBe('3\\times4');
  });

  it('an operator alone in a denominator, or ending a numerator, is re-read', () => {
    expect(
      read([
        ['2', 3, -16, 8, 14],
        ['-', 0, 0, 14, 1],
        ['×', 3, 4, 9, 10, timesOrX],
      ]),
    ).toBe('\\frac{2}{x}');
    const plusOrT: SymbolScore[] = [
      { label: '+', score: 0.7 },
      { label: 't', score: 0.3 },
    ];
    expect(
      read([
        ['1', 2, -16, 3, 14],
        ['+', 8, -14, 10, 12, plusOrT],
        ['-', 0, 0, 20, 1],
        ['2', 6, 4, 8, 14],
      ]),
    ).toBe('\\frac{1t}{2}');
  });

  it('of two adjacent operators the weaker is re-read; an "=" ending the line stays', () => {
    const plusOrFour: SymbolScore[] = [
      { label: '+', score: 0.55 },
      { label: '4', score: 0.45 },
    ];
    expect(
      read([
        ['2', 0, 0, 8, 14],
        ['+', 11, 2, 10, 10],
        ['+', 24, 0, 9, 14, plusOrFour],
        ['=', 36, 4, 10, 6],
      ]),
    ).toBe('2+4=');
  });

  it('without a candidate worth the swap the reading stays', () => {
    expect(
      read([
        ['2', 3, -16, 8, 14],
        ['-', 0, 0, 14, 1],
        ['+', 3, 4, 9, 10],
      ]),
    ).toBe('\\frac{2}{+}');
  });

  it('a minus ending a row is stranded (the cap of a 5 read apart); one before its operand is not', () => {
    const tree = (specs: Spec[]) =>
      parseLayout(
        specs.map(([label, x, y, w, h], index) => ({
          label,
          index,
          box: { minX: x, minY: y, maxX: x + w, maxY: y + h },
        })),
      );
    const isMinus = (labels: string[]) => (i: number) => labels[i] === '-';
    const cap = tree([
      ['5', 0, 0, 8, 14],
      ['-', 2, -1, 10, 1],
    ]);
    expect(strandedMinus(cap, isMinus(['5', '-']))).toEqual([1]);
    const minus = tree([
      ['5', 0, 0, 8, 14],
      ['-', 11, 7, 8, 1],
      ['2', 22, 0, 8, 14],
    ]);
    expect(strandedMinus(minus, isMinus(['5', '-', '2']))).toEqual([]);
    expect(strandedMinus(tree([['-', 0, 7, 8, 1]]), isMinus(['-']))).toEqual([]);
  });
});
