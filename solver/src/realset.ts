/**
 * The meaning of statements about one real variable that are not polynomial or linear:
 * absolute values, roots, exponentials, logarithms, trig functions, compound and
 * non-linear inequalities. The meaning is the set of real solutions, as points and
 * intervals, computed numerically and independently of how the solver got there:
 * critical points (roots, poles, domain edges) come from the exact polynomial where the
 * statement is a ratio of polynomials, else from a dense scan refined by bisection; then
 * every piece between them is tested.
 */
import { freeVars, num, sub, substitute } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { c, evalC } from './numeric.ts';
import { rationalRoots, toRational, toUni, uDivmod } from './poly.ts';
import { q } from './q.ts';
import type { UPoly } from './poly.ts';
import { numericRoots } from './verify.ts';

export interface Piece {
  readonly lo: number;
  readonly hi: number;
  readonly loIn: boolean;
  readonly hiIn: boolean;
}
/** Disjoint pieces in increasing order; a point is a piece with lo = hi. */
export type RealSet = readonly Piece[];

/** "Or" of "and"s: `x < -1 or 2 < x <= 5` is [[x < -1], [2 < x, x <= 5]]. */
export type Clauses = readonly (readonly Equation[])[];

/** How far the scan looks: school answers lie far inside. */
const SCAN_LIMIT = 1e4;
/** Scan points (sinh-spaced, dense near 0: about 0.017 apart near 0, 2 near 100). */
const SCAN_POINTS = 1200;
/** Trig statements have infinitely many solutions: they are compared on this window only. */
export const PERIODIC_WINDOW = 20;
/** Uniform scan points on the periodic window (0.03 apart). */
const PERIODIC_POINTS = 1200;
/** Relative size below which a value counts as zero (equation holds). */
const ZERO_TOLERANCE = 1e-9;
/** Imaginary part (relative) below which a complex value is taken as real. */
const REAL_TOLERANCE = 1e-12;
/** Two critical points closer than this (relative) are one. */
const POINT_TOLERANCE = 1e-7;
/** Endpoints of two sets closer than this (relative) are the same endpoint. */
const SAME_TOLERANCE = 1e-6;
const BISECTIONS = 80;

const TRIG = new Set(['sin', 'cos', 'tan']);
const periodicIn = (e: Expr, v: string): boolean =>
  (e.k === 'fn' && TRIG.has(e.name) && freeVars(e.a).has(v)) ||
  ((e.k === 'fn' || e.k === 'neg') && periodicIn(e.a, v)) ||
  (e.k === 'bin' && (periodicIn(e.a, v) || periodicIn(e.b, v)));

export const isPeriodic = (clauses: Clauses, v: string): boolean =>
  clauses.some((cl) => cl.some((e) => periodicIn(e.lhs, v) || periodicIn(e.rhs, v)));

type Fn = (x: number) => number;

/** Odd root of a negative base (school convention: the cube root of −8 is −2), else NaN. */
function realPow(a: number, b: number): number {
  if (a >= 0 || Number.isInteger(b)) return Math.pow(a, b);
  const inv = 1 / b;
  const n = Math.round(inv);
  return Math.abs(inv - n) < 1e-12 && n % 2 !== 0 ? -Math.pow(-a, b) : NaN;
}

/**
 * Real value of an expression at v = x, NaN where it is not a real number. Compiled to a
 * closure over plain numbers: the scan evaluates thousands of points per step, and the
 * complex evaluator's allocations made that the solver's main cost.
 */
function realFn(e: Expr, v: string): Fn {
  const f = compile(e, v);
  return (x) => {
    const y = f(x);
    return Number.isFinite(y) ? y : NaN;
  };
}

