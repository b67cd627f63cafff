/**
 * Floating-point evaluation (complex-capable) used only to *check* steps, never to
 * produce answers. Pending derivatives are evaluated by finite differences, which is
 * independent of the symbolic rules whose output it checks.
 */
import { derivative } from 'mathjs';
import type { EvalFunction } from 'mathjs';
import type { Expr } from './expr.ts';
import { toText } from './print.ts';
import { toNumber } from './q.ts';

export interface C {
  readonly re: number;
  readonly im: number;
}

export const c = (re: number, im = 0): C => ({ re, im });
const cadd = (a: C, b: C): C => c(a.re + b.re, a.im + b.im);
const csub = (a: C, b: C): C => c(a.re - b.re, a.im - b.im);
const cmul = (a: C, b: C): C => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
function cdiv(a: C, b: C): C {
  const d = b.re * b.re + b.im * b.im;
  if (d === 0) return c(NaN, NaN);
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
}
export const cabs = (a: C): number => Math.hypot(a.re, a.im);
const cexp = (a: C): C => {
  const m = Math.exp(a.re);
  return c(m * Math.cos(a.im), m * Math.sin(a.im));
};
const cln = (a: C): C => c(Math.log(cabs(a)), Math.atan2(a.im, a.re));
function cpow(a: C, b: C): C {
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let r = c(1);
    for (let k = 0; k < Math.abs(b.re); k++) r = cmul(r, a);
    return b.re < 0 ? cdiv(c(1), r) : r;
  }
  if (a.im === 0 && b.im === 0 && a.re >= 0) return c(Math.pow(a.re, b.re));
  // A real odd root of a negative real (school convention: cube root of -8 is -2).
  if (a.im === 0 && b.im === 0 && a.re < 0) {
    const inv = 1 / b.re;
    if (
      Number.isInteger(Math.round(inv)) &&
      Math.abs(inv - Math.round(inv)) < 1e-12 &&
      Math.round(inv) % 2 !== 0
    ) {
      return c(-Math.pow(-a.re, b.re));
    }
  }
  if (a.re === 0 && a.im === 0) return c(0);
  return cexp(cmul(b, cln(a)));
}
function csqrt(a: C): C {
  if (a.im === 0) return a.re >= 0 ? c(Math.sqrt(a.re)) : c(0, Math.sqrt(-a.re));
  const r = cabs(a);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sign(a.im) * Math.sqrt((r - a.re) / 2);
  return c(re, im);
}
const csin = (a: C): C => c(Math.sin(a.re) * Math.cosh(a.im), Math.cos(a.re) * Math.sinh(a.im));
const ccos = (a: C): C => c(Math.cos(a.re) * Math.cosh(a.im), -Math.sin(a.re) * Math.sinh(a.im));

export type Env = ReadonlyMap<string, C>;

export function evalC(e: Expr, env: Env): C {
  switch (e.k) {
    case 'num':
      return c(toNumber(e.v));
    case 'sym': {
      if (e.name === 'pi') return c(Math.PI);
      if (e.name === 'e') return c(Math.E);
      if (e.name === 'i') return c(0, 1);
      const v = env.get(e.name);
      if (v === undefined) return c(NaN, NaN);
      return v;
    }
    case 'neg': {
      const a = evalC(e.a, env);
      return c(-a.re, -a.im);
    }
    case 'fn': {
      const a = evalC(e.a, env);
      switch (e.name) {
        case 'sqrt':
          return csqrt(a);
        case 'sin':
          return csin(a);
        case 'cos':
          return ccos(a);
        case 'tan':
          return cdiv(csin(a), ccos(a));
        case 'exp':
          return cexp(a);
        case 'ln':
          return cln(a);
        case 'log':
          return cdiv(cln(a), c(Math.LN10));
        case 'abs':
          return c(cabs(a));
      }
      break;
    }
    case 'bin': {
      const a = evalC(e.a, env);
      const b = evalC(e.b, env);
      switch (e.op) {
        case '+':
          return cadd(a, b);
        case '-':
          return csub(a, b);
        case '*':
          return cmul(a, b);
        case '/':
          return cdiv(a, b);
        case '^':
          return cpow(a, b);
        case '±':
          // A ± is checked branch by branch; on its own it has no single value.
          return c(NaN, NaN);
      }
      break;
    }
    case 'deriv':
      // mathjs's symbolic derivative costs grow with size (with its simplify on, seconds for
      // d/dx (x+1)…(x+12)): past a size it is replaced by the complex-step derivative,
      // equally independent of our rules and exact to rounding for analytic functions.
      if (nodeCount(e.a) > ORACLE_MAX_NODES) {
        return analytic(e.a)
          ? complexStepDerivative(e.a, e.v, env)
          : numericDerivative(e.a, e.v, env);
      }
      return oracleDerivative(e.a, e.v, env) ?? numericDerivative(e.a, e.v, env);
  }
  return c(NaN, NaN);
}

