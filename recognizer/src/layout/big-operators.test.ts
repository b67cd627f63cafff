import { describe, expect, it } from 'vitest';
import { toMathjs } from './emit.ts';
import type { LayoutNode } from './parse.ts';
import { layout, treeNodes } from './test-layout.ts';
import type { Spec } from './test-layout.ts';

/**
 * Sums, limits, integrals and absolute values as people write them (units of one
 * x-height ≈ 10; y down). Digits and ascenders are 14 tall, x-height letters 10, limits
 * smaller; a ∫ reaches well above and below its integrand.
 */

/** x² dx after a ∫ ending at x = 8, on the line from y = 4 to 14. */
const X2DX: Spec[] = [
  ['x', 18, 4, 9, 10],
  ['2', 28, -3, 5, 7],
  ['d', 36, 0, 8, 14],
  ['x', 46, 4, 9, 10],
];
const INT: Spec = ['\\int', 0, -12, 8, 38];

describe('integrals', () => {
  it('reads limits at the top right and bottom right of the ∫', () => {
    const r = layout([INT, ['1', 9, -14, 3, 9], ['0', 9, 20, 6, 9], ...X2DX]);
    expect(r.latex).toBe('\\int_{0}^{1}x^{2}dx');
    expect(r.mathjs).toBe('integral(x^2, x, 0, 1)');
  });

  it('reads limits written above and below the ∫, even a line gap away', () => {
    const r = layout([INT, ['1', 1, -32, 3, 9], ['0', 1, 36, 6, 9], ...X2DX]);
    expect(r.latex).toBe('\\int_{0}^{1}x^{2}dx');
    expect(r.mathjs).toBe('integral(x^2, x, 0, 1)');
  });

  it('reads an integral without limits, and what follows its dx', () => {
    const r = layout([
      ['\\int', 0, -8, 8, 30],
      ['x', 12, 4, 9, 10],
      ['d', 24, 0, 8, 14],
      ['x', 34, 4, 9, 10],
      ['=', 47, 6, 10, 5],
      ['y', 60, 4, 9, 14],
    ]);
    expect(r.latex).toBe('\\int xdx=y');
    expect(r.mathjs).toBe('integral(x, x)=y');
  });

  it('does not take the numerator of an integrand at the ∫’s top right as a limit', () => {
    const r = layout([
      INT,
      ['1', 14, -8, 3, 14],
      ['-', 10, 8, 12, 1],
      ['x', 12, 11, 9, 10],
      ['d', 26, 0, 8, 14],
      ['x', 36, 4, 9, 10],
    ]);
    expect(r.latex).toBe('\\int\\frac{1}{x}dx');
    expect(r.mathjs).toBe('integral(1/x, x)');
  });

  it('does not take an integrand written low for a lower limit', () => {
    const r = layout([
      ['\\int', 0, -12, 8, 38],
      ['x', 12, 16, 9, 10],
      ['d', 24, 12, 8, 14],
      ['x', 34, 16, 9, 10],
    ]);
    expect(r.latex).toBe('\\int xdx');
    expect(r.mathjs).toBe('integral(x, x)');
  });

  it('keeps the next line of working under an indefinite integral a line', () => {
    const r = layout([
      ['\\int', 0, -8, 8, 30],
      ['x', 12, 4, 9, 10],
      ['d', 24, 0, 8, 14],
      ['x', 34, 4, 9, 10],
      ['=', 0, 40, 8, 5],
      ['2', 10, 36, 7, 14],
    ]);
    expect(r.latex).toBe('\\int xdx \\\\ =2');
  });

  it('writes an integral without its d x readably rather than throwing', () => {
    const r = layout([INT, ['1', 9, -14, 3, 9], ['0', 9, 20, 6, 9], ['x', 18, 4, 9, 10]]);
    expect(r.latex).toBe('\\int_{0}^{1}x');
    expect(r.mathjs).toBe('integral(x)');
  });
});

/** Σ from x = 10 to 26, y = -6 to 14, with i = 1 under it (starting left of it). */
const SIGMA: Spec[] = [
  ['\\sum', 10, -6, 16, 20],
  ['i', 4, 17, 3, 10],
  ['=', 11, 20, 7, 5],
  ['1', 20, 16, 3, 10],
];