function compile(e: Expr, v: string): Fn {
  switch (e.k) {
    case 'num': {
      const n = e.v.valueOf();
      return () => n;
    }
    case 'sym': {
      if (e.name === v) return (x) => x;
      const k = e.name === 'pi' ? Math.PI : e.name === 'e' ? Math.E : NaN;
      return () => k;
    }
    case 'neg': {
      const a = compile(e.a, v);
      return (x) => -a(x);
    }
    case 'fn': {
      const a = compile(e.a, v);
      switch (e.name) {
        case 'sqrt':
          return (x) => Math.sqrt(a(x));
        case 'sin':
          return (x) => Math.sin(a(x));
        case 'cos':
          return (x) => Math.cos(a(x));
        case 'tan':
          return (x) => Math.tan(a(x));
        case 'exp':
          return (x) => Math.exp(a(x));
        case 'ln':
          return (x) => Math.log(a(x));
        case 'log':
          return (x) => Math.log10(a(x));
        case 'abs':
          return (x) => Math.abs(a(x));
      }
      break;
    }
    case 'bin': {
      const a = compile(e.a, v);
      const b = compile(e.b, v);
      switch (e.op) {
        case '+':
          return (x) => a(x) + b(x);
        case '-':
          return (x) => a(x) - b(x);
        case '*':
          return (x) => a(x) * b(x);
        case '/':
          return (x) => {
            const d = b(x);
            return d === 0 ? NaN : a(x) / d;
          };
        case '^':
          return (x) => realPow(a(x), b(x));
        case '±':
          return () => NaN;
      }
      break;
    }
    case 'deriv': {
      // Not met in statements; fall back to the general evaluator.
      return (x) => {
        const out = evalC(e, new Map([[v, c(x)]]));
        return Math.abs(out.im) > REAL_TOLERANCE * Math.max(1, Math.abs(out.re)) ? NaN : out.re;
      };
    }
  }
  return () => NaN;
}

const GRIDS = new Map<boolean, number[]>();
/** The scan points, computed once. */
function scanGrid(periodic: boolean): number[] {
  let g = GRIDS.get(periodic);
  if (g === undefined) {
    g = makeGrid(periodic);
    GRIDS.set(periodic, g);
  }
  return g;
}

function makeGrid(periodic: boolean): number[] {
  if (periodic)
    return Array.from(
      { length: PERIODIC_POINTS + 1 },
      (_, k) => -PERIODIC_WINDOW + (2 * PERIODIC_WINDOW * k) / PERIODIC_POINTS,
    );
  const u = Math.asinh(SCAN_LIMIT);
  // An irrational offset keeps grid points off the integers and simple fractions.
  return Array.from(
    { length: SCAN_POINTS + 1 },
    (_, k) => Math.sinh(-u + (2 * u * k) / SCAN_POINTS) + 0.00123,
  );
}

/** Denominators tried when snapping a critical point to a simple fraction. */
const SNAP_DENOMINATORS = 12;
/** How close (relative) a point must be to a simple fraction to be snapped to it. */
const SNAP_TOLERANCE = 1e-9;

/** Critical points from bisection land within rounding of the true one: snap −0.99999999999 to −1. */
function snap(x: number): number {
  for (let d = 1; d <= SNAP_DENOMINATORS; d++) {
    const r = Math.round(x * d) / d;
    if (Math.abs(r - x) <= SNAP_TOLERANCE * Math.max(1, Math.abs(x))) return r;
  }
  return x;
}