/** Largest expression (tree nodes) given to mathjs's derivative: a bound on its cost per step. */
export const ORACLE_MAX_NODES = 120;

export function nodeCount(e: Expr): number {
  switch (e.k) {
    case 'num':
    case 'sym':
      return 1;
    case 'neg':
    case 'fn':
    case 'deriv':
      return 1 + nodeCount(e.a);
    case 'bin':
      return 1 + nodeCount(e.a) + nodeCount(e.b);
  }
}

/** No |…| or pending derivative inside: the complex step is exact to rounding. */
const analytic = (e: Expr): boolean =>
  e.k === 'num' ||
  e.k === 'sym' ||
  (e.k === 'fn' && e.name !== 'abs' && analytic(e.a)) ||
  (e.k === 'neg' && analytic(e.a)) ||
  (e.k === 'bin' && analytic(e.a) && analytic(e.b));

/** Imaginary step of the complex-step derivative: far below rounding, no cancellation. */
const COMPLEX_STEP = 1e-20;

/** f'(x) = Im f(x + ih) / h for real x (Squire & Trapp 1998). */
function complexStepDerivative(f: Expr, v: string, env: Env): C {
  const x = env.get(v);
  if (x === undefined || x.im !== 0) return c(NaN, NaN);
  for (const value of env.values()) if (value.im !== 0) return c(NaN, NaN);
  const out = evalC(f, new Map(env).set(v, c(x.re, COMPLEX_STEP)));
  return c(out.im / COMPLEX_STEP);
}

/** Compiled mathjs derivatives by expression text: checking the same step twice is common. */
const ORACLE_CACHE = new Map<string, EvalFunction | null>();
/** Bound on cached derivatives so a long-running worker does not grow without limit. */
const ORACLE_CACHE_LIMIT = 500;

/**
 * The value of d/dv[f] from mathjs's own symbolic derivative, an implementation entirely
 * separate from our rules, so it is a fair referee. Null when mathjs cannot do it.
 */
function oracleDerivative(f: Expr, v: string, env: Env): C | null {
  const key = `${v}|${toText(f)}`;
  let compiled = ORACLE_CACHE.get(key);
  if (compiled === undefined) {
    try {
      // Without simplify: mathjs's simplification is what costs seconds on long products.
      compiled = derivative(toText(f), v, { simplify: false }).compile();
    } catch {
      compiled = null;
    }
    if (ORACLE_CACHE.size >= ORACLE_CACHE_LIMIT) ORACLE_CACHE.clear();
    ORACLE_CACHE.set(key, compiled);
  }
  if (compiled === null) return null;
  const scope: Record<string, number> = {};
  for (const [name, value] of env) {
    if (value.im !== 0) return null;
    scope[name] = value.re;
  }
  try {
    const out: unknown = compiled.evaluate(scope);
    return typeof out === 'number' ? c(out) : null;
  } catch {
    return null;
  }
}

/** Relative step for finite differences: small enough for accuracy, large enough for rounding. */
const DIFF_STEP = 1e-3;

/** Central difference with one Richardson extrapolation (error O(h^4)). */
function numericDerivative(f: Expr, v: string, env: Env): C {
  const x = env.get(v);
  if (x === undefined || x.im !== 0) return c(NaN, NaN);
  const h = DIFF_STEP * Math.max(1, Math.abs(x.re));
  const at = (t: number): C => evalC(f, new Map(env).set(v, c(t)));
  const d = (step: number): C => {
    const hi = at(x.re + step);
    const lo = at(x.re - step);
    return c((hi.re - lo.re) / (2 * step), (hi.im - lo.im) / (2 * step));
  };
  const d1 = d(h);
  const d2 = d(h / 2);
  return c((4 * d2.re - d1.re) / 3, (4 * d2.im - d1.im) / 3);
}

export const isFiniteC = (a: C): boolean => Number.isFinite(a.re) && Number.isFinite(a.im);

/** |a - b| small relative to their size. */
export function closeC(a: C, b: C, rel: number): boolean {
  const scale = Math.max(1, cabs(a), cabs(b));
  return cabs(csub(a, b)) <= rel * scale;
}

/** Half-width of the interval random points are drawn from. */
const SAMPLE_RADIUS = 3.7;

/** Deterministic pseudo-random sample points (library code has no global randomness). */
export function samplePoints(
  vars: readonly string[],
  count: number,
  salt = 0,
  radius = SAMPLE_RADIUS,
): Env[] {
  let state = (0x2545f491 ^ salt) >>> 0;
  const rnd = (): number => {
    // xorshift32: fixed sequence, so checks are reproducible.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const out: Env[] = [];
  for (let k = 0; k < count; k++) {
    const env = new Map<string, C>();
    // Spread points over [-3.7, 3.7], avoiding integers (where denominators often vanish).
    for (const v of vars) env.set(v, c((rnd() * 2 - 1) * radius + 0.0137));
    out.push(env);
  }
  return out;
}
