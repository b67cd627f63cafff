/**
 * Finite and geometric sums, determinants, limits and integrals. Each is a chain of equal
 * values joined by links (a formula, a known limit, an antiderivative) that are checked
 * here with an independent computation: the sum added term by term, the determinant by
 * elimination, the limit by evaluating near the point, the antiderivative by
 * differentiating it (mathjs), the definite integral by Simpson's rule.
 */
import { solveArithmetic } from './arithmetic.ts';
import type { CalculusProblem, Target } from './calculus-read.ts';
import { numericRows } from './calculus-read.ts';
import { unsupported, SolverError } from './errors.ts';
import {
  add,
  div,
  eq,
  fn,
  freeVars,
  mul,
  neg,
  num,
  pow,
  rat,
  sub,
  substitute,
  sumOf,
  sym,
} from './expr.ts';
import type { Expr } from './expr.ts';
import { factoredForm } from './equation.ts';
import { hasRoot, hasTrigValue, surdSteps, trigValueSteps } from './exact.ts';
import { c, evalC } from './numeric.ts';
import {
  constValue,
  fromUni,
  polyExpr,
  toRational,
  toUni,
  uDeg,
  uDivmod,
  uGcd,
  monic,
} from './poly.ts';
import { toLatex } from './print.ts';
import { isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';
import type { Classification } from './types.ts';
import { sameValue } from './verify.ts';

export interface CalculusOutcome {
  readonly value: Expr;
  readonly classification: Classification;
}

const tex = (e: Expr): string => toLatex(e);
const val = (e: Expr, env: ReadonlyMap<string, ReturnType<typeof c>> = new Map()): number =>
  evalC(e, env).re;
const close = (a: number, b: number, tol: number): boolean =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Work a constant expression out step by step (fractions, roots, trig values); the value. */
function workOut(e: Expr, trail: Trail, why: string, rule: string): Expr {
  trail.expr(e, why, rule);
  if (freeVars(e).size > 0) return e;
  if (hasTrigValue(e)) return trigValueSteps(e, trail);
  if (hasRoot(e)) return surdSteps(e, trail);
  try {
    const v = solveArithmetic(e, (x, w, r) => trail.expr(x, w, r), { decimals: false }, false);
    return rat(v);
  } catch (err) {
    if (!(err instanceof SolverError && err.code === 'unsupported')) throw err;
  }
  // ln 2 − ln 1, e^1 − e^0: known values, and what is left stays exact.
  const folded = foldKnown(e);
  if (tex(folded) === tex(e)) return e;
  trail.expr(
    folded,
    'Use $e^{0} = 1$, $e^{1} = e$, $\\ln 1 = 0$, $|a| = a$ for $a > 0$, and drop zeros.',
    'known-values',
  );
  return folded;
}

const isNum = (e: Expr, n: number): boolean => e.k === 'num' && e.v.equals(q(n));

function foldKnown(e: Expr): Expr {
  switch (e.k) {
    case 'fn': {
      const a = foldKnown(e.a);
      const k = freeVars(a).size === 0 ? constValue(a) : null;
      if (e.name === 'abs' && k !== null) return rat(k.abs());
      if (e.name === 'exp' && isNum(a, 0)) return num(1);
      if (e.name === 'exp' && isNum(a, 1)) return sym('e');
      if ((e.name === 'ln' || e.name === 'log') && isNum(a, 1)) return num(0);
      return fn(e.name, a);
    }
    case 'neg': {
      const a = foldKnown(e.a);
      return isNum(a, 0) ? num(0) : neg(a);
    }
    case 'bin': {
      const a = foldKnown(e.a);
      const b = foldKnown(e.b);
      if ((e.op === '+' || e.op === '-') && isNum(b, 0)) return a;
      if (e.op === '+' && isNum(a, 0)) return b;
      if (e.op === '-' && isNum(a, 0)) return neg(b);
      if (e.op === '^' && a.k === 'sym' && a.name === 'e' && isNum(b, 0)) return num(1);
      if (e.op === '^' && a.k === 'sym' && a.name === 'e' && isNum(b, 1)) return a;
      return { k: 'bin', op: e.op, a, b };
    }
    default:
      return e;
  }
}

// ---------- sums ----------

/** Most terms added one by one to check a sum formula. */
const MAX_CHECKED_TERMS = 100_000;
/** Terms of an infinite geometric series added to check its sum numerically. */
const SERIES_TERMS = 400;

function integerOf(e: Expr, what: string): bigint {
  const v = constValue(e);
  if (v === null || v.d !== 1n) throw unsupported(`The ${what} of a sum must be a whole number.`);
  return v.s * v.n;
}

function sumSteps(p: Extract<CalculusProblem, { op: 'sum' }>, trail: Trail): CalculusOutcome {
  const { body, k } = p;
  if ([...freeVars(body)].some((x) => x !== k))
    throw unsupported(`The sum may only contain its index ${k}.`);
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
  const head = `\\sum_{${k}=${tex(p.lo)}}^{${p.hi === 'inf' ? '\\infty' : p.hi === '-inf' ? '-\\infty' : tex(p.hi)}} ${tex(body)}`;
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
    !isZero(c3) ? '$\\sum k^3 = \\left(\\frac{n(n+1)}{2}\\right)^2$' : '',
    !isZero(c2) ? '$\\sum k^2 = \\frac{n(n+1)(2n+1)}{6}$' : '',
    !isZero(c1) ? '$\\sum k = \\frac{n(n+1)}{2}$' : '',
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

/** 1·x → x, so formulas read as a teacher writes them. */
function stripOnes(e: Expr): Expr {
  if (e.k === 'bin') {
    const a = stripOnes(e.a);
    const b = stripOnes(e.b);
    if (e.op === '*' && a.k === 'num' && a.v.equals(ONE)) return b;
    return { k: 'bin', op: e.op, a, b };
  }
  return e;
}

// ---------- determinants ----------

function eliminationDet(rows: readonly (readonly Q[])[]): Q {
  const m = rows.map((r) => [...r]);
  let det = ONE;
  const n = m.length;
  for (let col = 0; col < n; col++) {
    const piv = m.findIndex((r, i) => i >= col && !isZero(r[col] as Q));
    if (piv < 0) return ZERO;
    if (piv !== col) {
      [m[col], m[piv]] = [m[piv] as Q[], m[col] as Q[]];
      det = det.neg();
    }
    const p = (m[col] as Q[])[col] as Q;
    det = det.mul(p);
    for (let i = col + 1; i < n; i++) {
      const f = ((m[i] as Q[])[col] as Q).div(p);
      for (let j = col; j < n; j++)
        (m[i] as Q[])[j] = ((m[i] as Q[])[j] as Q).sub(f.mul((m[col] as Q[])[j] as Q));
    }
  }
  return det;
}

const wrapNeg = (e: Expr): Expr => e;

function det2(a: Expr, b: Expr, cc: Expr, d: Expr): Expr {
  return sub(mul(wrapNeg(a), wrapNeg(d)), mul(wrapNeg(b), wrapNeg(cc)));
}

function determinantSteps(rows: readonly (readonly Expr[])[], trail: Trail): CalculusOutcome {
  if (!numericRows(rows)) throw unsupported('Determinants are supported for matrices of numbers.');
  const qs = rows.map((r) =>
    r.map((e) => {
      const v = constValue(e);
      if (v === null) throw unsupported('Every entry of the matrix must be an exact number.');
      return v;
    }),
  );
  const exact = eliminationDet(qs);
  const shown = `\\begin{vmatrix} ${rows.map((r) => r.map(tex).join(' & ')).join(' \\\\ ')} \\end{vmatrix}`;
  const E = (i: number, j: number): Expr => (rows[i] as readonly Expr[])[j] as Expr;
  let formula: Expr;
  let why: string;
  if (rows.length === 2) {
    formula = det2(E(0, 0), E(0, 1), E(1, 0), E(1, 1));
    why = 'For a 2×2 determinant, $\\begin{vmatrix} a & b \\\\ c & d \\end{vmatrix} = ad - bc$.';
  } else {
    const minor = (j: number): Expr => {
      const cols = [0, 1, 2].filter((x) => x !== j) as [number, number];
      return det2(E(1, cols[0]), E(1, cols[1]), E(2, cols[0]), E(2, cols[1]));
    };
    formula = add(sub(mul(E(0, 0), minor(0)), mul(E(0, 1), minor(1))), mul(E(0, 2), minor(2)));
    why =
      'Expand along the first row: each entry times the 2×2 determinant left when its row and column are removed, with signs $+ - +$.';
  }
  trail.link(shown, why, 'determinant-formula', constValue(formula)?.equals(exact) === true);
  return {
    value: workOut(formula, trail, 'Write out the formula with the entries.', 'substitute'),
    classification: 'determinant',
  };
}

// ---------- limits ----------

/** Distances from the point at which the function is evaluated to check a limit. */
const LIMIT_PROBES = [1e-5, 1e-6];
/** Relative agreement required between the probes and the claimed limit. */
const LIMIT_TOLERANCE = 1e-4;
/** Far points for limits at infinity. */
const FAR_PROBES = [1e7, 1e8];

function limitHolds(body: Expr, v: string, to: Target, value: Expr): boolean {
  const L = val(value);
  const f = (x: number): number => {
    const z = evalC(body, new Map([[v, c(x)]]));
    return Math.abs(z.im) < 1e-9 ? z.re : NaN;
  };
  const xs =
    to === 'inf'
      ? FAR_PROBES
      : to === '-inf'
        ? FAR_PROBES.map((x) => -x)
        : LIMIT_PROBES.flatMap((h) => [val(to) + h, val(to) - h]);
  return Number.isFinite(L) && xs.every((x) => close(f(x), L, LIMIT_TOLERANCE));
}

function limitSteps(p: Extract<CalculusProblem, { op: 'limit' }>, trail: Trail): CalculusOutcome {
  const { body, v, to } = p;
  if ([...freeVars(body)].some((x) => x !== v))
    throw unsupported(`The limit may only contain its variable ${v}.`);
  const point = to === 'inf' ? '\\infty' : to === '-inf' ? '-\\infty' : tex(to);
  const head = `\\lim_{${v} \\to ${point}}`;
  const finish = (e: Expr, why: string): CalculusOutcome => {
    const at = to === 'inf' || to === '-inf' ? e : substitute(e, new Map([[v, to]]));
    trail.link(`${head} ${tex(e)}`, why, 'limit-substitute', true);
    const value = workOut(
      at,
      trail,
      to === 'inf' || to === '-inf' ? 'What is left.' : `Put $${v} = ${point}$ in.`,
      'substitute',
    );
    if (!limitHolds(body, v, to, value))
      throw new SolverError('unverified', 'The limit does not match the values near the point');
    return { value, classification: 'limit' };
  };
  const r = (() => {
    try {
      return toRational(body);
    } catch {
      return null;
    }
  })();
  const n = r && toUni(r.num, v);
  const d = r && toUni(r.den, v);
  if (to === 'inf' || to === '-inf') {
    if (n === null || d === null)
      throw unsupported('Limits at infinity are supported for ratios of polynomials.');
    const dn = uDeg(n);
    const dd = uDeg(d);
    if (dn > dd)
      throw new SolverError(
        'no-solution',
        `No finite limit: the top has the higher degree, so the fraction grows without bound.`,
      );
    trail.expr(body, 'Start with the function.', 'start');
    const top = n.map((cf, i) =>
      isZero(cf) ? null : mul(rat(cf), i === dd ? num(1) : div(num(1), pow(sym(v), num(dd - i)))),
    );
    const bot = d.map((cf, i) =>
      isZero(cf) ? null : mul(rat(cf), i === dd ? num(1) : div(num(1), pow(sym(v), num(dd - i)))),
    );
    const sumUp = (xs: (Expr | null)[]): Expr =>
      sumOf(
        xs
          .filter((x): x is Expr => x !== null)
          .reverse()
          .map(stripOnes),
      );
    const divided = div(sumUp(top), sumUp(bot));
    trail.expr(
      divided,
      `Divide the top and the bottom by $${v}^{${dd}}$, the highest power in the bottom.`,
      'divide-highest-power',
    );
    const limitOf = div(rat(dn === dd ? (n[dd] as Q) : ZERO), rat(d[dd] as Q));
    trail.link(
      `${head} ${tex(divided)}`,
      `As $${v} \\to ${point}$, every $\\frac{1}{${v}^{k}}$ goes to 0, leaving the leading coefficients.`,
      'limit-at-infinity',
      limitHolds(body, v, to, limitOf),
    );
    const value = workOut(limitOf, trail, 'What is left.', 'substitute');
    return { value, classification: 'limit' };
  }
  const a = val(to);
  const direct = evalC(body, new Map([[v, c(a)]]));
  const defined =
    Number.isFinite(direct.re) &&
    Math.abs(direct.im) < 1e-12 &&
    (d === null || !isZero(evalQ(d, to)));
  if (defined)
    return finish(
      body,
      `The function is defined at $${v} = ${point}$ (continuous there), so substitute directly.`,
    );
  if (n !== null && d !== null) {
    if (!isZero(evalQ(n, to)))
      throw new SolverError(
        'no-solution',
        `No limit: the bottom is 0 at $${v} = ${point}$ but the top is not, so the function grows without bound there.`,
      );
    trail.note(
      `\\text{substituting gives } \\frac{0}{0}`,
      `Substituting $${v} = ${point}$ gives $\\frac{0}{0}$: factor and cancel.`,
      'indeterminate',
      isZero(evalQ(d, to)) && isZero(evalQ(n, to)),
    );
    trail.expr(body, 'Start with the function.', 'start');
    const g = monic(uGcd(n, d));
    if (uDeg(g) < 1)
      throw new SolverError(
        'no-solution',
        `No limit: the bottom is 0 at $${v} = ${point}$ but the top is not.`,
      );
    const factored = div(factoredForm(n, v), factoredForm(d, v));
    trail.expr(factored, 'Factor the top and the bottom.', 'factor');
    const reduced = div(
      polyExpr(fromUni(uDivmod(n, g).quo, v)),
      polyExpr(fromUni(uDivmod(d, g).quo, v)),
    );
    const rr = toRational(reduced);
    const simple = rr && constValue(polyExpr(rr.den)) !== null ? polyExpr(rr.num) : reduced;
    trail.expr(
      simple,
      `Cancel the common factor $${tex(polyExpr(fromUni(g, v)))}$ (allowed: near $${v} = ${point}$ it is not 0).`,
      'cancel',
    );
    return finish(
      simple,
      `The simplified function is defined at $${v} = ${point}$, so substitute.`,
    );
  }
  // sin(a·x)/(b·x) at 0: the known limit sin(u)/u → 1.
  if (
    a === 0 &&
    body.k === 'bin' &&
    body.op === '/' &&
    body.a.k === 'fn' &&
    body.a.name === 'sin'
  ) {
    const ka = linearCoefficient(body.a.a, v);
    const kb = linearCoefficient(body.b, v);
    if (ka !== null && kb !== null) {
      const value = div(rat(ka), rat(kb));
      trail.link(
        `${head} ${tex(body)}`,
        `Use the known limit $\\lim_{u \\to 0} \\frac{\\sin u}{u} = 1$: $\\frac{\\sin(${tex(body.a.a)})}{${tex(body.b)}} = \\frac{${ka}}{${kb}} \\cdot \\frac{\\sin(${tex(body.a.a)})}{${tex(body.a.a)}}$.`,
        'known-limit',
        limitHolds(body, v, to, value),
      );
      return {
        value: workOut(
          value,
          trail,
          'So the limit is the ratio of the coefficients.',
          'substitute',
        ),
        classification: 'limit',
      };
    }
  }
  throw unsupported(
    'Limits are supported by direct substitution, factor-and-cancel, rational functions at infinity and sin(ax)/(bx) at 0.',
  );
}

/** k with e = k·v exactly, else null. */
function linearCoefficient(e: Expr, v: string): Q | null {
  const r = toRational(e);
  if (r === null) return null;
  const u = toUni(r.num, v);
  const d = constValue(polyExpr(r.den));
  if (u === null || d === null || u.length !== 2 || !isZero(u[0] ?? ZERO)) return null;
  return (u[1] as Q).div(d);
}

function evalQ(u: readonly Q[], at: Expr): Q {
  const x = constValue(at);
  if (x === null) return q(1); // an irrational point: treat as non-zero (direct substitution)
  return u.reduceRight((acc, cf) => acc.mul(x).add(cf), ZERO);
}

// ---------- integrals ----------

const C = sym('C');

/** Antiderivative of one term as coef·G and the rule used; null when no school rule applies. */
function antiTerm(t: Expr, v: string): { k: Q; G: Expr; rule: string } | null {
  const kc = freeVars(t).has(v) ? null : constValue(t);
  if (kc !== null) return { k: kc, G: sym(v), rule: 'constant' };
  if (!freeVars(t).has(v)) return { k: ONE, G: mul(t, sym(v)), rule: 'constant' };
  const scaled = (factor: Expr, inner: Expr, inverse: boolean): ReturnType<typeof antiTerm> => {
    const f = constValue(factor);
    const a = antiTerm(inner, v);
    if (a === null) return null;
    if (f === null)
      return { k: a.k, G: inverse ? div(a.G, factor) : mul(factor, a.G), rule: a.rule };
    if (inverse && isZero(f)) return null;
    return { k: inverse ? a.k.div(f) : a.k.mul(f), G: a.G, rule: a.rule };
  };
  if (t.k === 'neg') {
    const a = antiTerm(t.a, v);
    return a && { k: a.k.neg(), G: a.G, rule: a.rule };
  }
  if (t.k === 'bin' && t.op === '*' && !freeVars(t.a).has(v)) return scaled(t.a, t.b, false);
  if (t.k === 'bin' && t.op === '*' && !freeVars(t.b).has(v)) return scaled(t.b, t.a, false);
  if (t.k === 'bin' && t.op === '/' && !freeVars(t.b).has(v)) return scaled(t.b, t.a, true);
  if (t.k === 'bin' && t.op === '/' && !freeVars(t.a).has(v)) {
    // k / (a x + b)^n
    const [base, n] = t.b.k === 'bin' && t.b.op === '^' ? [t.b.a, constValue(t.b.b)] : [t.b, ONE];
    const lin = linear(base, v);
    const top = constValue(t.a);
    if (lin === null || n === null || top === null) return null;
    if (n.equals(ONE)) return { k: top.div(lin), G: fn('ln', fn('abs', base)), rule: 'log-rule' };
    const a = antiTerm(pow(base, rat(n.neg())), v);
    return a && { k: a.k.mul(top), G: a.G, rule: a.rule };
  }
  if (t.k === 'sym' && t.name === v)
    return { k: q(1, 2), G: pow(sym(v), num(2)), rule: 'power-rule' };
  if (t.k === 'fn' && t.name === 'sqrt') return antiTerm(pow(t.a, div(num(1), num(2))), v);
  if (t.k === 'bin' && t.op === '^' && t.a.k === 'sym' && t.a.name === 'e')
    return antiTerm(fn('exp', t.b), v);
  if (t.k === 'bin' && t.op === '^' && !freeVars(t.b).has(v)) {
    const n = constValue(t.b);
    const lin = linear(t.a, v);
    if (n === null || lin === null) return null;
    if (n.equals(q(-1))) return { k: ONE.div(lin), G: fn('ln', fn('abs', t.a)), rule: 'log-rule' };
    const n1 = n.add(ONE);
    return {
      k: ONE.div(n1.mul(lin)),
      G: pow(t.a, rat(n1)),
      rule: t.a.k === 'sym' ? 'power-rule' : 'linear-substitution',
    };
  }
  if (t.k === 'fn' && (t.name === 'exp' || t.name === 'sin' || t.name === 'cos')) {
    const lin = linear(t.a, v);
    if (lin === null) return null;
    const G =
      t.name === 'exp' ? fn('exp', t.a) : t.name === 'sin' ? fn('cos', t.a) : fn('sin', t.a);
    const k = t.name === 'sin' ? ONE.div(lin).neg() : ONE.div(lin);
    return { k, G, rule: t.name === 'exp' ? 'exponential-rule' : 'trig-rule' };
  }
  return null;
}

/** k·G as a teacher writes it: G, −G, 3G, \frac{G}{4}, \frac{3G}{4}. */
function scaledExpr(k: Q, G: Expr): Expr {
  const a = k.abs();
  const top = a.n === 1n ? G : mul(num(q(a.n)), G);
  const body = a.d === 1n ? top : div(top, num(q(a.d)));
  return k.s < 0n && !isZero(k) ? neg(body) : body;
}

/** The slope a of a·v + b, or null when the expression is not linear in v. */
function linear(e: Expr, v: string): Q | null {
  const r = toRational(e);
  if (r === null) return null;
  const u = toUni(r.num, v);
  const d = constValue(polyExpr(r.den));
  if (u === null || d === null || u.length !== 2) return null;
  return (u[1] as Q).div(d);
}

/** Top-level terms of a sum (with their signs). */
function terms(e: Expr): Expr[] {
  if (e.k === 'bin' && e.op === '+') return [...terms(e.a), ...terms(e.b)];
  if (e.k === 'bin' && e.op === '-') return [...terms(e.a), ...terms(e.b).map((t) => neg(t))];
  return [e];
}

const RULE_TEXT: Record<string, string> = {
  'power-rule': 'power rule $\\int x^{n}\\,dx = \\frac{x^{n+1}}{n+1}$',
  'linear-substitution':
    'power rule with a linear inside, $\\int (ax+b)^{n}\\,dx = \\frac{(ax+b)^{n+1}}{a(n+1)}$',
  'log-rule': '$\\int \\frac{1}{x}\\,dx = \\ln|x|$',
  'exponential-rule': '$\\int e^{ax}\\,dx = \\frac{e^{ax}}{a}$',
  'trig-rule': '$\\int \\sin x\\,dx = -\\cos x$, $\\int \\cos x\\,dx = \\sin x$',
  constant: '$\\int k\\,dx = kx$',
};

/** Simpson panels for checking a definite integral. */
const SIMPSON_PANELS = 2000;

function simpson(f: Expr, v: string, a: number, b: number): number {
  const h = (b - a) / SIMPSON_PANELS;
  let s = 0;
  for (let i = 0; i <= SIMPSON_PANELS; i++) {
    const w = i === 0 || i === SIMPSON_PANELS ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * val(f, new Map([[v, c(a + i * h)]]));
  }
  return (s * h) / 3;
}

function integralSteps(
  p: Extract<CalculusProblem, { op: 'integral' }>,
  trail: Trail,
): CalculusOutcome {
  const { body, v } = p;
  if ([...freeVars(body)].some((x) => x !== v))
    throw unsupported(`The integrand may only contain its variable ${v}.`);
  // Expand a polynomial integrand first, so each term is a power.
  const r = toRational(body);
  const integrand =
    r && constValue(polyExpr(r.den)) !== null && uDeg(toUni(r.num, v) ?? []) >= 0
      ? polyExpr(r.num)
      : body;
  const parts = terms(integrand).map((t) => ({ t, a: antiTerm(t, v) }));
  if (parts.some((x) => x.a === null))
    throw unsupported(
      'Integrals are supported for sums of powers of x (also of ax + b), 1/x, e^(ax+b), sin(ax+b) and cos(ax+b).',
    );
  const F = sumOf(
    parts
      .map((x) => x.a as { k: Q; G: Expr })
      .filter((x) => !isZero(x.k))
      .map((x) => scaledExpr(x.k, x.G)),
  );
  const rules = [...new Set(parts.map((x) => (x.a as { rule: string }).rule))].map(
    (k) => RULE_TEXT[k] ?? k,
  );
  const integral = `\\int ${tex(body)}\\,d${v}`;
  const checked = sameValue({ k: 'deriv', a: F, v }, body);
  if (p.bounds === null) {
    trail.link(
      integral,
      `Integrate term by term with the ${rules.join('; ')}; add the constant $C$. Check: the derivative of the result is the integrand.`,
      'antiderivative',
      checked,
    );
    const withC = add(F, C);
    trail.expr(withC, 'The antiderivative (any constant $C$ can be added).', 'integrate');
    return { value: withC, classification: 'integral' };
  }
  const [lo, hi] = p.bounds;
  const shownF = F;
  const numeric = simpson(body, v, val(lo), val(hi));
  const exactDiff = sub(
    substitute(shownF, new Map([[v, hi]])),
    substitute(shownF, new Map([[v, lo]])),
  );
  trail.link(
    `\\int_{${tex(lo)}}^{${tex(hi)}} ${tex(body)}\\,d${v} = \\left[${tex(shownF)}\\right]_{${tex(lo)}}^{${tex(hi)}}`,
    `Find an antiderivative with the ${rules.join('; ')}, then evaluate it at the top limit minus at the bottom limit.`,
    'evaluate-bounds',
    checked && close(val(exactDiff), numeric, 1e-8),
  );
  const value = workOut(
    exactDiff,
    trail,
    `Put $${v} = ${tex(hi)}$ and $${v} = ${tex(lo)}$ into the antiderivative and subtract.`,
    'substitute',
  );
  return { value, classification: 'definite-integral' };
}

export function calculusSteps(p: CalculusProblem, trail: Trail): CalculusOutcome {
  switch (p.op) {
    case 'sum':
      return sumSteps(p, trail);
    case 'determinant':
      return determinantSteps(p.rows, trail);
    case 'limit':
      return limitSteps(p, trail);
    case 'integral':
      return integralSteps(p, trail);
  }
}

export const calculusClass = (p: CalculusProblem): Classification =>
  p.op === 'sum'
    ? 'finite-sum'
    : p.op === 'determinant'
      ? 'determinant'
      : p.op === 'limit'
        ? 'limit'
        : p.bounds
          ? 'definite-integral'
          : 'integral';

void eq;
