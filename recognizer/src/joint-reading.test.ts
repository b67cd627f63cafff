import { describe, expect, it } from 'vitest';
import type { InkPoint } from './ink/types.ts';
import { readJointly, RESEGMENT_MAX_DROP } from './joint-reading.ts';
import { toLatex } from './layout/emit.ts';
import type { SymbolScore } from './symbols/classifier.ts';
import { boxOf } from './symbols/features.ts';
import { groupKey } from './symbols/segment.ts';
import type { SegmentationSearch, SegmentedSymbol } from './symbols/segment.ts';

/**
 * "√1+2" whose first partition merges the 1 into the radical, so that "+" opens the
 * radicand. Strokes as boxes (units of one x-height ≈ 10, y down): the radical, the 1, the
 * two bars of the +, the 2. The search is a table of partitions; the segmentation search
 * itself is tested in symbols/segment.test.ts.
 */
const boxStroke = (x: number, y: number, w: number, h: number): InkPoint[] => [
  { x, y },
  { x: x + w, y: y + h },
];
const input = [
  boxStroke(0, -4, 40, 22), // √ over everything
  boxStroke(8, 0, 3, 14), // 1
  boxStroke(14, 7, 10, 0.5), // − of the +
  boxStroke(19, 2, 0.5, 10), // | of the +
  boxStroke(28, 0, 8, 14), // 2
];
const group = (strokes: number[], ranked: SymbolScore[]): SegmentedSymbol => ({
  strokes,
  box: boxOf(strokes.map((i) => input[i] ?? [])),
  shape: { ranked, junk: 0.1 },
});
const merged = [
  group([0, 1], [{ label: '\\sqrt', score: 0.9 }]),
  group([2, 3], [{ label: '+', score: 1 }]),
  group([4], [{ label: '2', score: 1 }]),
];
const split = [
  group([0], [{ label: '\\sqrt', score: 1 }]),
  group([1], [{ label: '1', score: 1 }]),
  ...merged.slice(1),
];

function search(splitDrop: number): SegmentationSearch & { asked: number } {
  const s = {
    asked: 0,
    best(excluded?: ReadonlySet<number>) {
      s.asked++;
      return excluded?.has(groupKey([0, 1]))
        ? { groups: split, logScore: -1 - splitDrop }
        : { groups: merged, logScore: -1 };
    },
  };
  return s;
}

describe('segmentation, classification and grammar together', () => {
  it('re-segments where an operator is left out of place', () => {
    const r = readJointly(search(1), input);
    expect(toLatex(r.tree)).toBe('\\sqrt{1+2}');
    expect(r.unresolved).toEqual([]);
  });

  it('keeps the first partition when the other scores much lower', () => {
    const r = readJointly(search(RESEGMENT_MAX_DROP + 1), input);
    expect(toLatex(r.tree)).toBe('\\sqrt{+2}');
    expect(r.unresolved.length).toBe(1);
  });

  it('asks the search once when the first reading is grammatical', () => {
    const s = search(1);
    s.best = (excluded) => {
      s.asked++;
      return { groups: split, logScore: excluded ? -Infinity : -1 };
    };
    expect(toLatex(readJointly(s, input).tree)).toBe('\\sqrt{1+2}');
    expect(s.asked).toBe(1);
  });

  it('re-segments where a bracket lost its partner to a merged group', () => {
    // "y(a)" whose first partition reads the y and the "(" as one y.
    const ink = [
      boxStroke(0, 4, 9, 14), // y
      boxStroke(10, -2, 3, 20), // (
      boxStroke(15, 4, 9, 10), // a
      boxStroke(26, -2, 3, 20), // )
    ];
    const g = (strokes: number[], label: string): SegmentedSymbol => ({
      strokes,
      box: boxOf(strokes.map((i) => ink[i] ?? [])),
      shape: { ranked: [{ label, score: 1 }], junk: 0.1 },
    });
    const tail = [g([2], 'a'), g([3], ')')];
    const s: SegmentationSearch = {
      best: (excluded) =>
        excluded?.has(groupKey([0, 1]))
          ? { groups: [g([0], 'y'), g([1], '('), ...tail], logScore: -2 }
          : { groups: [g([0, 1], 'y'), ...tail], logScore: -1 },
    };
    expect(toLatex(readJointly(s, ink).tree)).toBe('y(a)');
  });
});
