/**
 * Step verification. Every state the solver wants to show is given a *meaning* computed
 * independently of how the solver produced it (its value as a function, its solution set,
 * its solution interval, its solution space), and a step is shown only when its meaning
 * equals the previous step's. Exact rational arithmetic is used wherever it applies;
 * floating point (complex) only where surds or functions make exact work impractical.
 */
import { SolverError } from './errors.ts';
import { freeVars, sub } from './expr.ts';
import type { Equation, Expr, Relation } from './expr.ts';
import { c, cabs, closeC, evalC, isFiniteC, samplePoints } from './numeric.ts';
import type { C } from './numeric.ts';
import {
  constPoly,
  isPolynomial,
  monic,
  pConst,
  pDegree,
  pmul,
  pVars,
  ratEqual,
  squareFree,
  toRational,
  toUni,
  uDeg,
  uDivmod,
  uEqual,
  uGcd,
  uMul,
} from './poly.ts';
import type { Poly, Rational, UPoly } from './poly.ts';
import { isZero, ONE, sign, ZERO } from './q.ts';
import type { Q } from './q.ts';

/** Relative tolerance when comparing plain floating-point values. */
const VALUE_TOLERANCE = 1e-9;
/** Looser tolerance where finite differences (pending derivatives) are involved. */
const DERIVATIVE_TOLERANCE = 1e-6;
/** Narrower sample intervals, tried in turn when too few points give finite values. */
const NARROW_RADII = [1.2, 0.4];
/** Random points tried when comparing expressions numerically. */
const SAMPLE_COUNT = 12;
/** Points that must evaluate (be finite) on both sides for a numeric comparison to count. */
const MIN_VALID_SAMPLES = 6;
/** Tolerance for deciding that two numeric roots are the same root. */
const ROOT_TOLERANCE = 1e-7;

function safeRational(e: Expr): Rational | null {
  try {
    return toRational(e);
  } catch {
    return null;
  }
}

function divisionByZero(e: Expr): boolean {
  if (freeVars(e).size > 0) return false;
  try {
    toRational(e);
    return false;
  } catch (err) {
    return err instanceof SolverError && err.code === 'division-by-zero';
  }
}

const hasDeriv = (e: Expr): boolean =>
  e.k === 'deriv' ||
  (e.k === 'bin' && (hasDeriv(e.a) || hasDeriv(e.b))) ||
  ((e.k === 'neg' || e.k === 'fn') && hasDeriv(e.a));

/** Are two expressions equal as functions (exactly when both are rational functions)? */
export function sameValue(a: Expr, b: Expr): boolean {
  // Two constant expressions that both divide by zero are equally undefined.
  if (divisionByZero(a) && divisionByZero(b)) return true;
  const ra = safeRational(a);
  const rb = safeRational(b);
  if (ra !== null && rb !== null) return ratEqual(ra, rb);
  const vars = [...new Set([...freeVars(a), ...freeVars(b)])].sort();
  const tol = hasDeriv(a) || hasDeriv(b) ? DERIVATIVE_TOLERANCE : VALUE_TOLERANCE;
  if (vars.length === 0) {
    const x = evalC(a, new Map());
    const y = evalC(b, new Map());
    return isFiniteC(x) && isFiniteC(y) && closeC(x, y, tol);
  }
  // Finite differences lose accuracy where functions oscillate fast (sin(x^4) far from 0),
  // so pending derivatives start on a narrower interval. Fast-growing functions
  // (exp(exp(x^4))) overflow far from 0: then we retry closer in.
  const radii = tol === DERIVATIVE_TOLERANCE ? NARROW_RADII : [undefined, ...NARROW_RADII];
  for (const radius of radii) {
    let valid = 0;
    for (const env of samplePoints(vars, SAMPLE_COUNT, 0, radius)) {
      const x = evalC(a, env);
      const y = evalC(b, env);
      if (!isFiniteC(x) || !isFiniteC(y)) continue;
      if (!closeC(x, y, tol)) return false;
      valid++;
    }
    if (valid >= MIN_VALID_SAMPLES) return true;
  }
  return false;
}

// ---------- one-variable equations: solution sets ----------

