import { describe, expect, it } from 'vitest';
import { greekExplanation, greekLatex } from './greek.ts';
import { latexToText } from './latex.ts';
import { parseExpr } from './parse.ts';
import { toLatex, toText } from './print.ts';
import { solve } from './solve.ts';
import { solved } from './testing/solved.ts';

describe('Greek letters as variables', () => {
  it.each([
    ['2\\theta+\\alpha\\beta', '2 theta + alpha beta'],
    ['\\sin^{2}\\theta', '(sin( theta ))^(2)'],
    ['\\sin 2\\theta', '(sin(2 theta))'],
    ['\\theta_1', 'theta_1'],
    ['\\vartheta + \\varphi', 'theta + phi'],
    ['2θ', '2 theta'],
    ['\\frac{d}{d\\theta} \\theta^2', 'd/dtheta theta ^(2)'],
  ])('LaTeX %s reads as %s', (latex, text) => {
    expect(latexToText(latex)).toBe(text);
  });

  it('one Greek name is one variable, not a product of letters (no e inside beta)', () => {
    expect(toText(parseExpr('2*theta+alpha*beta'))).toBe('2 * theta + alpha * beta');
    expect(toText(parseExpr('theta(theta+1)'))).toBe('theta * (theta + 1)');
  });

  it('prints them back as LaTeX commands, spaced from a following letter', () => {
    expect(toLatex(parseExpr('2 theta + alpha beta'))).toBe('2\\theta + \\alpha\\beta');
    expect(toLatex(parseExpr('omega * x'))).toBe('\\omega x');
    expect(toLatex(parseExpr('pi * x^2'))).toBe('\\pi x^{2}');
    expect(toLatex(parseExpr('theta_1'))).toBe('\\theta_{1}');
  });

  it('names routes write into LaTeX are turned into commands, words are left alone', () => {
    expect(greekLatex('theta = \\frac{\\pi}{6} + 2k\\pi')).toBe(
      '\\theta = \\frac{\\pi}{6} + 2k\\pi',
    );
    expect(greekLatex('\\theta + \\sum_{k=1}^{n} k')).toBe('\\theta + \\sum_{k=1}^{n} k');
    expect(greekExplanation('so the theta terms: $theta = 2$')).toBe(
      'so the theta terms: $\\theta = 2$',
    );
  });

  it.each([
    ['2\\theta+\\alpha\\beta', 'alpha * beta + 2 * theta', '\\alpha\\beta + 2\\theta'],
    ['2*theta+alpha*beta', 'alpha * beta + 2 * theta', '\\alpha\\beta + 2\\theta'],
    ['\\sin^{2}\\theta+\\cos^{2}\\theta', '1', '1'],
    ['3\\lambda - 4 = 2\\lambda + 1', 'lambda = 5', '\\lambda = 5'],
    ['\\mu^2 - 5\\mu + 6 = 0', 'mu = 2; mu = 3', '\\mu = 2 \\quad\\text{or}\\quad \\mu = 3'],
    [
      'factor \\gamma^2-1',
      '(gamma + 1) * (gamma - 1)',
      '\\left(\\gamma + 1\\right)\\left(\\gamma - 1\\right)',
    ],
    ['\\frac{d}{d\\theta} \\sin\\theta', 'cos(theta)', '\\cos\\left(\\theta\\right)'],
    ['\\int_{0}^{\\pi} \\sin\\theta\\,d\\theta', '2', '2'],
    ['\\sigma^2 + 1 where \\sigma = 3', '10', '10'],
  ])('%s → %s', (input, mathjs, latex) => {
    const r = solved(input);
    expect(r.answer?.mathjs).toBe(mathjs);
    expect(r.answer?.latex).toBe(latex);
  });

  it('trig equations in θ give the general solution in θ, steps in LaTeX', () => {
    const r = solved('\\sin\\theta=\\frac{1}{2}');
    expect(r.answer?.mathjs).toBe('theta = pi / 6 + 2 * k * pi; theta = 5 * pi / 6 + 2 * k * pi');
    expect(r.answer?.latex).toMatch(/^\\theta = \\frac\{\\pi\}\{6\} \+ 2k\\pi/);
    expect(r.steps.every((s) => !/(?<!\\)theta/.test(s.latex))).toBe(true);
    expect(solved('\\sin 2\\theta = 1').answer?.mathjs).toBe('theta = pi / 4 + k * pi');
    expect(solved('\\tan\\phi = 1').answer?.latex).toContain('\\phi = \\frac{\\pi}{4} + k\\pi');
  });

  it('π stays the constant', () => {
    expect(solved('\\sin(\\pi/6)').answer?.mathjs).toBe('1 / 2');
    // `\pi x` printed without a space used to read back as the unknown command `\pix`.
    expect(solved('d/dx pi*x^2').answer?.latex).toBe('2 \\cdot \\pi x');
  });

  it('a linear equation with π in it is read (θ the unknown, π the number) and solved', () => {
    const r = solve('2\\theta=\\pi');
    expect(r.normalized).toBe('2 * theta = pi');
    expect(r.answer?.latex).toBe('\\theta = \\frac{\\pi}{2}');
  });
});
