import { describe, expect, it } from 'vitest';
import { latexEditDistance, latexTokensEqual, normalizeLatex } from './latex-compare.ts';

describe('LaTeX normalization for scoring', () => {
  it('ignores $, whitespace and redundant braces; braces script arguments', () => {
    expect(latexTokensEqual('$ x ^ {2} + 1 $', 'x^2+1')).toBe(true);
    expect(latexTokensEqual('\\frac {1} {x}', '\\frac1x')).toBe(true);
    expect(latexTokensEqual('{x}+{1}', 'x+1')).toBe(true);
    expect(latexTokensEqual('\\sqrt [3] a', '\\sqrt[3]{a}')).toBe(true);
    // A fraction as an unbraced exponent takes its arguments along.
    expect(latexTokensEqual('y = x ^ \\frac 1 3', 'y=x^{\\frac{1}{3}}')).toBe(true);
  });

  it('unifies equivalent spellings', () => {
    expect(latexTokensEqual('a \\lt b', 'a<b')).toBe(true);
    expect(latexTokensEqual('a \\le b \\ne c', 'a\\leq b\\neq c')).toBe(true);
    expect(latexTokensEqual('2 × 3', '2\\times3')).toBe(true);
    expect(latexTokensEqual('\\mathrm d x', 'dx')).toBe(true);
    expect(latexTokensEqual('\\left( x \\right)', '(x)')).toBe(true);
  });

  it('keeps real differences', () => {
    expect(latexTokensEqual('x^{2}', 'x2')).toBe(false);
    expect(latexTokensEqual('x^{2}', 'x_{2}')).toBe(false);
    expect(latexTokensEqual('\\frac{1}{2}', '1-2')).toBe(false);
  });

  it('counts token edits without braces', () => {
    expect(latexEditDistance('x^{2}+1', 'x^2+1')).toBe(0);
    expect(latexEditDistance('x^{2}+1', 'x2+1')).toBe(1);
    expect(latexEditDistance('x^{2}+1', 'y^{2}-1')).toBe(2);
    expect(normalizeLatex('x^2')).toEqual(['x', '^', '{', '2', '}']);
  });

  it('tolerates unbalanced input', () => {
    expect(() => normalizeLatex('x^{2')).not.toThrow();
    expect(() => normalizeLatex('}}{')).not.toThrow();
    expect(normalizeLatex('')).toEqual([]);
  });
});
