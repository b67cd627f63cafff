import { describe, expect, it } from 'vitest';
import { latexToText } from './latex.ts';
import { parseExpr } from './parse.ts';
import { toLatex } from './print.ts';
import { sameValue } from './verify.ts';

describe('latexToText', () => {
  it.each([
    ['\\frac{a}{b}', '((a)/(b))'],
    ['x^{2}', 'x^(2)'],
    ['\\sqrt{x+1}', 'sqrt(x+1)'],
    ['2\\cdot 3', '2*3'],
    ['6\\times 7\\div 2', '6*7/2'],
    ['x\\le 3', 'x<=3'],
    ['x\\geq 3', 'x>=3'],
    ['x\\neq 3', 'x!=3'],
    ['\\left(x+1\\right)', '(x+1)'],
    ['\\frac12', '((1)/(2))'],
    ['x_{1}', 'x_1'],
  ])('%s → %s', (latex, text) => {
    expect(latexToText(latex).replace(/\s/g, '')).toBe(text);
  });

  it('turns a cases block into ; separated equations', () => {
    expect(latexToText('\\begin{cases} x+y=3 \\\\ x-y=1 \\end{cases}').replace(/\s/g, '')).toBe(
      'x+y=3;x-y=1',
    );
  });

  it('reads unicode symbols', () => {
    expect(latexToText('3×x − 2 ≤ 5').replace(/\s/g, '')).toBe('3*x-2<=5');
  });

  it('rejects unknown commands and unbalanced braces with a clear message', () => {
    expect(() => latexToText('\\foo{x}')).toThrow(/Unsupported LaTeX command \\foo/);
    expect(() => latexToText('\\frac{1}{2')).toThrow(/Unbalanced braces/);
  });

  it('reads powers of functions: \\sin^{2} x is (sin x)^2', () => {
    const e = parseExpr(latexToText('\\sin^{2} x + \\cos^2\\left(x\\right)'));
    expect(sameValue(e, parseExpr('1'))).toBe(true);
  });

  it('reads implicit multiplication as KaTeX writes it', () => {
    const e = parseExpr(latexToText('3\\left(x+1\\right)2x'));
    expect(sameValue(e, parseExpr('6*x*(x+1)'))).toBe(true);
  });

  // The printer and the converter must agree: what we show on the board reads back the same.
  it.each([
    'x^2 - 5*x + 6',
    '(x + 1)^2 / (x - 2)',
    '-(x + 1) * (2 - x)',
    '3/4 * x - 1/2',
    'sqrt(2) * x + sin(x)^2',
    '2^(x + 1) - exp(3 * x)',
    '-x^2 + (-3) * x',
    '(1/2)^3 - 2 / 3 / 4',
    'x * y * 2 - 3 * (x - y)',
  ])('round-trips %s through LaTeX', (text) => {
    const e = parseExpr(text);
    const back = parseExpr(latexToText(toLatex(e)));
    expect(sameValue(e, back)).toBe(true);
  });
});