describe('sums', () => {
  it('reads limits centred above and below a Σ, the lower one wider than it', () => {
    const r = layout([...SIGMA, ['n', 14, -17, 8, 8], ['i', 30, 4, 3, 10]]);
    expect(r.latex).toBe('\\sum_{i=1}^{n}i');
    expect(r.mathjs).toBe('sum(i, i, 1, n)');
  });

  it('ends the body at a relation and spells ∞ as Infinity', () => {
    const r = layout([
      ...SIGMA,
      ['\\infty', 12, -16, 12, 7],
      ['i', 30, 4, 3, 10],
      ['=', 37, 6, 10, 5],
      ['2', 50, 0, 8, 14],
    ]);
    expect(r.latex).toBe('\\sum_{i=1}^{\\infty}i=2');
    expect(r.mathjs).toBe('sum(i, i, 1, Infinity)=2');
  });

  it('keeps a lower limit a line gap below the Σ on its line', () => {
    const low = SIGMA.map(([l, x, y, w, h]): Spec => [l, x, l === '\\sum' ? y : y + 8, w, h]);
    const r = layout([...low, ['1', 13, -20, 3, 10], ['0', 17, -20, 6, 10], ['i', 30, 4, 3, 10]]);
    expect(r.latex).toBe('\\sum_{i=1}^{10}i');
    expect(r.mathjs).toBe('sum(i, i, 1, 10)');
  });

  it('keeps a wide line under a Σ without limits a line of its own', () => {
    const r = layout([
      ['\\sum', 10, -6, 16, 20],
      ['k', 30, 0, 8, 14],
      ['x', 2, 30, 9, 10],
      ['=', 14, 32, 10, 5],
      ['2', 27, 26, 8, 14],
      ['+', 38, 30, 10, 10],
      ['1', 51, 26, 3, 14],
    ]);
    expect(r.latex).toBe('\\sum k \\\\ x=2+1');
  });

  it('writes a sum without k = … under it readably', () => {
    const r = layout([
      ['\\sum', 10, -6, 16, 20],
      ['i', 30, 4, 3, 10],
    ]);
    expect(r.latex).toBe('\\sum i');
    expect(r.mathjs).toBe('sum(i)');
  });
});

describe('limits', () => {
  /** The word lim (one symbol, from words.ts) with x → a under it, then sin x over x. */
  const lim = (target: Spec[]): Spec[] => [
    ['\\lim', 0, 0, 22, 14],
    ['x', 0, 18, 7, 7],
    ['\\rightarrow', 8, 20, 10, 3],
    ...target,
    ['\\sin', 30, -14, 18, 14],
    ['x', 50, -7, 7, 7],
    ['-', 28, 4, 32, 1],
    ['x', 40, 9, 7, 7],
  ];

  it('reads x → 0 under lim and applies the limit to what follows', () => {
    const r = layout(lim([['0', 19, 17, 5, 8]]));
    expect(r.latex).toBe('\\lim_{x\\rightarrow0}\\frac{\\sin x}{x}');
    expect(r.mathjs).toBe('limit((sin(x))/x, x, 0)');
  });

  it('reads a limit at ∞ written as ∞', () => {
    const r = layout(lim([['\\infty', 19, 19, 9, 5]]));
    expect(r.latex).toBe('\\lim_{x\\rightarrow\\infty}\\frac{\\sin x}{x}');
    expect(r.mathjs).toBe('limit((sin(x))/x, x, Infinity)');
  });
});

describe('absolute values and Greek letters', () => {
  it('pairs bars into abs()', () => {
    const r = layout([
      ['|', 0, -2, 2, 18],
      ['x', 5, 4, 9, 10],
      ['-', 17, 8, 8, 1],
      ['3', 28, 0, 8, 14],
      ['|', 39, -2, 2, 18],
      ['=', 45, 6, 10, 5],
      ['2', 58, 0, 8, 14],
    ]);
    expect(r.latex).toBe('|x-3|=2');
    expect(r.mathjs).toBe('abs(x-3)=2');
  });

  it('spells θ, α, β in mathjs and multiplies them like letters', () => {
    const r = layout([
      ['2', 0, 0, 8, 14],
      ['\\theta', 10, 0, 8, 14],
      ['+', 21, 4, 10, 10],
      ['\\alpha', 34, 4, 9, 10],
      ['\\beta', 45, 0, 8, 18],
    ]);
    expect(r.latex).toBe('2\\theta+\\alpha\\beta');
    expect(r.mathjs).toBe('2*theta+alpha*beta');
  });
});

describe('emitting bars and big operators from a tree', () => {
  const { box, s } = treeNodes();
  const seq = (labels: string): LayoutNode[] => [...labels].map(s);

  it('nests and multiplies bars, and leaves a lone bar as it is', () => {
    expect(toMathjs([seq('2|x|')])).toBe('2*abs(x)');
    expect(toMathjs([seq('||x|-1|')])).toBe('abs(abs(x)-1)');
    expect(toMathjs([seq('|x||y|')])).toBe('abs(x)*abs(y)');
    expect(toMathjs([seq('x|')])).toBe('x|');
    expect(toMathjs([[s('\\sin'), ...seq('|x-1|+2')]])).toBe('sin(abs(x-1))+2');
  });

  it('reads x -> a written as a minus and a greater-than sign', () => {
    const limit: LayoutNode = {
      kind: 'script',
      base: s('\\lim'),
      sub: [s('x'), s('-'), s('\\gt'), s('1')],
      sup: [],
      box,
    };
    expect(toMathjs([[limit, ...seq('x+1')]])).toBe('limit(x+1, x, 1)');
    expect(toMathjs([[{ ...limit, sub: seq('x1') }, s('x')]])).toBe('limit(x)');
  });
});
