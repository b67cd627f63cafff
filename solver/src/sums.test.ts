import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import { uEval } from './poly.ts';
import type { UPoly } from './poly.ts';
import { solve } from './solve.ts';
import { closedFormHolds, powerSums } from './sums-symbolic.ts';
import type { SymbolicSum } from './sums-symbolic.ts';
import { parseExpr } from './parse.ts';
import { solved } from './testing/solved.ts';

describe('the index of a sum is its bound variable, even when it is i', () => {
  it.each([
    ['\\sum_{i=1}^{10}i', '55'],
    ['sum(i, i, 1, 10)', '55'],
    ['\\sum_{i=1}^{10} i^2', '385'],
    ['\\sum_{i=1}^{3} 2^i', '14'],
    ['\\sum_{i=0}^{\\infty} \\left(\\frac{1}{3}\\right)^{i}', '3 / 2'],
    ['sum(e, e, 1, 3)', '6'],
    // The same with other letters, as before.
    ['\\sum_{k=1}^{10}k', '55'],
    ['\\sum_{j=1}^{10}j', '55'],
  ])('%s = %s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it('shows the index as written', () => {
    const r = solved('\\sum_{i=1}^{10}i');
    expect(r.steps[0]?.latex).toBe('\\sum_{i=1}^{10} i');
    expect(r.normalized).toBe('sum(i, i, 1, 10)');
  });

  it.each([
    ['(1+2i)(3-i)', '5 + 5 * i'],
    ['i^2', '-1'],
    ['\\frac{1}{1+i}', '1 / 2 - 1 / 2 * i'],
    ['x^2 + 1 = 0', 'x = -i; x = i'],
  ])('outside a sum i is still the imaginary unit: %s = %s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it('an i that is not the index stays the imaginary unit (and is refused in a sum)', () => {
    expect(solve('\\sum_{k=1}^{10} i').status).toBe('unsupported');
  });
});

