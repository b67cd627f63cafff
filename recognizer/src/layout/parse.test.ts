import { describe, expect, it } from 'vitest';
import { layout } from './test-layout.ts';

/**
 * Synthesized layouts: symbols as boxes placed the way people write (units of one
 * x-height ≈ 10; y down). Digits and ascenders are 14 tall, x-height letters 10.
 */

describe('parseLayout', () => {
  it('reads a baseline with implicit multiplication', () => {
    const r = layout([
      ['2', 0, 0, 8, 14],
      ['x', 10, 4, 9, 10],
      ['+', 22, 4, 10, 10],
      ['1', 35, 0, 3, 14],
    ]);
    expect(r.latex).toBe('2x+1');
    expect(r.mathjs).toBe('2*x+1');
  });

  it('a digit sticking out past a short fraction bar still belongs to its row', () => {
    const r = layout([
      ['1', 5, -16, 3, 14],
      ['-', 0, 0, 14, 1],
      ['1', 6, 3, 3, 14],
      ['0', 11, 3, 8, 14], // mostly past the bar's right end
      ['+', 24, -5, 10, 10],
      ['2', 37, -7, 8, 14],
    ]);
    expect(r.latex).toBe('\\frac{1}{10}+2');
  });

  it('a denominator hanging off a short bar is still under it', () => {
    // CROHME train: the 2 of "½(3x²−1)" has only 43 % of its width under the bar.
    const r = layout([
      ['1', 0, -16, 6, 14],
      ['-', 2, 0, 5, 1],
      ['2', 5, 3, 5, 12],
      ['(', 14, -10, 3, 24],
      ['3', 19, -4, 7, 14],
      [')', 29, -10, 3, 24],
    ]);
    expect(r.latex).toBe('\\frac{1}{2}(3)');
  });

  it("the exponent of a denominator's last symbol may stick out past the bar", () => {
    const r = layout([
      ['1', 4, -16, 3, 14],
      ['-', 0, 0, 12, 1],
      ['n', 2, 6, 9, 10],
      ['2', 12, 2, 5, 7], // starts past the bar's end
      ['+', 22, -5, 10, 10],
      ['1', 35, -7, 3, 14],
    ]);
    expect(r.latex).toBe('\\frac{1}{n^{2}}+1');
  });

  it('a letter after a closing bracket drawn high is on the baseline, not a subscript', () => {
    const r = layout([
      ['(', 0, -6, 4, 20],
      ['a', 6, 4, 9, 10],
      [')', 17, -6, 4, 20], // drawn high: its foot is level with the a's
      ['x', 23, 5, 9, 10],
      ['2', 33, -4, 5, 7],
    ]);
    expect(r.latex).toBe('(a)x^{2}');
  });

  it('reads superscripts, and returns to the baseline after them', () => {
    const r = layout([
      ['x', 0, 4, 9, 10],
      ['2', 10, -4, 5, 7],
      ['+', 18, 4, 10, 10],
      ['y', 30, 4, 9, 14],
      ['3', 40, -3, 5, 7],
    ]);
    expect(r.latex).toBe('x^{2}+y^{3}');
    expect(r.mathjs).toBe('x^2+y^3');
  });

  it('nests exponents (3^{3^{3}})', () => {
    const r = layout([
      ['3', 0, 0, 8, 14],
      ['3', 9, -6, 5, 8],
      ['3', 15, -11, 3.5, 5],
    ]);
    expect(r.latex).toBe('3^{3^{3}}');
  });

  it('reads a fraction and does not confuse a minus with a bar', () => {
    const r = layout([
      ['1', 4, -16, 3, 14],
      ['-', 0, 0, 20, 1],
      ['x', 4, 4, 9, 10],
      ['-', 24, 0, 8, 1],
      ['5', 35, -7, 8, 14],
    ]);
    expect(r.latex).toBe('\\frac{1}{x}-5');
    expect(r.mathjs).toBe('1/x-5');
  });

  it('reads nested fractions (widest bar first)', () => {
    const r = layout([
      ['1', 8, -36, 3, 12],
      ['-', 4, -22, 12, 1],
      ['2', 6, -19, 8, 12],
      ['-', 0, 0, 20, 1],
      ['3', 6, 3, 8, 14],
    ]);
    expect(r.latex).toBe('\\frac{\\frac{1}{2}}{3}');
  });

  it('reads a square root with its content and an exponent inside', () => {
    const r = layout([
      ['\\sqrt', 0, -2, 34, 18],
      ['x', 10, 4, 9, 10],
      ['2', 20, -2, 5, 7],
      ['+', 36, 4, 10, 10],
      ['1', 48, 0, 3, 14],
    ]);
    expect(r.latex).toBe('\\sqrt{x^{2}}+1');
    expect(r.mathjs).toBe('sqrt(x^2)+1');
  });

  it('keeps an exponent sticking out past the end of the radical inside it', () => {
    // The 2 starts after the bar's end (x 34): still the radicand's exponent.
    const r = layout([
      ['\\sqrt', 0, -2, 30, 18],
      ['z', 18, 4, 10, 10],
      ['2', 30, -1, 6, 8],
      ['+', 42, 4, 10, 10],
      ['1', 55, 0, 3, 14],
    ]);
    expect(r.latex).toBe('\\sqrt{z^{2}}+1');
  });

  it('an inner radical reaching past the outer bar keeps its radicand inside both', () => {
    // The outer bar ends at x 40; the inner one reaches on to 54, over the x.
    const r = layout([
      ['\\sqrt', 0, -6, 40, 26],
      ['1', 8, 2, 3, 14],
      ['+', 13, 4, 8, 10],
      ['\\sqrt', 22, -2, 32, 20],
      ['2', 32, 2, 8, 14],
      ['x', 44, 6, 8, 10],
    ]);
    expect(r.latex).toBe('\\sqrt{1+\\sqrt{2x}}');
  });

  it('a radicand does not end with an operator, nor is a radical empty', () => {
    // The bars end before the last operand (x 30 and 12).
    const plus = layout([
      ['\\sqrt', 0, -2, 30, 20],
      ['3', 8, 2, 7, 14],
      ['+', 18, 4, 9, 10],
      ['4', 31, 2, 7, 14],
    ]);
    expect(plus.latex).toBe('\\sqrt{3+4}');
    const empty = layout([
      ['\\sqrt', 0, -2, 12, 20],
      ['4', 12, 2, 7, 14],
      ['+', 24, 4, 9, 10],
      ['1', 36, 2, 3, 14],
    ]);
    expect(empty.latex).toBe('\\sqrt{4}+1');
  });

  it('reads an index written left of the radical, but not an exponent before it', () => {
    const index = layout([
      ['n', 1, -4, 6, 6],
      ['\\sqrt', 6, -6, 30, 20],
      ['x', 20, 4, 9, 10],
    ]);
    expect(index.latex).toBe('\\sqrt[n]{x}');
    // 2^{-n}√x: the n ends where the √ starts, right after the minus of its exponent.
    const exponent = layout([
      ['2', 0, 0, 8, 14],
      ['-', 11, -3, 5, 1],
      ['n', 18, -6, 6, 6],
      ['\\sqrt', 23, -6, 30, 20],
      ['x', 37, 4, 9, 10],
    ]);
    expect(exponent.latex).toBe('2^{-n}\\sqrt{x}');
  });

  it('keeps a numerator’s leading minus written left of the bar, not a minus before it', () => {
    const numerator = layout([
      ['-', 0, -8, 5, 1],
      ['b', 12, -16, 8, 14],
      ['-', 10, 0, 20, 1],
      ['2', 16, 4, 8, 14],
    ]);
    expect(numerator.latex).toBe('\\frac{-b}{2}');
    // A minus at the bar's height is before the fraction, even beside a high denominator.
    const before = layout([
      ['-', 0, 2, 5, 1],
      ['b', 12, -16, 8, 14],
      ['-', 10, 0, 20, 1],
      ['2', 12, 1, 8, 14],
    ]);
    expect(before.latex).toBe('-\\frac{b}{2}');
  });

  it('reads brackets, an exponent on a bracket and × as explicit multiplication', () => {
    const r = layout([
      ['(', 0, -2, 5, 20],
      ['a', 7, 4, 9, 10],
      ['+', 18, 4, 10, 10],
      ['b', 30, 0, 8, 14],
      [')', 40, -2, 5, 20],
      ['2', 46, -8, 5, 7],
      ['\\times', 55, 5, 8, 8],
      ['c', 66, 4, 8, 10],
    ]);
    expect(r.latex).toBe('(a+b)^{2}\\times c');
    expect(r.mathjs).toBe('(a+b)^2*c');
  });

  it('reads several lines', () => {
    const r = layout([
      ['x', 0, 4, 9, 10],
      ['=', 12, 6, 10, 6],
      ['2', 25, 0, 8, 14],
      ['y', 0, 34, 9, 14],
      ['=', 12, 36, 10, 6],
      ['3', 25, 30, 8, 14],
    ]);
    expect(r.latex).toBe('x=2 \\\\ y=3');
    expect(r.mathjs).toBe('x=2\ny=3');
  });

  it('handles relations, π and empty input', () => {
    expect(
      layout([
        ['\\pi', 0, 4, 10, 10],
        ['\\leq', 13, 3, 9, 12],
        ['4', 25, 0, 8, 14],
      ]).mathjs,
    ).toBe('pi<=4');
    expect(
      layout([
        ['\\pi', 0, 4, 10, 10],
        ['x', 12, 4, 9, 10],
      ]).latex,
    ).toBe('\\pi x');
    expect(layout([])).toEqual({ latex: '', mathjs: '' });
  });
});
