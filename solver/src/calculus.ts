/**
 * Sums, determinants, limits and integrals. Each is a chain of equal values joined by links
 * (a formula, a known limit, an antiderivative) that are checked with an independent
 * computation: the sum added term by term (sums.ts), the determinant by elimination, the
 * limit by evaluating near the point, the antiderivative by differentiating it and the
 * definite integral by Simpson's rule (integrals.ts).
 */
import type { CalculusProblem, Target } from './calculus-read.ts';
import { numericRows } from './calculus-read.ts';
import { unsupported, SolverError } from './errors.ts';
import { add, div, freeVars, mul, num, pow, rat, sub, substitute, sumOf, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { factoredForm } from './equation.ts';
import { integralSteps } from './integrals.ts';
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
import { isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import { sumSteps } from './sums.ts';
import type { Trail } from './trail.ts';
import type { Classification } from './types.ts';
import { close, operandTex, stripOnes, tex, val, workOut } from './work-out.ts';
import type { CalculusOutcome } from './work-out.ts';

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
    trail.link(`${head} ${operandTex(e)}`, why, 'limit-substitute', true);
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
      `${head} ${operandTex(divided)}`,
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
        `${head} ${operandTex(body)}`,
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
