/**
 * Sums to a letter (`\sum_{k=1}^{n} k^2`, `\sum_{k=0}^{n} 2^k`): polynomial terms by the
 * power-sum (Faulhaber) formulas, geometric terms by a(1 − r^m)/(1 − r). The closed form
 * is a link, checked against the terms added one by one for several n; the steps after it
 * (expand, factor) are checked as equal polynomials like any other chain.
 */
import { unsupported } from './errors.ts';
import {
  div,
  freeVars,
  mul,
  neg,
  num,
  pow,
  productOf,
  rat,
  sub,
  substitute,
  sumOf,
} from './expr.ts';
import type { Expr } from './expr.ts';
import {
  constValue,
  fromUni,
  polyExpr,
  primitive,
  rootFactors,
  toRational,
  toUni,
  trim,
  uDeg,
  uEval,
  uMul,
  uSub,
} from './poly.ts';
import type { UPoly } from './poly.ts';
import { isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';
import { scaledExpr, stripOnes, tex } from './work-out.ts';
import type { CalculusOutcome } from './work-out.ts';

/** Highest power of k summed in closed form: school work stops at k³, this leaves room. */
const MAX_POWER = 10;
/**
 * Values of n, beyond the degree + 2 that already pin down a polynomial closed form, at
 * which it is also compared with the terms added up (a margin against a wrong degree).
 */
const EXTRA_CHECKS = 3;
/** Values of n at which a geometric closed form is compared with the terms added up. */
const GEOMETRIC_CHECKS = 8;
/** Largest a in an upper limit a·n + b: the check adds about a terms per value of n. */
const MAX_LIMIT_MULTIPLE = 100n;

/** What sums.ts has already worked out about the sum. */
export interface SymbolicSum {
  /** The index as written (`i`) and as worked with. */
  readonly shown: string;
  readonly k: string;
  readonly body: Expr;
  readonly lo: bigint;
  readonly hi: Expr;
  /** The sum as written, in LaTeX. */
  readonly head: string;
  /** The term for a whole-number index, exactly. */
  readonly at: (n: bigint) => Q;
  readonly t0: Q;
  readonly ratio: Q | null;
  readonly geometric: boolean;
}

const isWhole = (x: Q): boolean => x.d === 1n;
const big = (x: Q): bigint => x.s * x.n;

/** The upper limit as a·n + b (a a positive whole number, b whole), its letter and value. */
function upperLimit(s: SymbolicSum): { v: string; u: UPoly } {
  const vars = [...freeVars(s.hi)];
  if (vars.includes(s.k) || vars.includes(s.shown))
    throw unsupported(`The upper limit of the sum cannot contain its index ${s.shown}.`);
  const r = vars.length === 1 ? toRational(s.hi) : null;
  const d = r && constValue(polyExpr(r.den));
  const u = r && d ? toUni(r.num, vars[0] as string)?.map((c) => c.div(d)) : null;
  const a = u?.[1];
  if (
    !u ||
    uDeg(u) !== 1 ||
    !u.every(isWhole) ||
    a === undefined ||
    a.compare(ZERO) <= 0 ||
    big(a) > MAX_LIMIT_MULTIPLE
  )
    throw unsupported(
      `A sum up to a letter is supported for upper limits like n, n + 1 or 2n (a whole multiple of one letter, at most ${MAX_LIMIT_MULTIPLE}n, plus a whole number).`,
    );
  return { v: vars[0] as string, u: trim(u) };
}

/** f(g(n)): a polynomial in the upper limit written in terms of its letter. */
function compose(f: UPoly, g: UPoly): UPoly {
  let out: UPoly = [];
  for (let i = f.length - 1; i >= 0; i--) out = uSub(uMul(out, g), [(f[i] as Q).neg()]);
  return out;
}

const scale = (u: UPoly, k: Q): UPoly => trim(u.map((c) => c.mul(k)));

function binomial(n: number, k: number): Q {
  let r = ONE;
  for (let i = 1; i <= k; i++) r = r.mul(q(n - k + i)).div(q(i));
  return r;
}

/** Σ_{k=1}^{m} k^j for j = 0…d as polynomials in m, from (m+1)^{j+1} − 1 = Σ_{i≤j} C(j+1, i)·P_i(m). */
export function powerSums(d: number): UPoly[] {
  const sums: UPoly[] = [];
  let shifted: UPoly = [ONE, ONE]; // (m + 1)^{j + 1}
  for (let j = 0; j <= d; j++) {
    let rest = uSub(shifted, [ONE]);
    for (let i = 0; i < j; i++) rest = uSub(rest, scale(sums[i] as UPoly, binomial(j + 1, i)));
    sums.push(scale(rest, ONE.div(q(j + 1))));
    shifted = uMul(shifted, [ONE, ONE]);
  }
  return sums;
}

/** u = k · Π f_i^{p_i}: linear factors from the rational roots, then what is left, all primitive. */
function factorUni(u: UPoly): { k: Q; factors: { f: UPoly; p: number }[] } {
  const split = rootFactors(u);
  let rest = split.rest;
  const factors = split.factors.map(({ factor, times }) => ({ f: factor, p: times }));
  if (uDeg(rest) > 0) {
    const prim = primitive(rest).map((x) => q(x));
    factors.push({ f: prim, p: 1 });
    rest = [(rest[rest.length - 1] as Q).div(prim[prim.length - 1] as Q)];
  }
  return { k: rest[0] ?? ZERO, factors };
}

/**
 * The order a teacher writes factors in: n first, then by degree and leading coefficient,
 * then by constant term: n(n + 1)(2n + 1), (n + 1)(n + 2).
 */
function factorOrder(a: UPoly, b: UPoly): number {
  const key = (u: UPoly): Q[] => [
    isZero(u[0] ?? ZERO) ? ZERO : ONE,
    q(uDeg(u)),
    u[u.length - 1] ?? ZERO,
    u[0] ?? ZERO,
  ];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    const d = (ka[i] as Q).compare(kb[i] as Q);
    if (d !== 0) return d;
  }
  return 0;
}

