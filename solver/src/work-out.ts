/**
 * Shared by the sum, limit, integral and determinant routes: working a constant out step by
 * step after a formula (a link) has been applied, and the small helpers the routes share.
 */
import { solveArithmetic } from './arithmetic.ts';
import { SolverError } from './errors.ts';
import { fn, freeVars, mul, neg, num, rat, sym, div } from './expr.ts';
import type { Expr } from './expr.ts';
import { hasRoot, hasTrigValue, surdSteps, trigValueSteps } from './exact.ts';
import type { c } from './numeric.ts';
import { evalC } from './numeric.ts';
import { constValue } from './poly.ts';
import { toLatex } from './print.ts';
import { isZero, ONE, q } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';
import type { Classification } from './types.ts';

export interface CalculusOutcome {
  readonly value: Expr;
  readonly classification: Classification;
}

export const tex = (e: Expr): string => toLatex(e);

/** What a Σ or lim applies to, bracketed when it is a sum: `\lim_{x \to 2} \left(x^{2} + 1\right)`. */
export function operandTex(e: Expr): string {
  const sum = e.k === 'bin' && (e.op === '+' || e.op === '-' || e.op === '±');
  return sum ? `\\left(${toLatex(e)}\\right)` : toLatex(e);
}
export const val = (e: Expr, env: ReadonlyMap<string, ReturnType<typeof c>> = new Map()): number =>
  evalC(e, env).re;
export const close = (a: number, b: number, tol: number): boolean =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

/** Work a constant expression out step by step (fractions, roots, trig values); the value. */
export function workOut(e: Expr, trail: Trail, why: string, rule: string): Expr {
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

/** 1·x → x, so formulas read as a teacher writes them. */
export function stripOnes(e: Expr): Expr {
  if (e.k === 'bin') {
    const a = stripOnes(e.a);
    const b = stripOnes(e.b);
    if (e.op === '*' && a.k === 'num' && a.v.equals(ONE)) return b;
    return { k: 'bin', op: e.op, a, b };
  }
  return e;
}

/** k·G as a teacher writes it: G, −G, 3G, \frac{G}{4}, \frac{3G}{4}. */
export function scaledExpr(k: Q, G: Expr): Expr {
  const a = k.abs();
  const top = a.n === 1n ? G : mul(num(q(a.n)), G);
  const body = a.d === 1n ? top : div(top, num(q(a.d)));
  return k.s < 0n && !isZero(k) ? neg(body) : body;
}