/**
 * A solution set in one variable: every number (minus exclusions), or finitely many
 * numbers described exactly (roots of a square-free polynomial) plus numerically
 * (roots we could only compute in floating point, e.g. 3 + √2).
 */
export type RootSet =
  | { readonly kind: 'all' }
  | { readonly kind: 'finite'; readonly exact: UPoly; readonly approx: readonly C[] };

const ONE_POLY: UPoly = [ONE];

/** Remove from `p` every root it shares with `e`. */
function removeRoots(p: UPoly, e: UPoly): UPoly {
  let out = monic(p);
  if (uDeg(e) <= 0) return out;
  for (;;) {
    const g = uGcd(out, e);
    if (uDeg(g) <= 0) return out;
    out = monic(uDivmod(out, g).quo);
  }
}

function uEvalC(u: UPoly, x: C): C {
  let re = 0;
  let im = 0;
  for (let k = u.length - 1; k >= 0; k--) {
    const cr = (u[k] as Q).valueOf();
    [re, im] = [re * x.re - im * x.im + cr, re * x.im + im * x.re];
  }
  return c(re, im);
}

/** Durand–Kerner: all complex roots of a square-free polynomial (small degree). */
export function numericRoots(u: UPoly): C[] {
  const p = monic(u);
  const n = p.length - 1;
  if (n <= 0) return [];
  let z: C[] = Array.from({ length: n }, (_, k) => {
    const ang = (2 * Math.PI * k) / n + 0.4;
    const r = 1 + Math.max(...p.map((x) => Math.abs(x.valueOf())));
    return c(r * Math.cos(ang), r * Math.sin(ang));
  });
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    z = z.map((zi, i) => {
      const num = uEvalC(p, zi);
      let den = c(1);
      z.forEach((zj, j) => {
        if (i !== j) {
          const d = c(zi.re - zj.re, zi.im - zj.im);
          den = c(den.re * d.re - den.im * d.im, den.re * d.im + den.im * d.re);
        }
      });
      const dd = den.re * den.re + den.im * den.im;
      const step = c(
        (num.re * den.re + num.im * den.im) / dd,
        (num.im * den.re - num.re * den.im) / dd,
      );
      moved = Math.max(moved, cabs(step));
      return c(zi.re - step.re, zi.im - step.im);
    });
    if (moved < 1e-15) break;
  }
  return z;
}

function dedupe(xs: readonly C[]): C[] {
  const out: C[] = [];
  for (const x of xs) if (!out.some((y) => closeC(x, y, ROOT_TOLERANCE))) out.push(x);
  return out;
}

/**
 * Solution set of "lhs = rhs" in v, minus the roots of `excluded`; null when we cannot
 * determine it (then the step cannot be verified and is not shown).
 */
/**
 * Like `safeRational`, but a polynomial too large to expand (x^18) is a refusal, not
 * "unknown": otherwise the equation would reach the numeric fallback below, fail it, and be
 * reported as a step that could not be checked instead of a problem we do not solve.
 */
function rationalOrRefuse(e: Expr): Rational | null {
  try {
    return toRational(e);
  } catch (err) {
    if (err instanceof SolverError && err.code === 'unsupported') throw err;
    return null;
  }
}

export function equationRoots(e: Equation, v: string, excluded: UPoly): RootSet | null {
  const diff = sub(e.lhs, e.rhs);
  const r = rationalOrRefuse(diff);
  if (r !== null) {
    if (pVars(r.num).some((x) => x !== v) || pVars(r.den).some((x) => x !== v)) return null;
    const n = toUni(r.num, v);
    const d = toUni(r.den, v);
    if (n === null || d === null) return null;
    const bad = uMul(squareFree(d), squareFree(excluded.length ? excluded : ONE_POLY));
    if (n.length === 0) return { kind: 'all' };
    return { kind: 'finite', exact: removeRoots(squareFree(n), bad), approx: [] };
  }
  // Not a rational function (surds in the constants): accept only an equation that is
  // affine in v, a·v + b = 0, whose root we compute numerically.
  if ([...freeVars(diff)].some((x) => x !== v)) return null;
  const f = (t: number): C => evalC(diff, new Map([[v, c(t)]]));
  const f0 = f(0);
  const f1 = f(1);
  const f2 = f(2);
  const a = c(f1.re - f0.re, f1.im - f0.im);
  const a2 = c(f2.re - f1.re, f2.im - f1.im);
  if (![f0, f1, f2].every(isFiniteC) || !closeC(a, a2, VALUE_TOLERANCE) || cabs(a) < 1e-12)
    return null;
  const dd = a.re * a.re + a.im * a.im;
  const root = c(-(f0.re * a.re + f0.im * a.im) / dd, -(f0.im * a.re - f0.re * a.im) / dd);
  if (cabs(uEvalC(excluded, root)) < ROOT_TOLERANCE && excluded.length > 1)
    return { kind: 'finite', exact: ONE_POLY, approx: [] };
  return { kind: 'finite', exact: ONE_POLY, approx: [root] };
}

