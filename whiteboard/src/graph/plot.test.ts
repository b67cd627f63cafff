import { describe, expect, it } from 'vitest';
import { graphMarks, graphSvg, GRAPH_COLORS, tickStep } from './graph-svg.ts';
import { findRoots, plottable, sampleCurve } from './plot.ts';

const VIEW = { xMin: -10, xMax: 10, yMin: -8, yMax: 8 };

describe('plottable', () => {
  it('reads functions, equations in x and inequalities; refuses the rest', () => {
    expect(plottable('y=x^(2)-4')?.kind).toBe('function');
    expect(plottable('f(x)=((1)/(2))x+1')?.f?.(4)).toBe(3);
    expect(plottable('x^(2)-5x+6=0')?.f?.(2)).toBe(0);
    const region = plottable('y<= 2x+1');
    expect(region?.kind).toBe('region');
    expect(region?.g?.(0, 0)).toBe(-1);
    expect(plottable('2x+y<4')?.f).toBeNull();
    expect(plottable('x+y+z=1')).toBeNull();
    expect(plottable('2+3')).toBeNull();
    expect(plottable('y=((')).toBeNull();
  });
});

describe('roots and intersections', () => {
  it('finds simple, double and no roots, and skips poles', () => {
    const near = (xs: number[], want: number[]) => {
      expect(xs).toHaveLength(want.length);
      xs.forEach((x, i) => expect(x).toBeCloseTo(want[i] ?? NaN, 6));
    };
    near(
      findRoots((x) => x * x - 5 * x + 6, -10, 10),
      [2, 3],
    );
    near(
      findRoots((x) => (x - 1) ** 2, -10, 10),
      [1],
    );
    near(
      findRoots((x) => 1 / x, -10, 10),
      [],
    );
    near(
      findRoots((x) => Math.sin(x), -4, 4),
      [-Math.PI, 0, Math.PI],
    );
  });

  it('marks roots of each curve and where two curves meet', () => {
    const a = plottable('y=x^(2)-4');
    const b = plottable('y=x+2');
    if (!a || !b) throw new Error('not plottable');
    const marks = graphMarks(
      [
        { plot: a, color: GRAPH_COLORS[0] },
        { plot: b, color: GRAPH_COLORS[1] },
      ],
      VIEW,
    );
    // x = -2 is a root of both and where they meet: marked once, as the meeting point.
    expect(marks.filter((m) => m.kind === 'root').map((m) => m.label)).toEqual(['x = 2']);
    expect(marks.filter((m) => m.kind === 'intersection').map((m) => m.label)).toEqual([
      '(-2, 0)',
      '(3, 5)',
    ]);
  });
});

describe('drawing', () => {
  it('breaks a curve at an asymptote', () => {
    expect(sampleCurve((x) => 1 / x, VIEW).length).toBe(2);
    expect(sampleCurve((x) => x, VIEW).length).toBe(1);
  });

  it('picks 1-2-5 tick steps', () => {
    expect(tickStep(20, 360)).toBe(2);
    expect(tickStep(2, 360)).toBe(0.2);
  });

  it('an SVG with the curve, the shaded region and the legend, escaped', () => {
    const f = plottable('y>x^(2)');
    if (!f) throw new Error('not plottable');
    const { svg } = graphSvg([{ plot: f, color: '#123456' }], VIEW, 360, 300);
    expect(svg).toContain('fill-opacity="0.18"');
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('y &#62; x²');
    expect(new DOMParserLike(svg).ok).toBe(true);
  });

  it('leaves out tick numbers the plot edge would cut (-10 at the left edge)', () => {
    const f = plottable('y=x');
    if (!f) throw new Error('not plottable');
    const { svg } = graphSvg([{ plot: f, color: '#123456' }], VIEW, 360, 300);
    const numbers = [...svg.matchAll(/text-anchor="middle">(-?[\d.]+)</g)].map((m) => m[1]);
    expect(numbers).toContain('-8');
    expect(numbers).toContain('8');
    expect(numbers).not.toContain('-10');
    expect(numbers).not.toContain('10');
  });
});

/** Well-formedness without a DOM: every tag that opens closes, in order. */
class DOMParserLike {
  readonly ok: boolean;
  constructor(xml: string) {
    const stack: string[] = [];
    let ok = true;
    for (const m of xml.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)) {
      const [, close, name = '', self] = m;
      if (self) continue;
      if (close) ok &&= stack.pop() === name;
      else stack.push(name);
    }
    this.ok = ok && stack.length === 0;
  }
}