function bisect(lo: number, hi: number, inside: (x: number) => boolean): number {
  // inside(lo) !== inside(hi); narrow to the switch.
  const a0 = inside(lo);
  let a = lo;
  let b = hi;
  for (let k = 0; k < BISECTIONS && b - a > 1e-15 * Math.max(1, Math.abs(a)); k++) {
    const m = (a + b) / 2;
    if (inside(m) === a0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

/** Golden-section minimum of |f| on [a, b]. */
function minimize(f: Fn, a0: number, b0: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = a0;
  let b = b0;
  for (let k = 0; k < 120 && b - a > 1e-14 * Math.max(1, Math.abs(a)); k++) {
    const x1 = b - g * (b - a);
    const x2 = a + g * (b - a);
    if (Math.abs(f(x1)) <= Math.abs(f(x2))) b = x2;
    else a = x1;
  }
  return (a + b) / 2;
}

/** Real roots: the rational ones exactly (cheap), the rest by Durand–Kerner on what is left. */
function realRoots(u: UPoly): number[] {
  if (u.length <= 1) return [];
  let rest = u;
  const out: number[] = [];
  try {
    for (const r of rationalRoots(u)) {
      out.push(r.valueOf());
      for (;;) {
        const { quo, rem } = uDivmod(rest, [r.neg(), q(1)]);
        if (rem.length !== 0) break;
        rest = quo;
      }
    }
  } catch {
    rest = u; // coefficients too large to search: all numerically
    out.length = 0;
  }
  if (rest.length <= 1) return out;
  return [
    ...out,
    ...numericRoots(rest)
      .filter((z) => Math.abs(z.im) < 1e-7 * Math.max(1, Math.abs(z.re)))
      .map((z) => z.re),
  ];
}

/** Where the truth of `lhs rel rhs` can change. */
function criticalPoints(e: Equation, v: string, periodic: boolean): number[] {
  // x = c, x < c (c free of x, maybe with π or √2): c itself, with no scan. General
  // solutions expand to dozens of these, so this is most of a trig equation's check.
  for (const [side, other] of [
    [e.lhs, e.rhs],
    [e.rhs, e.lhs],
  ] as const)
    if (side.k === 'sym' && side.name === v && !freeVars(other).has(v)) {
      const c = realFn(other, v)(0);
      return Number.isFinite(c) ? [c] : [];
    }
  const diff = sub(e.lhs, e.rhs);
  let r;
  try {
    r = toRational(diff);
  } catch {
    r = null;
  }
  if (r !== null) {
    const n = toUni(r.num, v);
    const d = toUni(r.den, v);
    if (n !== null && d !== null) return [...realRoots(n), ...realRoots(d)];
  }
  const f = realFn(diff, v);
  const xs = scanGrid(periodic);
  const ys = xs.map(f);
  const out: number[] = [];
  for (let k = 0; k + 1 < xs.length; k++) {
    const x0 = xs[k] as number;
    const x1 = xs[k + 1] as number;
    const y0 = ys[k] as number;
    const y1 = ys[k + 1] as number;
    const d0 = Number.isFinite(y0);
    const d1 = Number.isFinite(y1);
    if (d0 !== d1) {
      // A domain edge (√ of 0): keep the last defined point, snapped to a simple fraction.
      const edge = snap(bisect(x0, x1, (x) => Number.isFinite(f(x))));
      out.push(edge);
    } else if (d0 && d1 && Math.sign(y0) !== Math.sign(y1) && y0 !== 0 && y1 !== 0)
      out.push(snap(bisect(x0, x1, (x) => f(x) > 0)));
    if (y0 === 0) out.push(x0);
    if (k > 0 && d0 && d1) {
      const yp = ys[k - 1] as number;
      const a = Math.abs(yp);
      const b = Math.abs(y1);
      const m0 = Math.abs(y0);
      // A strict local minimum of |f| (flat stretches, like 4^x - 64 far left, are no root).
      if (Number.isFinite(yp) && m0 <= a && m0 <= b && (m0 < a || m0 < b)) {
        const m = minimize(f, xs[k - 1] as number, x1);
        if (Math.abs(f(m)) <= ZERO_TOLERANCE * Math.max(1, Math.abs(m))) out.push(snap(m));
      }
    }
  }
  return out;
}

const compiled = new WeakMap<Expr, Fn>();
function cachedFn(e: Expr, v: string): Fn {
  let f = compiled.get(e);
  if (f === undefined) {
    f = realFn(e, v);
    compiled.set(e, f);
  }
  return f;
}

function holds(e: Equation, v: string, x: number): boolean {
  const l = cachedFn(e.lhs, v)(x);
  const r = cachedFn(e.rhs, v)(x);
  if (!Number.isFinite(l) || !Number.isFinite(r)) return false;
  const scale = Math.max(1, Math.abs(l), Math.abs(r));
  const d = Math.abs(l - r) <= ZERO_TOLERANCE * scale ? 0 : l - r;
  switch (e.rel) {
    case '=':
      return d === 0;
    case '!=':
      return d !== 0;
    case '<':
      return d < 0;
    case '<=':
      return d <= 0;
    case '>':
      return d > 0;
    case '>=':
      return d >= 0;
  }
}

function dedupeSorted(xs: number[]): number[] {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last === undefined || Math.abs(x - last) > POINT_TOLERANCE * Math.max(1, Math.abs(x)))
      out.push(x);
  }
  return out;
}

/** The solution set of "or" of "and"s of statements in v; null if a statement has another variable. */
/** The integer that numbers the solutions of a trig equation (x = π/6 + 2kπ). */
export const PERIOD_INDEX = 'k';

/**
 * `x = θ + 2kπ` (k any integer) as the points it gives on the periodic window, so a general
 * solution can be compared with the equation it solves.
 */
function expandIndex(clauses: Clauses, v: string): Clauses | null {
  if (!clauses.some((cl) => cl.some((e) => freeVars(e.rhs).has(PERIOD_INDEX)))) return clauses;
  const out: Equation[][] = [];
  for (const cl of clauses) {
    const e = cl[0];
    if (cl.length !== 1 || !e || e.rel !== '=' || e.lhs.k !== 'sym' || e.lhs.name !== v)
      return null;
    if (!freeVars(e.rhs).has(PERIOD_INDEX)) {
      out.push([...cl]);
      continue;
    }
    const f = compile(e.rhs, PERIOD_INDEX);
    const step = Math.abs(f(1) - f(0));
    if (!(step > 0.1)) return null;
    const kMax = Math.ceil(PERIODIC_WINDOW / step) + 1;
    for (let k = -kMax; k <= kMax; k++) {
      const x = f(k);
      if (Math.abs(x) < PERIODIC_WINDOW)
        out.push([
          { lhs: e.lhs, rel: '=', rhs: substitute(e.rhs, new Map([[PERIOD_INDEX, num(k)]])) },
        ]);
    }
  }
  return out;
}

export function realSetOf(clausesIn: Clauses, v: string): RealSet | null {
  const clauses = expandIndex(clausesIn, v);
  if (clauses === null) return null;
  if (
    clausesIn.some((cl) => cl.some((e) => freeVars(e.rhs).has(PERIOD_INDEX))) &&
    clauses.length === 0
  )
    return [];
  const expanded = clauses !== clausesIn;
  const all = clauses.flat();
  for (const e of all)
    for (const x of [...freeVars(e.lhs), ...freeVars(e.rhs)]) if (x !== v) return null;
  const periodic = expanded || isPeriodic(clauses, v);
  const limit = periodic ? PERIODIC_WINDOW : Infinity;
  const pts = dedupeSorted(all.flatMap((e) => criticalPoints(e, v, periodic))).filter(
    (x) => Math.abs(x) < (periodic ? PERIODIC_WINDOW : SCAN_LIMIT),
  );
  const test = (x: number): boolean => clauses.some((cl) => cl.every((e) => holds(e, v, x)));
  // Pieces between and at the critical points, then merged.
  const raw: { lo: number; hi: number; inside: boolean; point: boolean }[] = [];
  const far = periodic ? PERIODIC_WINDOW : SCAN_LIMIT * 10;
  const bounds = [-limit, ...pts, limit];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const lo = bounds[k] as number;
    const hi = bounds[k + 1] as number;
    const mid =
      lo === -Infinity
        ? Math.min(hi - 1, -far)
        : hi === Infinity
          ? Math.max(lo + 1, far)
          : (lo + hi) / 2;
    raw.push({ lo, hi, inside: test(mid), point: false });
    if (k + 2 < bounds.length) raw.push({ lo: hi, hi, inside: test(hi), point: true });
  }
  const out: Piece[] = [];
  let cur: { lo: number; loIn: boolean } | null = null;
  for (let k = 0; k < raw.length; k++) {
    const p = raw[k] as (typeof raw)[number];
    if (!p.inside) continue;
    cur ??= { lo: p.lo, loIn: p.point };
    if (raw[k + 1]?.inside !== true) {
      out.push({ lo: cur.lo, hi: p.hi, loIn: cur.loIn, hiIn: p.point });
      cur = null;
    }
  }
  return out;
}

