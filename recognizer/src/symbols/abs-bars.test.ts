import { describe, expect, it } from 'vitest';
import { pairBars } from './abs-bars.ts';
import type { SymbolScore } from './classifier.ts';

const read = (...c: [string, number][]): SymbolScore[] =>
  c.map(([label, score]) => ({ label, score }));
const tops = (c: SymbolScore[][]): string[] => c.map((x) => x[0]?.label ?? '');
const inOrder = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('absolute-value bars', () => {
  it('keeps a pair of bars around something', () => {
    const c = [read(['|', 0.6], ['1', 0.4]), read(['x', 0.9]), read(['|', 0.5], ['1', 0.5])];
    expect(tops(pairBars(c, inOrder(3)))).toEqual(['|', 'x', '|']);
  });

  it('makes a lone bar its runner-up', () => {
    const c = [read(['|', 0.55], ['1', 0.45]), read(['+', 0.9]), read(['2', 0.9])];
    expect(tops(pairBars(c, inOrder(3)))).toEqual(['1', '+', '2']);
  });

  it('finds a lone bar its partner in a 1 that may be a bar', () => {
    const c = [
      read(['|', 0.55], ['1', 0.45]),
      read(['x', 0.9]),
      read(['-', 0.9]),
      read(['3', 0.9]),
      read(['1', 0.6], ['|', 0.4]),
    ];
    expect(tops(pairBars(c, inOrder(5)))).toEqual(['|', 'x', '-', '3', '|']);
  });

  it('does not pair two bars with nothing between them', () => {
    const c = [read(['|', 0.6], ['1', 0.4]), read(['|', 0.6], ['1', 0.4])];
    expect(tops(pairBars(c, inOrder(2)))).toEqual(['1', '1']);
  });

  it('follows the reading order, not the list order', () => {
    const c = [read(['|', 0.6], ['1', 0.4]), read(['|', 0.6], ['1', 0.4]), read(['y', 0.9])];
    expect(tops(pairBars(c, [0, 2, 1]))).toEqual(['|', '|', 'y']);
  });
});
