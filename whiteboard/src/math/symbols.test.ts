import { describe, expect, it } from 'vitest';
import type { RecognizedSymbolInfo } from './recognition.ts';
import {
  matchesQuery,
  pickerLabels,
  pickerVocabulary,
  readingOrder,
  symbolText,
} from './symbols.ts';

const symbol = (label: string, minX: number, minY: number, others: string[] = []) =>
  ({
    label,
    strokes: [0],
    box: { minX, minY, maxX: minX + 10, maxY: minY + 10 },
    confidence: 0.5,
    candidates: [label, ...others].map((l, i) => ({ label: l, score: 1 / (i + 2) })),
  }) satisfies RecognizedSymbolInfo;

describe('symbol chips', () => {
  it('orders symbols left to right, then top to bottom', () => {
    // Written "=" before "2", and a fraction's bar after its numerator at the same x.
    expect(readingOrder([symbol('=', 40, 5), symbol('2', 0, 0), symbol('-', 0, 20)])).toEqual([
      1, 2, 0,
    ]);
  });

  it('offers candidates first, then the rest of the vocabulary once', () => {
    const offered = pickerLabels(symbol('z', 0, 0, ['2', 'a']), ['1', '2', 'a', 'z', '+']);
    expect(offered).toEqual({ candidates: ['2', 'a'], others: ['1', '+'] });
  });

  it('shows LaTeX names as the symbols they stand for', () => {
    expect(['\\times', '\\sqrt', '\\leq', '7'].map(symbolText)).toEqual(['×', '√', '≤', '7']);
    expect(['\\theta', '\\int', '\\sum', '\\rightarrow', '|'].map(symbolText)).toEqual([
      'θ',
      '∫',
      'Σ',
      '→',
      '|',
    ]);
  });

  it('lists the school symbols in the picker only when they are on; letters always', () => {
    const school = [
      '\\theta',
      '\\alpha',
      '\\beta',
      '\\infty',
      '\\int',
      '\\sum',
      '\\rightarrow',
      '|',
    ];
    const off = pickerVocabulary(false);
    const on = pickerVocabulary(true);
    expect(off).toEqual(expect.arrayContaining(['7', 'x', '\\pi', 's', 'k']));
    for (const label of school) expect(off).not.toContain(label);
    expect(on).toEqual(expect.arrayContaining([...off, ...school]));
    expect(new Set(on).size).toBe(on.length);
    expect(on.filter((l) => matchesQuery(l, 'theta'))).toEqual(['\\theta']);
  });

  it('finds symbols by what people type', () => {
    const vocabulary = ['s', '\\times', '\\pi', '5', 'x'];
    expect(vocabulary.filter((l) => matchesQuery(l, 'times'))).toEqual(['\\times']);
    expect(vocabulary.filter((l) => matchesQuery(l, '×'))).toEqual(['\\times']);
    expect(vocabulary.filter((l) => matchesQuery(l, ' S '))).toEqual(['s']);
    expect(vocabulary.filter((l) => matchesQuery(l, ''))).toEqual(vocabulary);
  });
});
