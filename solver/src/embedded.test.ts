import { describe, expect, it } from 'vitest';
import { normalizeProblem, solve } from './solve.ts';
import { solved } from './testing/solved.ts';

describe('sums, limits and integrals inside a larger expression', () => {
  it.each([
    ['2\\int_{0}^{2}xdx+1', '5'],
    ['2*integral(x, x, 0, 2)+1', '5'],
    ['\\frac{1}{2}\\int_{0}^{2}x\\mathrm{d}x', '1'],
    ['\\sqrt{\\int_0^3 2x dx + 7}', '4'],
    ['\\int_{0}^{2} x\\,dx + \\int_{1}^{2} 3x^2 dx', '9'],
    ['2\\left(\\int_{0}^{1} 3x^2 \\, dx\\right)^2', '2'],
    ['\\frac{\\sum_{k=1}^{10} k}{5}', '11'],
    ['1 + \\sum_{k=1}^{4} k^2', '31'],
    ['\\left(\\sum_{i=1}^{10} i\\right) + 1', '56'],
    ['sum(k, k, 1, 10) + sum(k, k, 1, 3)', '61'],
    ['3\\lim_{x \\to 2} (x^2+1)', '15'],
    ['1 + \\sum_{k=0}^{\\infty} \\left(\\frac{1}{2}\\right)^{k}', '3'],
  ])('%s = %s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it('works the operator out first, then the expression, with the usual rules', () => {
    const r = solved('2\\int_{0}^{2}xdx+1');
    expect(r.classification).toBe('definite-integral');
    expect(r.normalized).toBe('2 * integral(x, x, 0, 2) + 1');
    expect(r.steps[0]).toMatchObject({ rule: 'work-out-part', latex: '2\\int_{0}^{2} x\\,dx + 1' });
    expect(r.steps.map((s) => s.rule)).toContain('evaluate-bounds');
    const putIn = r.steps.findIndex((s) => s.rule === 'put-in-values');
    expect(r.steps[putIn]?.latex).toBe('\\int_{0}^{2} x\\,dx = 2');
    expect(r.steps[putIn + 1]?.latex).toBe('2 \\cdot 2 + 1');
    expect(r.steps.at(-1)?.latex).toBe('5');
  });

  it('LaTeX and text forms are the same problem', () => {
    expect(normalizeProblem('2\\int_{0}^{2}xdx+1')).toBe(
      normalizeProblem('2*integral(x, x, 0, 2)+1'),
    );
  });

  it('a sum takes everything after it up to its bracket, as when it stands alone', () => {
    // Σ_{k=1}^{3} (k + 1) = 9, doubled.
    expect(solved('2\\sum_{k=1}^{3} k + 1').answer?.mathjs).toBe('18');
    expect(solved('2\\left(\\sum_{k=1}^{3} k\\right) + 1').answer?.mathjs).toBe('13');
    expect(solved('\\sum_{k=1}^{3} k + 1').answer?.mathjs).toBe('9');
  });

  it.each([
    ['\\int x dx + 1', /an integral is worked out only when it has a number/],
    ['2\\sum_{k=1}^{n} k', /a sum is worked out only when it has a number/],
    ['x + \\int_0^1 t dt', /only numbers are supported \(found x\)/],
    ['\\int_0^1 x dx = 1/2', /inside an equation or inequality/],
    ['2\\int_0^1 x^2 + 1', /needs its variable at the end/],
  ])('%s is refused in words', (input, message) => {
    const r = solve(input);
    expect(r.status).not.toBe('solved');
    expect(r.error?.message).toMatch(message);
  });

  it('a divergent series inside says so', () => {
    const r = solve('1 + \\sum_{k=0}^{\\infty} 2^k');
    expect(r.error?.code).toBe('no-solution');
    expect(r.error?.message).toMatch(/diverges/);
  });
});
