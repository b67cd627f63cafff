/**
 * The solver's own small expression tree. We parse with mathjs, then convert to this
 * tree: it is typed, immutable, exact (rational constants) and carries the few things
 * mathjs nodes do not (a pending derivative, a ± sign).
 */
import { isNegative, q } from './q.ts';
import type { Q } from './q.ts';

export type BinOp = '+' | '-' | '*' | '/' | '^' | '±';
export type FnName = 'sqrt' | 'sin' | 'cos' | 'tan' | 'ln' | 'log' | 'exp' | 'abs';
export const FUNCTIONS: readonly FnName[] = [
  'sqrt',
  'sin',
  'cos',
  'tan',
  'ln',
  'log',
  'exp',
  'abs',
];

export type Expr =
  /** A non-negative rational literal; `decimal` keeps how the user wrote it. */
  | { readonly k: 'num'; readonly v: Q; readonly decimal?: boolean }
  | { readonly k: 'sym'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Expr }
  | { readonly k: 'bin'; readonly op: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'fn'; readonly name: FnName; readonly a: Expr }
  /** d/dv [a], not yet worked out. */
  | { readonly k: 'deriv'; readonly a: Expr; readonly v: string };

export type Relation = '=' | '<' | '<=' | '>' | '>=' | '!=';

export interface Equation {
  readonly lhs: Expr;
  readonly rel: Relation;
  readonly rhs: Expr;
}

/** Constants that are never variables. */
export const CONSTANT_SYMBOLS = new Set(['pi', 'e', 'i']);

export const num = (v: Q | number, decimal?: boolean): Expr => {
  const value = typeof v === 'number' ? q(v) : v;
  if (isNegative(value)) return { k: 'neg', a: { k: 'num', v: value.neg() } };
  return decimal ? { k: 'num', v: value, decimal } : { k: 'num', v: value };
};

/** A rational as a tree: 3, -3, 2/3 or -(2/3). */
export const rat = (v: Q): Expr => {
  const a = v.abs();
  const body: Expr =
    a.d === 1n ? { k: 'num', v: a } : bin('/', { k: 'num', v: q(a.n) }, { k: 'num', v: q(a.d) });
  return isNegative(v) ? { k: 'neg', a: body } : body;
};

export const sym = (name: string): Expr => ({ k: 'sym', name });
export const neg = (a: Expr): Expr => ({ k: 'neg', a });
export const bin = (op: BinOp, a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });
export const add = (a: Expr, b: Expr): Expr => bin('+', a, b);
export const sub = (a: Expr, b: Expr): Expr => bin('-', a, b);
export const mul = (a: Expr, b: Expr): Expr => bin('*', a, b);
export const div = (a: Expr, b: Expr): Expr => bin('/', a, b);
export const pow = (a: Expr, b: Expr): Expr => bin('^', a, b);
export const fn = (name: FnName, a: Expr): Expr => ({ k: 'fn', name, a });
export const eq = (lhs: Expr, rhs: Expr, rel: Relation = '='): Equation => ({ lhs, rel, rhs });

/** Sum of terms, written with `-` where a term is negated. */
export function sumOf(terms: readonly Expr[]): Expr {
  if (terms.length === 0) return num(0);
  let out = terms[0] as Expr;
  for (const t of terms.slice(1)) out = t.k === 'neg' ? sub(out, t.a) : add(out, t);
  return out;
}

export function productOf(factors: readonly Expr[]): Expr {
  if (factors.length === 0) return num(1);
  return factors.slice(1).reduce((acc, f) => mul(acc, f), factors[0] as Expr);
}

export function freeVars(e: Expr, out = new Set<string>()): Set<string> {
  switch (e.k) {
    case 'num':
      break;
    case 'sym':
      if (!CONSTANT_SYMBOLS.has(e.name)) out.add(e.name);
      break;
    case 'neg':
    case 'fn':
      freeVars(e.a, out);
      break;
    case 'bin':
      freeVars(e.a, out);
      freeVars(e.b, out);
      break;
    case 'deriv':
      freeVars(e.a, out);
      out.add(e.v);
      break;
  }
  return out;
}

export function equationVars(eqs: readonly Equation[]): string[] {
  const s = new Set<string>();
  for (const e of eqs) {
    freeVars(e.lhs, s);
    freeVars(e.rhs, s);
  }
  return [...s].sort();
}

export function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  switch (e.k) {
    case 'num':
      return e;
    case 'sym':
      return values.get(e.name) ?? e;
    case 'neg':
      return neg(substitute(e.a, values));
    case 'fn':
      return fn(e.name, substitute(e.a, values));
    case 'bin':
      return bin(e.op, substitute(e.a, values), substitute(e.b, values));
    case 'deriv':
      return { k: 'deriv', a: substitute(e.a, values), v: e.v };
  }
}

export function contains(e: Expr, pred: (x: Expr) => boolean): boolean {
  if (pred(e)) return true;
  switch (e.k) {
    case 'num':
    case 'sym':
      return false;
    case 'neg':
    case 'fn':
    case 'deriv':
      return contains(e.a, pred);
    case 'bin':
      return contains(e.a, pred) || contains(e.b, pred);
  }
}

export function sameTree(a: Expr, b: Expr): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'num':
      return b.k === 'num' && a.v.equals(b.v);
    case 'sym':
      return b.k === 'sym' && a.name === b.name;
    case 'neg':
      return b.k === 'neg' && sameTree(a.a, b.a);
    case 'fn':
      return b.k === 'fn' && a.name === b.name && sameTree(a.a, b.a);
    case 'bin':
      return b.k === 'bin' && a.op === b.op && sameTree(a.a, b.a) && sameTree(a.b, b.b);
    case 'deriv':
      return b.k === 'deriv' && a.v === b.v && sameTree(a.a, b.a);
  }
}