const close = (a: number, b: number): boolean =>
  a === b || Math.abs(a - b) <= SAME_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));

export function sameRealSet(a: RealSet, b: RealSet): boolean {
  return (
    a.length === b.length &&
    a.every((p, k) => {
      const o = b[k] as Piece;
      return (
        close(p.lo, o.lo) &&
        close(p.hi, o.hi) &&
        (p.lo === -Infinity || p.loIn === o.loIn) &&
        (p.hi === Infinity || p.hiIn === o.hiIn)
      );
    })
  );
}

/** Is every solution in `a` also in `b` (a step that may add solutions, like squaring)? */
export function realSubset(a: RealSet, b: RealSet): boolean {
  const within = (x: number): boolean =>
    b.some(
      (o) =>
        (close(x, o.lo) && (o.loIn || o.lo === -Infinity)) ||
        (close(x, o.hi) && (o.hiIn || o.hi === Infinity)) ||
        (x > o.lo && x < o.hi),
    );
  return a.every((p) => {
    if (p.lo === p.hi) return within(p.lo);
    const inner =
      Number.isFinite(p.lo) && Number.isFinite(p.hi)
        ? (p.lo + p.hi) / 2
        : p.lo === -Infinity
          ? p.hi - 1
          : p.lo + 1;
    return within(inner) && (Number.isFinite(p.lo) ? within(p.lo) || !p.loIn : true);
  });
}

/** The points of a finite set (null when it contains an interval). */
export const setPoints = (s: RealSet): number[] | null =>
  s.every((p) => p.lo === p.hi) ? s.map((p) => p.lo) : null;

/** Steps that may add solutions (squaring, combining logarithms): the new set contains the old. */
export const WIDENING_RULES = new Set([
  'square-both-sides',
  'combine-logarithms',
  'split-cases-check',
]);
/** Steps that remove what a widening step added: the set is the problem's own again. */
export const RESTORING_RULES = new Set(['reject-extraneous']);
