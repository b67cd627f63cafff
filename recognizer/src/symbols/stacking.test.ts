import { describe, expect, it } from 'vitest';
import { cluster, join, onlyStacked } from './stacking.ts';

const noParts = { strokes: 0, bars: 0, dots: 0, solid: 0, cap: false, legs: false };

const box = (minX: number, minY: number, maxX: number, maxY: number) => ({
  minX,
  minY,
  maxX,
  maxY,
});

describe('stacking', () => {
  it('gathers a ÷ written bar first, then both dots, as one stacked group', () => {
    const bar = box(0, 10, 10, 10.5);
    const top = box(4.5, 6, 5.5, 7);
    const bottom = box(4.5, 13.5, 5.5, 14.5);
    const c = cluster([bar, top, bottom]);
    expect(c?.stacked).toEqual({ strokes: 3, bars: 1, dots: 2, solid: 0, cap: false, legs: false });
    // The two dots alone are too far apart to be one symbol.
    expect(cluster([top, bottom])).toBeNull();
  });

  it('rejects a fraction (solid over a bar over solid) as one stacked symbol', () => {
    const one = box(4, 0, 5, 8);
    const bar = box(0, 9, 10, 9.5);
    const zero = box(3, 10.5, 8, 18);
    expect(cluster([one, bar, zero])).toBeNull();
  });

  it('a flag that misses its stem by a hair touches; a fraction bar does not', () => {
    const body = box(0, 3.3, 8, 12); // the body of a 5
    const flag = box(1, 2.8, 9, 3); // its bar, a hair above, sticking out on one side
    expect(join(body, flag)).toBe('touching');
    const wideBar = box(-2, 12.4, 10, 12.6); // a fraction bar under a numerator
    expect(join(body, wideBar)).toBe('stacked');
  });

  it('keeps only the stacked labels the parts can make', () => {
    const shape = {
      ranked: [
        { label: '\\div', score: 0.5 },
        { label: '\\leq', score: 0.3 },
        { label: '4', score: 0.2 },
      ],
      junk: 0,
    };
    // A solid part over a bar: ≤, never ÷ (which needs dots) nor 4.
    const out = onlyStacked(shape, {
      strokes: 2,
      bars: 1,
      dots: 0,
      solid: 1,
      cap: false,
      legs: false,
    });
    expect(out.ranked.map((r) => r.label)).toEqual(['\\leq']);
    expect(out.junk).toBeCloseTo(0.7);
  });

  it('a 5 whose cap floats above its body is stacked; a wide bar over a symbol is not a 5', () => {
    const shape = {
      ranked: [
        { label: '5', score: 0.6 },
        { label: '\\leq', score: 0.4 },
      ],
      junk: 0,
    };
    const body = box(0, 4, 8, 12);
    const cap = cluster([body, box(1, 1.5, 7, 2)]); // the cap a gap above, narrower
    expect(cap?.stacked?.cap).toBe(true);
    // Only the 5 is left: a ≤ has its bar under the wedge, not over it.
    expect(onlyStacked(shape, cap?.stacked ?? noParts).ranked.map((r) => r.label)).toEqual(['5']);
    expect(cluster([body, box(1, 1.5, 11, 2)])?.stacked?.cap).toBe(true); // reaching right
    expect(cluster([body, box(1, 1.5, 14, 2)])?.stacked?.cap).toBe(true); // far right
    const fraction = cluster([body, box(-2, 1.5, 10, 2)]); // a fraction bar, out on both sides
    expect(fraction?.stacked?.cap).toBe(false);
    expect(
      onlyStacked(shape, fraction?.stacked ?? noParts).ranked.map((r) => r.label),
    ).not.toContain('5');
  });

  it('a bar with two legs hanging apart from it is a π, and only a π', () => {
    const shape = {
      ranked: [
        { label: '-', score: 0.5 },
        { label: '\\pi', score: 0.4 },
        { label: '=', score: 0.1 },
      ],
      junk: 0,
    };
    const bar = box(0, 0, 12, 1);
    const left = box(3, 2, 4, 11); // a gap of 1 under the bar: well within a leg's third
    const right = box(8, 1.5, 9, 11);
    const pi = cluster([bar, left, right]);
    expect(pi?.stacked?.legs).toBe(true);
    expect(onlyStacked(shape, pi?.stacked ?? noParts).ranked.map((r) => r.label)).toEqual(['\\pi']);
    // A denominator further under its bar is no π's legs, nor are two legs side by side
    // under only one end of a bar.
    expect(cluster([bar, box(3, 6, 4, 15), box(8, 6, 9, 15)])).toBeNull();
    expect(cluster([box(0, 0, 5, 1), left, right])?.stacked?.legs ?? false).toBe(false);
  });

  it('a long stroke does not reach a neighbour a fair way off: the gap is judged by the smaller', () => {
    const radical = box(10, 0, 60, 10); // a √ over a long radicand
    const plus = box(2, 3, 8, 9); // a + before it, a third of its own size away
    // Before, 2 was within 5 % of the √'s 50: touching. Now it is a gap (only the two arcs
    // of an x join across one, see segment.ts).
    expect(join(radical, plus)).toBe('beside');
    expect(join(radical, box(9.8, 3, 15, 9))).toBe('touching');
  });
});
