/**
 * Sums: finite ones by the formulas for Σk, Σk², Σk³ or the geometric sum, infinite
 * geometric series, and sums to a letter (sums-symbolic.ts). Each formula is a link checked
 * against the terms added one by one.
 */
import type { CalculusProblem } from './calculus-read.ts';
import { SolverError, unsupported } from './errors.ts';
import {
  add,
  CONSTANT_SYMBOLS,
  div,
  freeVars,
  mul,
  neg,
  num,
  pow,
  rat,
  sub,
  substitute,
  sym,
} from './expr.ts';
import type { Expr } from './expr.ts';
import { constValue, polyExpr, toRational, toUni, uDeg } from './poly.ts';
import { isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import { symbolicSumSteps } from './sums-symbolic.ts';
import type { Trail } from './trail.ts';
import { close, operandTex, stripOnes, tex, val, workOut } from './work-out.ts';
import type { CalculusOutcome } from './work-out.ts';

/**
 * Internal name of an index written with a constant's letter: in `\sum_{i=1}^{10} i` the
 * `i` named under the Σ is the bound variable of that sum, not the imaginary unit (nor is
 * `e` Euler's number in `sum(e, e, 1, 5)`). No reader produces this name.
 */
const BOUND_INDEX = 'k_bound';

/** Most terms added one by one to check a sum formula. */
const MAX_CHECKED_TERMS = 100_000;
/** Terms of an infinite geometric series added to check its sum numerically. */
const SERIES_TERMS = 400;

function integerOf(e: Expr, what: string): bigint {
  const v = constValue(e);
  if (v === null || v.d !== 1n) throw unsupported(`The ${what} of a sum must be a whole number.`);
  return v.s * v.n;
}

/** `\sum_{k=1}^{n} \left(2k + 1\right)`: the sum as written, its body bracketed when it is a sum. */
export function sumHead(p: Extract<CalculusProblem, { op: 'sum' }>): string {
  const hi = p.hi === 'inf' ? '\\infty' : p.hi === '-inf' ? '-\\infty' : tex(p.hi);
  return `\\sum_{${p.k}=${tex(p.lo)}}^{${hi}} ${operandTex(p.body)}`;
}

export function sumSteps(
  p: Extract<CalculusProblem, { op: 'sum' }>,
  trail: Trail,
): CalculusOutcome {
  // Shown as written; worked with under a name that no constant has (see BOUND_INDEX).
  const shown = p.k;
  const k = CONSTANT_SYMBOLS.has(shown) ? BOUND_INDEX : shown;
  const body = k === shown ? p.body : substitute(p.body, new Map([[shown, sym(k)]]));
  if ([...freeVars(body)].some((x) => x !== k))
    throw unsupported(`The sum may only contain its index ${shown}.`);
  const lo = integerOf(p.lo, 'lower limit');
  const at = (n: bigint): Q => {
    let v: Q | null;
    try {
      v = constValue(substitute(body, new Map([[k, n < 0n ? neg(num(q(-n))) : num(q(n))]])));
    } catch {
      v = null;
    }
    if (v === null)
      throw unsupported('The terms of the sum must be exact numbers (like k^2 or 2^k).');
    return v;
  };
  // Geometric: t_{j+1} / t_j constant.
  const t0 = at(lo);
  const ratio = isZero(t0) ? null : at(lo + 1n).div(t0);
  const geometric =
    ratio !== null && [2n, 3n, 4n].every((j) => at(lo + j).equals(t0.mul(ratio.pow(Number(j)))));
  const head = sumHead(p);
  if (p.hi === 'inf' || p.hi === '-inf') {
    if (p.hi === '-inf' || !geometric || ratio === null)
      throw unsupported(
        'Infinite sums are supported for geometric series, like \\sum_{k=0}^{\\infty} (1/2)^k.',
      );
    if (ratio.abs().compare(ONE) >= 0)
      throw new SolverError(
        'no-solution',
        `The series diverges: the ratio $r = ${tex(rat(ratio))}$ has $|r| \\ge 1$, so the sum has no finite value.`,
      );
    const formula = div(rat(t0), sub(num(1), rat(ratio)));
    let partial = 0;
    for (let j = 0; j < SERIES_TERMS; j++)
      partial += val(substitute(body, new Map([[k, num(q(lo + BigInt(j)))]])));
    trail.link(
      `${head} = \\frac{a}{1 - r}`,
      `A geometric series with first term $a = ${tex(rat(t0))}$ and ratio $r = ${tex(rat(ratio))}$ ($|r| < 1$) adds up to $\\frac{a}{1 - r}$.`,
      'sum-formula',
      close(partial, val(formula), 1e-9),
    );
    return {
      value: workOut(formula, trail, 'Put $a$ and $r$ into the formula.', 'substitute'),
      classification: 'geometric-series',
    };
  }
  if (freeVars(p.hi).size > 0)
    return symbolicSumSteps(
      { shown, k, body, lo, hi: p.hi, head, at, t0, ratio, geometric },
      trail,
    );
  const hi = integerOf(p.hi, 'upper limit');
  if (hi < lo) throw unsupported('The upper limit of the sum is below the lower one.');
  const count = hi - lo + 1n;
  if (count > BigInt(MAX_CHECKED_TERMS))
    throw unsupported(`Sums of more than ${MAX_CHECKED_TERMS} terms are not supported.`);
  // Added term by term (geometric terms as t0·r^j, exact, since large powers are not expanded).
  let brute = ZERO;
  for (let j = lo; j <= hi; j++)
    brute = brute.add(geometric && ratio !== null ? t0.mul(ratio.pow(Number(j - lo))) : at(j));
  if (geometric && ratio !== null && !ratio.equals(ONE)) {
    const n = num(q(count));
    const formula = div(mul(rat(t0), sub(num(1), pow(rat(ratio), n))), sub(num(1), rat(ratio)));
    const exact = t0.mul(ONE.sub(ratio.pow(Number(count)))).div(ONE.sub(ratio));
    trail.link(
      `${head} = \\frac{a(1 - r^{n})}{1 - r}`,
      `A geometric sum with first term $a = ${tex(rat(t0))}$, ratio $r = ${tex(rat(ratio))}$ and $n = ${count}$ terms is $\\frac{a(1 - r^{n})}{1 - r}$.`,
      'sum-formula',
      exact.equals(brute),
    );
    return {
      value: workOut(formula, trail, 'Put $a$, $r$ and $n$ into the formula.', 'substitute'),
      classification: 'geometric-series',
    };
  }
  const r = toRational(body);
  const u = r && constValue(polyExpr(r.den)) !== null ? toUni(r.num, k) : null;
  const d = r ? constValue(polyExpr(r.den)) : null;
  if (u === null || d === null || uDeg(u) > 3)
    throw unsupported(
      'Finite sums are supported for terms a·k² + b·k + c and geometric terms a·r^k.',
    );
  const [c0, c1, c2, c3] = [0, 1, 2, 3].map((i) => (u[i] ?? ZERO).div(d)) as [Q, Q, Q, Q];
  // S(n) = c2·n(n+1)(2n+1)/6 + c1·n(n+1)/2 + c0·n, from 1 to n; from lo: S(hi) − S(lo − 1).
  const S = (n: bigint): Expr => {
    const N = num(q(n));
    const parts: Expr[] = [];
    if (!isZero(c3)) parts.push(mul(rat(c3), pow(div(mul(N, num(q(n + 1n))), num(2)), num(2))));
    if (!isZero(c2))
      parts.push(mul(rat(c2), div(mul(mul(N, num(q(n + 1n))), num(q(2n * n + 1n))), num(6))));
    if (!isZero(c1)) parts.push(mul(rat(c1), div(mul(N, num(q(n + 1n))), num(2))));
    if (!isZero(c0)) parts.push(mul(rat(c0), N));
    return parts.length === 0 ? num(0) : parts.reduce((a, b) => add(a, b));
  };
  const tidy = (e: Expr): Expr => stripOnes(e);
  const formula = tidy(lo === 1n ? S(hi) : sub(S(hi), S(lo - 1n)));
  const names = [
    !isZero(c3) ? `$\\sum ${shown}^3 = \\left(\\frac{n(n+1)}{2}\\right)^2$` : '',
    !isZero(c2) ? `$\\sum ${shown}^2 = \\frac{n(n+1)(2n+1)}{6}$` : '',
    !isZero(c1) ? `$\\sum ${shown} = \\frac{n(n+1)}{2}$` : '',
    !isZero(c0) ? '$\\sum 1 = n$' : '',
  ].filter((x) => x !== '');
  trail.link(
    `${head} = ${lo === 1n ? '' : `S(${hi}) - S(${lo - 1n})`}`.replace(/ = $/, ''),
    `Split the sum term by term and use ${names.join(', ')}${lo === 1n ? `, with $n = ${hi}$` : `: from $${lo}$ to $${hi}$ is the sum up to $${hi}$ minus the sum up to $${lo - 1n}$`}.`,
    'sum-formula',
    constValue(formula)?.equals(brute) === true,
  );
  return {
    value: workOut(formula, trail, 'Put the numbers into the formulas.', 'substitute'),
    classification: 'finite-sum',
  };
}
