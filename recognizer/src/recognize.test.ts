import { describe, expect, it } from 'vitest';
import { recognizeExpression } from './recognize.ts';
import { writeInk } from './test-ink.ts';

describe('recognizeExpression on synthesized ink', () => {
  it('reads 2x+3 with LaTeX, mathjs, confidence and alternatives', () => {
    const ink = writeInk([
      ['2', 0, 0, 8, 14],
      ['x', 11, 4, 9, 10],
      ['+', 24, 4, 10, 10],
      ['3', 38, 0, 8, 14],
    ]);
    const r = recognizeExpression(ink);
    expect(r.latex).toBe('2x+3');
    expect(r.mathjs).toBe('2*x+3');
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.symbols.map((s) => s.label)).toEqual(['2', 'x', '+', '3']);
    expect(r.symbols[2]!.strokes).toEqual([3, 4]); // x took strokes 1 and 2
    for (const a of r.alternatives) {
      expect(a.latex).not.toBe(r.latex);
      expect(a.confidence).toBeLessThanOrEqual(r.confidence);
    }
  });

  it('reads a fraction with an exponent', () => {
    const ink = writeInk([
      ['1', 6, -17, 4, 14],
      ['-', 0, 0, 22, 0.5],
      ['x', 2, 5, 9, 10],
      ['2', 12, -1, 5, 7],
    ]);
    expect(recognizeExpression(ink).latex).toBe('\\frac{1}{x^{2}}');
  });

  it('keeps time-ordered multi-stroke symbols together (=, +)', () => {
    const ink = writeInk([
      ['a', 0, 4, 9, 10],
      ['=', 12, 6, 10, 5],
      ['b', 26, 0, 8, 14],
      ['+', 37, 4, 10, 10],
      ['1', 50, 0, 3, 14],
    ]);
    expect(recognizeExpression(ink).latex).toBe('a=b+1');
  });

  it('returns an empty result for no ink', () => {
    const r = recognizeExpression([]);
    expect(r).toMatchObject({
      latex: '',
      mathjs: '',
      confidence: 0,
      alternatives: [],
      symbols: [],
    });
  });
});
