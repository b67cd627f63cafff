/**
 * Exact values of logarithms of numbers: log 1000 = 3 (base 10), log_2 8 = 3, log_4 8 = 3/2,
 * ln e^2 = 2, ln 1 = 0. Each logarithm is replaced by its value in one step (checked by the
 * trail numerically), then the rest is ordinary arithmetic.
 */
import { asValue, solveArithmetic } from './arithmetic.ts';
import type { Emit } from './arithmetic.ts';
import { unsupported } from './errors.ts';
import { bin, contains, fn, freeVars, neg, num, rat, sameTree, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { logBase, toLatex } from './print.ts';
import { constValue, pConst, toRational } from './poly.ts';
import { isNegative, isZero, q, ONE, sign } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

/** Largest denominator tried for a fractional logarithm (log_8 2 = 1/3, log_{16} 8 = 3/4). */
const MAX_LOG_DENOMINATOR = 12;
/** Largest exponent we raise to when checking b^p = a^q exactly (school numbers are far below). */
const MAX_EXACT_EXPONENT = 64;

interface Log {
  readonly base: Q | 'e';
  readonly arg: Expr;
}

/** The logarithm a node stands for: ln A, log A (base 10) or ln A / ln b (base b). */
function logOf(e: Expr): Log | null {
  if (e.k === 'fn' && e.name === 'ln') return { base: 'e', arg: e.a };
  if (e.k === 'fn' && e.name === 'log') return { base: q(10), arg: e.a };
  const b = logBase(e);
  if (b !== null && b.k === 'num') return { base: b.v, arg: (e as { a: { a: Expr } }).a.a };
  return null;
}

export const hasLogValue = (e: Expr): boolean => contains(e, (x) => logOf(x) !== null);

/** e^k written as e, e^k or exp(k): k, else null. */
function powerOfE(e: Expr): Q | null {
  if (e.k === 'sym' && e.name === 'e') return ONE;
  if (e.k === 'fn' && e.name === 'exp') return asValue(e.a);
  if (e.k === 'bin' && e.op === '^' && e.a.k === 'sym' && e.a.name === 'e') return asValue(e.b);
  if (asValue(e)?.equals(ONE)) return q(0);
  return null;
}

/** Exact powers, bounded: x^n for a whole n ≥ 0. */
function power(x: Q, n: number): Q {
  let out = ONE;
  for (let k = 0; k < n; k++) out = out.mul(x);
  return out;
}

/** k with base^k = a exactly and a small denominator, or null. */
function rationalLog(base: Q, a: Q): Q | null {
  if (isNegative(a) || isZero(a) || isNegative(base) || base.equals(ONE)) return null;
  if (a.equals(ONE)) return q(0);
  const guess = Math.log(a.valueOf()) / Math.log(base.valueOf());
  if (!Number.isFinite(guess)) return null;
  for (let d = 1; d <= MAX_LOG_DENOMINATOR; d++) {
    const n = Math.round(guess * d);
    if (Math.abs(n) > MAX_EXACT_EXPONENT || Math.abs(guess * d - n) > 1e-9) continue;
    // base^(n/d) = a  ⇔  base^n = a^d (both sides positive), checked in exact fractions.
    const lhs = n >= 0 ? power(base, n) : ONE.div(power(base, -n));
    if (lhs.equals(power(a, d))) return q(n, d);
  }
  return null;
}

const baseLatex = (b: Q | 'e'): string => (b === 'e' ? 'e' : toLatex(rat(b)));

/** Replace every logarithm by its exact value; notes say why (10^3 = 1000). */
function replaceLogs(e: Expr, notes: string[]): Expr {
  const log = logOf(e);
  if (log !== null) {
    const a = log.base === 'e' ? null : asValue(log.arg);
    const k = log.base === 'e' ? powerOfE(log.arg) : a === null ? null : rationalLog(log.base, a);
    if (k === null) {
      throw unsupported(
        `$${toLatex(e)}$ is not a whole number or a fraction, so it has no exact value to show. The solver works out logarithms like $\\log_{2} 8 = 3$, $\\log 1000 = 3$ or $\\ln e^{2} = 2$; for others, write an equation such as $10^{x} = 7$.`,
      );
    }
    notes.push(
      `$${toLatex(e)} = ${toLatex(rat(k))}$ because $${baseLatex(log.base)}^{${toLatex(rat(k))}} = ${toLatex(log.arg)}$`,
    );
    return rat(k);
  }
  switch (e.k) {
    case 'num':
    case 'sym':
    case 'deriv':
      return e;
    case 'neg':
      return neg(replaceLogs(e.a, notes));
    case 'fn':
      return fn(e.name, replaceLogs(e.a, notes));
    case 'bin':
      return bin(e.op, replaceLogs(e.a, notes), replaceLogs(e.b, notes));
  }
}

/** log 1000 + log_2 8 → 3 + 3 → 6, each step checked. */
export function logValueSteps(e: Expr, trail: Trail): Expr {
  trail.expr(e, 'Start with the expression.', 'start');
  const notes: string[] = [];
  const replaced = replaceLogs(e, notes);
  trail.expr(
    replaced,
    `A logarithm is the exponent that gives its argument: ${notes.join('; ')}.`,
    'logarithm-values',
  );
  const emit: Emit = (x, why, rule) => trail.expr(x, why, rule);
  const v = solveArithmetic(replaced, emit, { decimals: false }, false);
  return rat(v);
}

// ---------- logarithms inside equations (used by logarithm.ts) ----------

/** Largest |exponent| when combining logs of numbers (2 ln 3 = ln 9). */
const MAX_LOG_POWER = 12;

export const isLog = (x: Expr): boolean =>
  logBase(x) !== null || (x.k === 'fn' && (x.name === 'ln' || x.name === 'log'));

/** Base and argument of ln A, log A (base 10) or ln A / ln b. */
export function logParts(x: Expr): [Expr, Expr] {
  const b = logBase(x);
  if (b !== null) return [b, ((x as { a: Expr }).a as { a: Expr }).a];
  const f = x as { name: string; a: Expr };
  return [f.name === 'ln' ? sym('e') : num(10), f.a];
}

/**
 * n1·log_b(c1) + n2·log_b(c2) + … with whole n and numbers c, every log to `base`: the
 * number c1^n1 · c2^n2 · … whose logarithm it is; null for anything else (a plain number too).
 */
export function combineNumberLogs(e: Expr, base: Expr): Q | null {
  const logs: Expr[] = [];
  const holed = holeNumberLogs(e, base, logs);
  if (holed === null || logs.length === 0) return null;
  const r = toRational(holed);
  const d = r === null ? null : pConst(r.den);
  if (r === null || d === null) return null;
  let value = q(1);
  for (const t of r.num.values()) {
    const [only, ...more] = t.mono;
    const n = t.coef.div(d);
    if (only === undefined || more.length > 0 || only[1] !== 1 || n.d !== 1n) return null;
    const arg = constValue(logParts(logs[Number(only[0].slice(LOG_HOLE.length))] as Expr)[1]);
    if (arg === null || sign(arg) <= 0 || n.abs().n > BigInt(MAX_LOG_POWER)) return null;
    value = value.mul(arg.pow(Number(n.n) * (n.s < 0n ? -1 : 1)));
  }
  return value;
}

const LOG_HOLE = 'log_hole_';

/** Each log of a number to `base` → a name; null when some log has another base or is not of a number. */
function holeNumberLogs(e: Expr, base: Expr, logs: Expr[]): Expr | null {
  if (isLog(e)) {
    const [b, a] = logParts(e);
    if (!sameTree(b, base) || freeVars(a).size > 0 || constValue(a) === null) return null;
    let k = logs.findIndex((x) => sameTree(x, e));
    if (k < 0) k = logs.push(e) - 1;
    return sym(`${LOG_HOLE}${k}`);
  }
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'neg': {
      const a = holeNumberLogs(e.a, base, logs);
      return a && { k: 'neg', a };
    }
    case 'bin': {
      const a = holeNumberLogs(e.a, base, logs);
      const b = holeNumberLogs(e.b, base, logs);
      return a && b && { k: 'bin', op: e.op, a, b };
    }
    default:
      return null;
  }
}