describe('sums up to a letter', () => {
  it.each([
    ['\\sum_{i=1}^{n} i', 'n * (n + 1) / 2', '\\frac{n\\left(n + 1\\right)}{2}'],
    ['sum(k, k, 1, n)', 'n * (n + 1) / 2', '\\frac{n\\left(n + 1\\right)}{2}'],
    [
      '\\sum_{k=1}^{n} k^2',
      'n * (n + 1) * (2 * n + 1) / 6',
      '\\frac{n\\left(n + 1\\right)\\left(2n + 1\\right)}{6}',
    ],
    ['\\sum_{k=1}^{n} k^3', 'n^2 * (n + 1)^2 / 4', '\\frac{n^{2}\\left(n + 1\\right)^{2}}{4}'],
    ['\\sum_{k=1}^{n} 5', '5 * n', '5n'],
    ['\\sum_{k=0}^{n} 1', 'n + 1', 'n + 1'],
    ['\\sum_{k=1}^{n} (2k - 1)', 'n^2', 'n^{2}'],
    ['\\sum_{k=1}^{n} (3k+2)', 'n * (3 * n + 7) / 2', '\\frac{n\\left(3n + 7\\right)}{2}'],
    [
      '\\sum_{k=1}^{m} (6k^2 - 2k + 1)',
      'm * (2 * m^2 + 2 * m + 1)',
      'm\\left(2m^{2} + 2m + 1\\right)',
    ],
    [
      '\\sum_{k=3}^{2n} (2k-1)',
      '4 * (n - 1) * (n + 1)',
      '4\\left(n - 1\\right)\\left(n + 1\\right)',
    ],
    [
      '\\sum_{k=1}^{n+1} k',
      '(n + 1) * (n + 2) / 2',
      '\\frac{\\left(n + 1\\right)\\left(n + 2\\right)}{2}',
    ],
    [
      '\\sum_{k=1}^{n} k^4',
      'n * (n + 1) * (2 * n + 1) * (3 * n^2 + 3 * n - 1) / 30',
      '\\frac{n\\left(n + 1\\right)\\left(2n + 1\\right)\\left(3n^{2} + 3n - 1\\right)}{30}',
    ],
  ])('%s = %s', (input, mathjs, latex) => {
    const r = solved(input);
    expect(r.classification).toBe('finite-sum');
    expect(r.answer?.mathjs).toBe(mathjs);
    expect(r.answer?.latex).toBe(latex);
  });

  it.each([
    ['\\sum_{k=0}^{n} 2^k', '2^(n + 1) - 1'],
    ['\\sum_{k=1}^{n} 3 \\cdot 2^{k-1}', '3 * (2^n - 1)'],
    ['\\sum_{k=1}^{n} \\left(\\frac{1}{2}\\right)^k', '1 - (1 / 2)^n'],
    ['sum(3^k, k, 1, n)', '3 / 2 * (3^n - 1)'],
    ['\\sum_{k=1}^{n} (-1)^k', '1 / 2 * ((-1)^n - 1)'],
  ])('geometric: %s = %s', (input, mathjs) => {
    const r = solved(input);
    expect(r.classification).toBe('geometric-series');
    expect(r.answer?.mathjs).toBe(mathjs);
  });

  it('names the formulas and the lower limit in the first step', () => {
    const r = solved('\\sum_{k=3}^{n} (k^2 + 1)');
    const first = r.steps[0];
    expect(first?.rule).toBe('sum-formula');
    expect(first?.latex).toBe('\\sum_{k=3}^{n} \\left(k^{2} + 1\\right)');
    expect(first?.explanation).toContain('\\sum_{k=1}^{n} k^{2} = ');
    expect(first?.explanation).toMatch(/take away the first 2 terms, which add up to \$7\$/);
    expect(r.steps.map((s) => s.rule)).toEqual(['sum-formula', 'substitute', 'expand', 'factor']);
  });

  it('the closed form agrees with the terms added up, for many n', () => {
    for (const [input, f] of [
      ['\\sum_{k=2}^{n} (k^3 - 2k)', (n: number): number => sumTo(2, n, (k) => k ** 3 - 2 * k)],
      ['\\sum_{k=0}^{n} 3^k', (n: number): number => sumTo(0, n, (k) => 3 ** k)],
    ] as const) {
      const answer = solved(input).answer?.mathjs ?? '';
      for (let n = 2; n <= 12; n++) expect(evalAt(answer, n), `${input} at ${n}`).toBe(f(n));
    }
  });

  it.each([
    ['\\sum_{k=1}^{n} k 2^k', /polynomial terms in k .* geometric terms/],
    ['\\sum_{k=1}^{n} \\frac{1}{k}', /polynomial terms in k/],
    ['\\sum_{k=1}^{n^2} k', /upper limits like n, n \+ 1 or 2n/],
    ['\\sum_{k=1}^{n} n', /may only contain its index k/],
    ['\\sum_{k=1}^{k} k', /cannot contain its index/],
    ['\\sum_{k=1}^{n} k^{11}', /up to k\^10/],
    ['\\sum_{k=1}^{1000n} k', /at most 100n/],
  ])('%s is refused in words', (input, message) => {
    const r = solve(input);
    expect(r.status).toBe('unsupported');
    expect(r.error?.message).toMatch(message);
  });
});

describe('the check of a closed form', () => {
  const sum: SymbolicSum = {
    shown: 'k',
    k: 'k',
    body: parseExpr('k'),
    lo: 1n,
    hi: parseExpr('n'),
    head: '',
    at: (k) => q(k),
    t0: q(1),
    ratio: q(2),
    geometric: false,
  };
  const n: UPoly = [ZERO, q(1)];
  it('accepts n(n+1)/2 for Σk and refuses forms that are wrong at some n', () => {
    expect(closedFormHolds(sum, parseExpr('n(n+1)/2'), 'n', n, 5)).toBe(true);
    expect(closedFormHolds(sum, parseExpr('n^2/2'), 'n', n, 5)).toBe(false);
    // Right at n = 0, 1, 2 only: a cubic through those points.
    expect(closedFormHolds(sum, parseExpr('n(n+1)/2 + n(n-1)(n-2)'), 'n', n, 5)).toBe(false);
  });
});

describe('power sums (Faulhaber)', () => {
  it('Σ_{k=1}^{m} k^j matches the terms added up, j = 0…10, m = 0…15', () => {
    const sums = powerSums(10);
    sums.forEach((u, j) => {
      let total: Q = ZERO;
      for (let m = 0; m <= 15; m++) {
        if (m > 0) total = total.add(q(m).pow(j));
        expect(uEval(u, q(m)).equals(total), `j = ${j}, m = ${m}`).toBe(true);
      }
    });
  });
});

function sumTo(lo: number, hi: number, f: (k: number) => number): number {
  let s = 0;
  for (let k = lo; k <= hi; k++) s += f(k);
  return s;
}

/** The value of an answer's mathjs text at n, by mathjs (independent of the solver). */
const evalAt = (answer: string, n: number): number => evaluate(answer, { n }) as number;
