import { seededRandom, testSeed } from '@motionmath/testkit';
import { describe, expect, it } from 'vitest';
import { evalC } from './numeric.ts';
import { parseExpr } from './parse.ts';
import { fromUni, polyExpr, uMul, uSub } from './poly.ts';
import type { UPoly } from './poly.ts';
import { toText } from './print.ts';
import { q } from './q.ts';
import { solve } from './solve.ts';
import { solved } from './testing/solved.ts';

describe('polynomial division', () => {
  it.each([
    ['(x^3 - 2x^2 + 4)/(x - 3)', 'x^2 + x + 3 + 13 / (x - 3)'],
    ['divide x^3 - 1 by x - 1', 'x^2 + x + 1'],
    ['(2x^3 + 3x^2 - x + 5) \\div (x + 2)', '2 * x^2 - x + 1 + 3 / (x + 2)'],
    ['long division (x^4 + 1)/(x^2 + 1)', 'x^2 - 1 + 2 / (x^2 + 1)'],
    ['\\frac{x^2 + 1}{x + 1}', 'x - 1 + 2 / (x + 1)'],
    ['(x^2 - 5)/(x - 1)', 'x + 1 - 4 / (x - 1)'],
    ['long division (6x^3 + 5x^2 - 2)/(2x^2 - 1)', '3 * x + 5 / 2 + (6 * x + 1) / (4 * x^2 - 2)'],
  ])('%s = %s, one leading term per step', (input, answer) => {
    const r = solved(input);
    expect(r.classification).toBe('polynomial-division');
    expect(r.answer?.mathjs).toBe(answer);
    expect(r.steps.slice(1).every((s) => s.rule === 'long-division-step')).toBe(true);
  });

  it('synthetic division by x − c names the box number and the remainder theorem', () => {
    const r = solved('synthetic division (x^3 - 2x^2 + 4)/(x - 3)');
    expect(r.answer?.mathjs).toBe('x^2 + x + 3 + 13 / (x - 3)');
    expect(r.steps[1]?.rule).toBe('synthetic-division');
    expect(r.steps[1]?.explanation).toMatch(/with \$3\$ in the box/);
    expect(r.steps[1]?.explanation).toMatch(/value of the top at \$x = 3\$/);
    const words = solved('divide 2x^3 + 3x^2 - x + 5 by x + 2 using synthetic division');
    expect(words.steps[1]?.rule).toBe('synthetic-division');
  });

  it('a fraction that cancels is still simplified by cancelling', () => {
    expect(solved('\\frac{x^3 - 6x^2 + 11x - 6}{x - 1}').classification).toBe('simplify');
  });

  it('refuses synthetic division by a non-linear divisor, in words', () => {
    const r = solve('synthetic division (x^3+1)/(x^2+1)');
    expect(r.status).toBe('unsupported');
    expect(r.error?.message).toMatch(/needs a divisor like \$x - 3\$.*long division/);
  });

  it('refuses a division that is not of polynomials in one variable, in words', () => {
    const r = solve('long division (x + 1)/(x^2 + 1)');
    expect(r.status).toBe('unsupported');
    expect(r.error?.message).toMatch(/top of degree at least the bottom's/);
  });

  // N = Q·D + R built first (deg R < deg D): the answer starts with Q and equals N / D.
  it('property: random divisions give the built quotient (seeded)', () => {
    const rnd = seededRandom(testSeed('solver polynomial division'));
    const coefs = (n: number, lo: number, hi: number): UPoly =>
      Array.from({ length: n }, () => q(rnd.int(lo, hi)));
    for (let k = 0; k < 25; k++) {
      const dDeg = rnd.int(1, 2);
      const d = [...coefs(dDeg, -5, 5), q(rnd.int(1, 3))];
      const quo = [...coefs(rnd.int(1, 3), -6, 6), q(rnd.int(1, 4))];
      const rem = coefs(dDeg, -7, 7);
      const n = uSub(
        uMul(quo, d),
        rem.map((c) => c.neg()),
      );
      const text = (u: UPoly): string => toText(polyExpr(fromUni(u, 'x')));
      const method = rnd.int(0, 1) === 0 || dDeg > 1 || !d[1]?.equals(q(1)) ? 'long' : 'synthetic';
      const input = `${method} division (${text(n)})/(${text(d)})`;
      const r = solved(input);
      expect(r.answer?.mathjs.startsWith(text(quo)), `${input} → ${r.answer?.mathjs}`).toBe(true);
      for (const x of [0.37, -2.1, 3.3]) {
        const env = new Map([['x', { re: x, im: 0 }]]);
        const want = evalC(parseExpr(`(${text(n)})/(${text(d)})`), env).re;
        expect(evalC(parseExpr(r.answer?.mathjs ?? 'NaN'), env).re, input).toBeCloseTo(want, 9);
      }
    }
  });
});
