import { describe, expect, it } from 'vitest';
import { SymbolClassifier } from './classifier.ts';
import { groupKey, segmentationSearch, segmentStrokes } from './segment.ts';
import { applyContext, operatorsNeedOperands, pairBrackets } from './context.ts';
import { fourPlusSevenEqualsX, writeInk } from '../test-ink.ts';

const classifier = new SymbolClassifier();
const groups = (ink: ReturnType<typeof writeInk>): number[][] =>
  segmentStrokes(ink, classifier).map((s) => s.strokes);

describe('segmentStrokes', () => {
  it('keeps multi-stroke symbols together and neighbours apart', () => {
    const ink = fourPlusSevenEqualsX();
    expect(groups(ink)).toEqual([[0, 1], [2, 3], [4], [5, 6], [7, 8]]);
  });

  it('answers again without an excluded group, at a lower score, classifying nothing anew', () => {
    const ink = fourPlusSevenEqualsX();
    let classified = 0;
    const counting = Object.create(classifier) as SymbolClassifier;
    counting.classify = (strokes) => {
      classified++;
      return classifier.classify(strokes);
    };
    const search = segmentationSearch(ink, counting);
    const best = search.best();
    const after = classified;
    const without = search.best(new Set([groupKey([2, 3])]));
    expect(best.groups.map((g) => g.strokes)).toEqual([[0, 1], [2, 3], [4], [5, 6], [7, 8]]);
    expect(without.groups.some((g) => g.strokes.join() === '2,3')).toBe(false);
    expect(without.logScore).toBeLessThan(best.logScore);
    expect(classified).toBe(after);
  });

  it('never merges a numerator or denominator into the fraction bar', () => {
    const ink = writeInk([
      ['1', 6, -16, 4, 14],
      ['-', 0, 0, 18, 0.5],
      ['2', 4, 4, 8, 14],
    ]);
    expect(groups(ink)).toEqual([[0], [1], [2]]);
  });

  it('merges stacked parts only into symbols made of stacked parts (≤, ÷)', () => {
    const ink = writeInk([
      ['\\leq', 0, 0, 10, 12],
      ['\\div', 14, 1, 10, 10, 1], // dot, bar, dot
    ]);
    const segs = segmentStrokes(ink, classifier);
    expect(segs.map((s) => s.strokes)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
    expect(segs.map((s) => s.shape.ranked[0]?.label)).toEqual(['\\leq', '\\div']);
  });

  it('keeps two thin strokes of equal height apart, unless they make an x', () => {
    const ink = writeInk([
      ['(', 0, 0, 4, 14],
      ['1', 4.2, 0, 2.5, 14, 11],
      ['x', 10, 4, 8, 10, 10], // two arcs back to back
    ]);
    const segs = segmentStrokes(ink, classifier);
    expect(segs.map((s) => s.strokes)).toEqual([[0], [1], [2, 3]]);
    expect(segs[2]?.shape.ranked[0]?.label).toBe('x');
  });

  it('gathers a ÷ written bar first and then both dots', () => {
    const ink = writeInk([
      ['2', 0, 0, 8, 14],
      ['\\div', 12, 3, 10, 9], // bar, dot, dot
      ['3', 26, 0, 8, 14],
    ]);
    const segs = segmentStrokes(ink, classifier);
    expect(segs.map((s) => s.strokes)).toEqual([[0], [1, 2, 3], [4]]);
    expect(segs[1]?.shape.ranked[0]?.label).toBe('\\div');
  });

  /** A classifier that reads groups by their stroke count, as a scale-free one might. */
  /**
   * These stubs fix the classifier's readings to test the written rules; the learned
   * boundary model reads the classifier too, so it is left out here (weight 0). The
   * real classifier's tests above run the shipped search, boundary model included.
   */
  const RULES_ONLY = { boundaryWeight: 0 };
  const stub = (byCount: Record<number, string>): SymbolClassifier =>
    ({
      classify: (strokes: readonly unknown[]) => ({
        ranked: [
          { label: byCount[strokes.length] ?? '?', score: 0.9 },
          { label: '?', score: 0.1 },
        ],
        junk: 0,
      }),
    }) as unknown as SymbolClassifier;
  const line = (xs: [number, number, number, number][]) =>
    xs.map(([x0, y0, x1, y1]) => [
      { x: x0, y: y0 },
      { x: x1, y: y1 },
    ]);

  /**
   * A stub for "a 2, then two strokes at x ≈ 21 and x ≥ 24": each stroke alone reads by
   * where it starts (`left`, then `right`), any two together read as `pair`, all at 0.9.
   */
  const byPosition = (pair: string, left: string, right: string): SymbolClassifier =>
    ({
      classify: (strokes: readonly { x: number }[][]) => {
        const x0 = Math.min(...strokes.flat().map((p) => p.x));
        const label = strokes.length === 2 ? pair : x0 < 20 ? '2' : x0 < 24 ? left : right;
        return {
          ranked: [
            { label, score: 0.9 },
            { label: '?', score: 0.1 },
          ],
          junk: 0,
        };
      },
    }) as unknown as SymbolClassifier;

  it('keeps a radical and its radicand apart even when the pair reads as one symbol', () => {
    // A √ stroke and a 3 under it; the shape alone reads the pair as a confident 6.
    const ink = [...line([[0, 0, 30, 14]]), ...line([[12, 3, 20, 13]])];
    const segs = segmentStrokes(ink, stub({ 1: '\\sqrt', 2: '6' }), RULES_ONLY);
    expect(segs.map((s) => s.strokes)).toEqual([[0], [1]]);
  });

  it('joins the two arcs of an x across a small gap, but not two brackets ")("', () => {
    const arcs = (left: string, right = 'c') => byPosition('x', left, right);
    const ink = line([
      [0, 0, 8, 14], // a 2
      [21, 4, 24, 14], // the x's left arc
      [25, 4, 28, 14], // its right arc, a small gap away
    ]);
    expect(segmentStrokes(ink, arcs('>'), RULES_ONLY).map((s) => s.strokes)).toEqual([[0], [1, 2]]);
    expect(segmentStrokes(ink, arcs(')'), RULES_ONLY).map((s) => s.strokes)).toEqual([[0], [1, 2]]);
    expect(segmentStrokes(ink, arcs(')', '('), RULES_ONLY).map((s) => s.strokes)).toEqual([
      [0],
      [1],
      [2],
    ]);
  });

  it('joins a squat x whose round left arc reaches past its right arc, unlike "(1"', () => {
    const reads = (pair: string) => byPosition(pair, ')', 'c');
    const ink = line([
      [0, 0, 8, 14], // a 2
      [21, 3, 25, 11.5], // the left arc, taller at both ends
      [24.5, 4, 29, 10.5], // the right arc, touching it
    ]);
    expect(segmentStrokes(ink, reads('x'), RULES_ONLY).map((s) => s.strokes)).toEqual([
      [0],
      [1, 2],
    ]);
    // Read as one a, the same pair is a bracket beside a symbol: kept apart.
    expect(segmentStrokes(ink, reads('a'), RULES_ONLY).map((s) => s.strokes)).toEqual([
      [0],
      [1],
      [2],
    ]);
  });

  it('two digits side by side are not an x, even when the pair reads as one', () => {
    const reads = (right: string) => byPosition('x', '1', right);
    const ink = line([
      [0, 0, 8, 14], // a 2
      [21, 4, 24.2, 14], // a 1 (or an x's left arc)
      [24.1, 4, 29, 14], // touching it: a 0, or an x's open right arc
    ]);
    expect(segmentStrokes(ink, reads('0'), RULES_ONLY).map((s) => s.strokes)).toEqual([
      [0],
      [1],
      [2],
    ]);
    expect(segmentStrokes(ink, reads('c'), RULES_ONLY).map((s) => s.strokes)).toEqual([
      [0],
      [1, 2],
    ]);
  });

  it('does not take a group far wider than the line is tall for one digit', () => {
    // Three strokes side by side, each touching the next, read together as an "n".
    const ink = line([
      [0, 0, 8, 10],
      [8, 0, 16, 10],
      [16, 0, 24, 10],
      [30, 0, 38, 10],
      [40, 0, 48, 10],
    ]);
    const segs = segmentStrokes(ink, stub({ 1: '7', 2: '?', 3: 'n' }), RULES_ONLY);
    expect(segs.map((s) => s.strokes)).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('handles no strokes and single points', () => {
    expect(groups([])).toEqual([]);
    expect(groups([[{ x: 1, y: 1 }]])).toEqual([[0]]);
  });
});

describe('context rules', () => {
  const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
    minX,
    minY,
    maxX,
    maxY,
  });
  const flat = [{ label: '2', score: 1 }];

  it('tells a decimal point from a centred dot by height', () => {
    const dot = [
      { label: '.', score: 0.6 },
      { label: '0', score: 0.4 },
    ];
    const on = applyContext([
      { box: box(0, 0, 8, 14), ranked: flat },
      { box: box(10, 12, 11.5, 13.5), ranked: dot },
      { box: box(13, 0, 21, 14), ranked: flat },
    ]);
    const mid = applyContext([
      { box: box(0, 0, 8, 14), ranked: flat },
      { box: box(10, 6, 11.5, 7.5), ranked: dot },
      { box: box(13, 0, 21, 14), ranked: flat },
    ]);
    expect(on[1]?.[0]?.label).toBe('.');
    expect(mid[1]?.[0]?.label).toBe('\\cdot');
  });

  it('the common symbol wins when the shape barely prefers the rare one: + over t, 2 over z', () => {
    const out = applyContext([
      { box: box(0, 0, 8, 14), ranked: flat },
      {
        box: box(10, 2, 18, 12),
        ranked: [
          { label: 't', score: 0.55 },
          { label: '+', score: 0.45 },
        ],
      },
      {
        box: box(20, 0, 28, 14),
        ranked: [
          { label: 'z', score: 0.55 },
          { label: '2', score: 0.45 },
        ],
      },
    ]);
    expect(out.map((c) => c[0]?.label)).toEqual(['2', '+', '2']);
  });

  it('a bracket shorter than the line reads as a 1; an upright slash too', () => {
    const paren = [
      { label: ')', score: 0.6 },
      { label: '1', score: 0.4 },
    ];
    const slash = [
      { label: '/', score: 0.6 },
      { label: '1', score: 0.4 },
    ];
    const out = applyContext([
      { box: box(0, 0, 8, 14), ranked: flat },
      { box: box(10, 1, 11, 13), ranked: paren }, // shorter than the 2 beside it
      { box: box(13, 0, 21, 14), ranked: flat },
      { box: box(23, 0, 24, 14), ranked: slash }, // upright
      { box: box(26, -2, 29, 17), ranked: paren }, // a tall bracket stays one
    ]);
    expect(out.map((c) => c[0]?.label)).toEqual(['2', '1', '2', '1', ')']);
  });

  it('a short slash reads as a comma; ≤ needs its bar at the bottom', () => {
    const slash = [
      { label: '/', score: 0.6 },
      { label: ',', score: 0.4 },
    ];
    const leq = [
      { label: '\\leq', score: 0.6 },
      { label: '5', score: 0.4 },
    ];
    const body = box(20, 3, 28, 14);
    const out = applyContext([
      { box: box(0, 0, 8, 14), ranked: flat },
      { box: box(9, 10, 12, 17), ranked: slash }, // half the line's height
      { box: box(20, 0, 28, 14), ranked: leq, parts: [body, box(21, 0, 28, 1)] }, // flag on top
      { box: box(30, 0, 38, 14), ranked: leq, parts: [box(30, 0, 38, 10), box(30, 13, 38, 14)] },
    ]);
    expect(out.map((c) => c[0]?.label)).toEqual(['2', ',', '5', '\\leq']);
  });

  it('prefers 2 to z when the shape hesitates, but keeps a clear z', () => {
    const close = [
      { label: 'z', score: 0.55 },
      { label: '2', score: 0.45 },
    ];
    const clear = [
      { label: 'z', score: 0.9 },
      { label: '2', score: 0.1 },
    ];
    const out = applyContext([
      { box: box(0, 0, 8, 14), ranked: close },
      { box: box(10, 0, 18, 14), ranked: clear },
    ]);
    expect(out.map((c) => c[0]?.label)).toEqual(['2', 'z']);
  });

  it('an unpaired ")" becomes its non-bracket runner-up; a paired one stays', () => {
    const paren = [
      { label: ')', score: 0.6 },
      { label: '1', score: 0.4 },
    ];
    const open = [
      { label: '(', score: 0.9 },
      { label: 'c', score: 0.1 },
    ];
    expect(pairBrackets([flat, paren], [0, 1])[1]?.[0]?.label).toBe('1');
    expect(pairBrackets([open, paren], [0, 1])[1]?.[0]?.label).toBe(')');
    expect(pairBrackets([open, flat], [0, 1])[0]?.[0]?.label).toBe('c');
    // A "(" misread as c earlier on the line is its partner: the c becomes "(".
    const c = [
      { label: 'c', score: 0.6 },
      { label: '(', score: 0.4 },
    ];
    expect(pairBrackets([c, flat, paren], [0, 1, 2]).map((x) => x[0]?.label)).toEqual([
      '(',
      '2',
      ')',
    ]);
  });

  it('mixed brackets become one kind when either is likely the other; a clear "[0, 1)" stays', () => {
    const square = (round: number): { label: string; score: number }[] => [
      { label: '[', score: 1 - round },
      { label: '(', score: round },
    ];
    const close = [{ label: ')', score: 1 }];
    const labels = (c: { label: string; score: number }[][]): (string | undefined)[] =>
      pairBrackets(c, [0, 1, 2]).map((x) => x[0]?.label);
    expect(labels([square(0.3), flat, close])).toEqual(['(', '2', ')']);
    // The closing one is the likelier misreading: it becomes "]".
    const closeOrSquare = [
      { label: ')', score: 0.6 },
      { label: ']', score: 0.4 },
    ];
    expect(labels([square(0.2), flat, closeOrSquare])).toEqual(['[', '2', ']']);
    expect(labels([square(0.02), flat, close])).toEqual(['[', '2', ')']);
  });

  it('an operator at either end or next to another operator becomes its operand runner-up', () => {
    const plus = [
      { label: '+', score: 0.7 },
      { label: '4', score: 0.3 },
    ];
    const sure = [
      { label: '=', score: 0.98 },
      { label: 'z', score: 0.02 },
    ];
    const two = [{ label: '2', score: 1 }];
    const top = (c: { label: string; score: number }[][], i: number): string | undefined =>
      operatorsNeedOperands(
        c,
        c.map((_, k) => k),
      )[i]?.[0]?.label;
    expect(top([plus, sure, two], 0)).toBe('4'); // leading +
    expect(top([two, sure, plus], 2)).toBe('4'); // trailing +
    expect(top([two, plus, sure, two], 1)).toBe('4'); // "+ =": the weaker one goes
    expect(top([two, plus, sure, two], 2)).toBe('=');
    expect(top([two, plus, two], 1)).toBe('+'); // well placed: unchanged
    const slash = [
      { label: '/', score: 0.6 },
      { label: '1', score: 0.4 },
    ];
    expect(top([slash, two], 0)).toBe('1'); // "/2" cannot start with the division
    expect(top([two, slash, two], 1)).toBe('/');
    // No plausible operand candidate: left alone rather than invented.
    expect(top([sure, two, two], 0)).toBe('=');
  });
});