/** k·Π f_i(g)^{p_i} as a teacher writes it: `\frac{n(n+1)(2n+1)}{6}`, `4(n - 1)(n + 1)`. */
function factoredExpr(
  k: Q,
  factors: readonly { f: UPoly; p: number }[],
  g: UPoly,
  v: string,
): Expr {
  const body = factors
    .map(({ f, p }) => ({ u: compose(f, g), p }))
    .sort((a, b) => factorOrder(a.u, b.u))
    .map(({ u, p }) => {
      const e = polyExpr(fromUni(u, v));
      return p === 1 ? e : pow(e, num(p));
    });
  if (body.length === 0) return rat(k);
  // A whole number is written in front, a fraction as \frac{…}{6}.
  if (isWhole(k) && !k.abs().equals(ONE)) {
    const product = productOf([num(k.abs()), ...body]);
    return k.s < 0n ? neg(product) : product;
  }
  return scaledExpr(k, productOf(body));
}

/** c·X, with 1·X as X and the sign outside (−2·X as −(2·X)), so that sums print with −. */
function times(c: Q, x: Expr): Expr {
  const a = c.abs();
  const body = a.equals(ONE) ? x : mul(rat(a), x);
  return c.s < 0n && !isZero(c) ? neg(body) : body;
}

/** The sum of the terms for n = first, first + 1, …: the independent check. */
function directSums(
  s: SymbolicSum,
  hiAt: (n: bigint) => bigint,
  first: bigint,
  count: number,
): Q[] {
  const out: Q[] = [];
  let total = ZERO;
  let next = s.lo;
  for (let n = first; out.length < count; n++) {
    for (; next <= hiAt(n); next++) total = total.add(s.at(next));
    out.push(total);
  }
  return out;
}

/** Does the shown closed form give the terms added up, for `count` values of n from `first`? */
export function closedFormHolds(
  s: SymbolicSum,
  form: Expr,
  v: string,
  u: UPoly,
  count: number,
): boolean {
  const hiAt = (n: bigint): bigint => big(uEval(u, q(n)));
  // From the first n whose sum is empty or longer (a·n + b ≥ lo − 1).
  const a = u[1] as Q;
  let first = big(
    q(s.lo - 1n)
      .sub(u[0] ?? ZERO)
      .div(a)
      .floor(),
  );
  while (hiAt(first) < s.lo - 1n) first++;
  const want = directSums(s, hiAt, first, count);
  return want.every((w, j) => {
    const n = first + BigInt(j);
    const got = constValue(substitute(form, new Map([[v, n < 0n ? neg(num(q(-n))) : num(q(n))]])));
    return got !== null && got.equals(w);
  });
}

export function symbolicSumSteps(s: SymbolicSum, trail: Trail): CalculusOutcome {
  const { v, u } = upperLimit(s);
  if (s.geometric && s.ratio !== null && !s.ratio.equals(ONE))
    return geometricSteps(s, trail, s.ratio, v, u);
  const r = toRational(s.body);
  const d = r && constValue(polyExpr(r.den));
  const p = r && d ? toUni(r.num, s.k)?.map((c) => c.div(d)) : null;
  if (!p || uDeg(p) > MAX_POWER)
    throw unsupported(
      `Sums up to a letter are supported for polynomial terms in ${s.shown} (like ${s.shown}^2 + 1, up to ${s.shown}^${MAX_POWER}) and geometric terms a·r^${s.shown} with a number r.`,
    );
  return polynomialSteps(s, trail, trim(p), v, u);
}