/** Union of the branches' solution sets ("x = 2 or x = 3"). */
export function branchesRoots(
  branches: readonly Equation[],
  v: string,
  excluded: UPoly,
): RootSet | null {
  let exact: UPoly = ONE_POLY;
  const approx: C[] = [];
  for (const b of branches) {
    const s = equationRoots(b, v, excluded);
    if (s === null) return null;
    if (s.kind === 'all') return s;
    exact = monic(uMul(exact, removeRoots(s.exact, exact)));
    approx.push(...s.approx);
  }
  // Numeric roots that are also exact roots are counted once.
  const extra = dedupe(approx).filter(
    (x) => cabs(uEvalC(exact, x)) > ROOT_TOLERANCE * Math.max(1, cabs(x) ** uDeg(exact)),
  );
  return { kind: 'finite', exact, approx: extra };
}

export function sameRoots(a: RootSet, b: RootSet): boolean {
  if (a.kind === 'all' || b.kind === 'all') return a.kind === b.kind;
  if (a.approx.length === 0 && b.approx.length === 0) return uEqual(monic(a.exact), monic(b.exact));
  const xs = dedupe([...numericRoots(a.exact), ...a.approx]);
  const ys = dedupe([...numericRoots(b.exact), ...b.approx]);
  return xs.length === ys.length && xs.every((x) => ys.some((y) => closeC(x, y, ROOT_TOLERANCE)));
}

/** Numeric list of the roots in a set (for answers and for substitution checks). */
export const rootValues = (s: RootSet): C[] =>
  s.kind === 'all' ? [] : dedupe([...numericRoots(s.exact), ...s.approx]);

function collectDenominators(e: Expr): Poly {
  let out: Poly = constPoly(ONE);
  const walk = (x: Expr): void => {
    if (x.k === 'bin') {
      walk(x.a);
      walk(x.b);
      if (x.op === '/') {
        const r = safeRational(x.b);
        if (r !== null && !isPolynomial(r)) out = pmul(out, r.den);
        if (r !== null) out = pmul(out, r.num);
      }
      if (x.op === '^') {
        const ex = safeRational(x.b);
        const k = ex ? pConst(ex.num) : null;
        const r = safeRational(x.a);
        if (k !== null && sign(k) < 0 && r !== null) out = pmul(out, r.num);
      }
    } else if (x.k === 'neg' || x.k === 'fn') walk(x.a);
  };
  walk(e);
  return out;
}

/** All denominators on both sides of an equation. */
export function equationDenominators(e: Equation, v: string): UPoly {
  const l = collectDenominators(e.lhs);
  const r = collectDenominators(e.rhs);
  return squareFree(toUni(pmul(l, r), v) ?? ONE_POLY);
}

// ---------- linear inequalities ----------

export type Interval =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'ray'; readonly rel: '<' | '<=' | '>' | '>=' | '!='; readonly bound: Q };

const FLIP: Record<string, Relation> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '!=': '!=',
  '=': '=',
};
export const flipRelation = (r: Relation): Relation => FLIP[r] as Relation;

function holds(rel: Relation, s: number): boolean {
  switch (rel) {
    case '<':
      return s < 0;
    case '<=':
      return s <= 0;
    case '>':
      return s > 0;
    case '>=':
      return s >= 0;
    case '!=':
      return s !== 0;
    case '=':
      return s === 0;
  }
}

/** Solution interval of a linear inequality in v, or null when it is not linear. */
export function inequalityInterval(e: Equation, v: string): Interval | null {
  const r = safeRational(sub(e.lhs, e.rhs));
  if (r === null || !isPolynomial(r) || e.rel === '=') return null;
  const scale = pConst(r.den) as Q;
  const u = toUni(r.num, v);
  if (u === null || u.length > 2) return null;
  const b = (u[0] ?? ZERO).div(scale);
  const a = (u[1] ?? ZERO).div(scale);
  if (isZero(a)) return holds(e.rel, sign(b)) ? { kind: 'all' } : { kind: 'none' };
  const bound = b.neg().div(a);
  const rel = sign(a) > 0 ? e.rel : flipRelation(e.rel);
  return { kind: 'ray', rel: rel as '<' | '<=' | '>' | '>=' | '!=', bound };
}

export const sameInterval = (a: Interval, b: Interval): boolean =>
  a.kind === b.kind &&
  (a.kind !== 'ray' || (b.kind === 'ray' && a.rel === b.rel && a.bound.equals(b.bound)));

// ---------- linear systems ----------

export type SystemMeaning =
  { readonly kind: 'none' } | { readonly kind: 'space'; readonly rref: readonly (readonly Q[])[] };

/** Reduced row echelon form of the augmented matrix; null if some equation is not linear. */
export function systemMeaning(
  eqs: readonly Equation[],
  vars: readonly string[],
): SystemMeaning | null {
  const rows: Q[][] = [];
  for (const e of eqs) {
    const r = safeRational(sub(e.lhs, e.rhs));
    if (r === null || !isPolynomial(r) || e.rel !== '=') return null;
    const scale = pConst(r.den) as Q;
    if (pDegree(r.num) > 1 || pVars(r.num).some((x) => !vars.includes(x))) return null;
    const row: Q[] = vars.map((x) => {
      const t = r.num.get(`${x}^1`);
      return t ? t.coef.div(scale) : ZERO;
    });
    const k = r.num.get('');
    row.push(k ? k.coef.neg().div(scale) : ZERO);
    rows.push(row);
  }
  let lead = 0;
  const m = rows;
  const nCols = vars.length;
  for (let rIdx = 0; rIdx < m.length && lead < nCols;) {
    let piv = rIdx;
    while (piv < m.length && isZero((m[piv] as Q[])[lead] as Q)) piv++;
    if (piv === m.length) {
      lead++;
      continue;
    }
    [m[rIdx], m[piv]] = [m[piv] as Q[], m[rIdx] as Q[]];
    const row = m[rIdx] as Q[];
    const pv = row[lead] as Q;
    for (let j = 0; j < row.length; j++) row[j] = (row[j] as Q).div(pv);
    for (let i = 0; i < m.length; i++) {
      if (i === rIdx) continue;
      const other = m[i] as Q[];
      const f = other[lead] as Q;
      if (isZero(f)) continue;
      for (let j = 0; j < other.length; j++) other[j] = (other[j] as Q).sub(f.mul(row[j] as Q));
    }
    rIdx++;
    lead++;
  }
  const nonZero = m.filter((row) => row.some((x) => !isZero(x)));
  if (nonZero.some((row) => row.slice(0, nCols).every((x) => isZero(x)))) return { kind: 'none' };
  return { kind: 'space', rref: nonZero };
}

export function sameSystem(a: SystemMeaning, b: SystemMeaning): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'none' || b.kind === 'none') return true;
  return (
    a.rref.length === b.rref.length &&
    a.rref.every((row, i) => row.every((x, j) => x.equals((b.rref[i] as readonly Q[])[j] as Q)))
  );
}

// ---------- substitution checks for final answers ----------

/** Does v = value satisfy the equation (both sides defined and equal)? */
export function satisfies(e: Equation, env: ReadonlyMap<string, C>): boolean {
  const l = evalC(e.lhs, env);
  const r = evalC(e.rhs, env);
  return isFiniteC(l) && isFiniteC(r) && closeC(l, r, ROOT_TOLERANCE);
}