function geometricSteps(
  s: SymbolicSum,
  trail: Trail,
  ratio: Q,
  v: string,
  u: UPoly,
): CalculusOutcome {
  // The number of terms gets a letter of its own, not the upper limit's.
  const m = v === 'm' ? 'N' : 'm';
  const terms = polyExpr(fromUni(uSub(u, [q(s.lo - 1n)]), v));
  const power = pow(rat(ratio), terms);
  const formula = div(mul(rat(s.t0), sub(num(1), power)), sub(num(1), rat(ratio)));
  trail.link(
    `${s.head} = \\frac{a\\left(1 - r^{${m}}\\right)}{1 - r}`,
    `A geometric sum with first term $a = ${tex(rat(s.t0))}$, ratio $r = ${tex(rat(ratio))}$ and $${m} = ${tex(terms)}$ terms is $\\frac{a(1 - r^{${m}})}{1 - r}$.`,
    'sum-formula',
    closedFormHolds(s, formula, v, u, GEOMETRIC_CHECKS),
  );
  trail.expr(formula, `Put $a$, $r$ and $${m}$ into the formula.`, 'substitute');
  // The number in front worked out, made positive by turning the bracket round: 2^{n+1} − 1.
  const front = s.t0.div(ONE.sub(ratio));
  const simple =
    front.s < 0n ? times(front.neg(), sub(power, num(1))) : times(front, sub(num(1), power));
  trail.expr(simple, 'Work out the numbers in front.', 'simplify');
  return { value: simple, classification: 'geometric-series' };
}

function polynomialSteps(
  s: SymbolicSum,
  trail: Trail,
  p: UPoly,
  v: string,
  u: UPoly,
): CalculusOutcome {
  if (p.length === 0) {
    trail.link(
      s.head,
      'Every term is $0$.',
      'sum-formula',
      closedFormHolds(s, num(0), v, u, EXTRA_CHECKS),
    );
    trail.expr(num(0), 'So the sum is $0$.', 'substitute');
    return { value: num(0), classification: 'finite-sum' };
  }
  const sums = powerSums(uDeg(p));
  // The formulas are stated with the upper limit's own letter when it stands alone.
  const alone = u.length === 2 && (u[1] as Q).equals(ONE) && isZero(u[0] as Q);
  const n = alone ? v : 'n';
  const id: UPoly = [ZERO, ONE];
  const used = p
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => !isZero(c))
    .reverse();
  const formulas = used.map(({ j }) => {
    const f = factorUni(sums[j] as UPoly);
    return { j, f, shown: factoredExpr(f.k, f.factors, id, n) };
  });
  const parts = formulas.map(({ j, f }) => times(p[j] as Q, factoredExpr(f.k, f.factors, u, v)));
  // Σ from lo = Σ from 1 minus the first lo − 1 terms (lo ≥ 1), or plus those from lo to 0.
  const total = used.reduce<UPoly>(
    (acc, { c, j }) => uSub(acc, scale(sums[j] as UPoly, c.neg())),
    [],
  );
  const shift = uEval(total, q(s.lo - 1n)).neg();
  if (!isZero(shift)) parts.push(rat(shift));
  const formula = stripOnes(sumOf(parts));
  const power = (j: number): string => (j === 0 ? '1' : j === 1 ? s.shown : `${s.shown}^{${j}}`);
  const names = formulas.map(
    ({ j, shown }) => `$\\sum_{${s.shown}=1}^{${n}} ${power(j)} = ${tex(shown)}$`,
  );
  const from =
    s.lo === 1n
      ? ''
      : s.lo > 1n
        ? `; the sum starts at $${s.shown} = ${s.lo}$, so take away the first ${s.lo - 1n} terms, which add up to $${tex(rat(shift.neg()))}$`
        : `; the sum starts at $${s.shown} = ${s.lo}$, so add the terms from $${s.shown} = ${s.lo}$ to $0$, which add up to $${tex(rat(shift))}$`;
  const use = parts.length === 1 ? 'Use' : 'Split the sum term by term and use';
  trail.link(
    s.head,
    `${use} ${names.join(', ')}${alone ? '' : `, with $${tex(s.hi)}$ in place of $n$`}${from}.`,
    'sum-formula',
    closedFormHolds(s, formula, v, u, uDeg(p) + 2 + EXTRA_CHECKS),
  );
  trail.expr(formula, `Write out the formula${names.length === 1 ? '' : 's'}.`, 'substitute');
  const value = compose(uSub(total, [shift.neg()]), u);
  const f = factorUni(value);
  const factored = factoredExpr(f.k, f.factors, id, v);
  let last = formula;
  if (tex(factored) !== tex(formula)) {
    const expanded = polyExpr(fromUni(value, v));
    if (tex(expanded) !== tex(formula)) {
      trail.expr(expanded, 'Expand the brackets and collect like terms.', 'expand');
      last = expanded;
    }
    if (tex(factored) !== tex(last)) {
      trail.expr(factored, 'Factor.', 'factor');
      last = factored;
    }
  }
  return { value: last, classification: 'finite-sum' };
}
