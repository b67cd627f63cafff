/**
 * Semantic answer comparison for the benchmark: numbers exactly (fractions), expressions
 * as functions (random points), root sets and systems as sets of numbers, intervals by
 * relation and bound. Never string equality.
 */
import { all, create } from 'mathjs';
import type { FactoryFunctionMap, MathNode } from 'mathjs';
import type { Expected } from './make-corpus.ts';

const math = create(all as FactoryFunctionMap);
const fractions = create(all as FactoryFunctionMap, { number: 'Fraction' });

/** Relative tolerance for numeric equality of answers. */
const ANSWER_TOLERANCE = 1e-9;
/** Random points at which two expressions must agree. */
const EXPR_POINTS = 8;

/** What a solver produced, in a solver-neutral form. */
export type Claim =
  | { kind: 'text'; value: string } // a number or an expression
  | { kind: 'roots'; values: string[] } // solutions of one equation
  | { kind: 'system'; values: Record<string, string> }
  | { kind: 'relation'; value: string } // "x > -3"
  | { kind: 'none' }
  | { kind: 'all' };

interface Cx {
  re: number;
  im: number;
}

function evalCx(text: string, scope: Record<string, number> = {}): Cx | null {
  try {
    const v: unknown = math.evaluate(text, { ...scope });
    if (typeof v === 'number') return { re: v, im: 0 };
    if (v !== null && typeof v === 'object' && 're' in v && 'im' in v)
      return { re: Number(v.re), im: Number(v.im) };
    if (v !== null && typeof v === 'object' && 'valueOf' in v) {
      const n = Number((v as { valueOf(): unknown }).valueOf());
      return Number.isFinite(n) ? { re: n, im: 0 } : null;
    }
    return null;
  } catch {
    return null;
  }
}

const close = (a: Cx, b: Cx): boolean =>
  Math.hypot(a.re - b.re, a.im - b.im) <=
  ANSWER_TOLERANCE * Math.max(1, Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));

/**
 * Numbers: `exact` demands equal fractions (arithmetic must not answer 0.30000000000000004);
 * otherwise a float within tolerance also counts (peers print 2.6666666666666665 for 8/3).
 */
function sameNumber(a: string, b: string, exact = false): boolean {
  try {
    const x: unknown = fractions.evaluate(a);
    const y: unknown = fractions.evaluate(b);
    if (
      fractions.isFraction(x) &&
      fractions.isFraction(y) &&
      (exact || (fractions.equal(x, y) as boolean))
    ) {
      return fractions.equal(x, y) as boolean;
    }
  } catch {
    // not both exact fractions: compare numerically
  }
  if (exact) return false;
  const x = evalCx(a);
  const y = evalCx(b);
  return x !== null && y !== null && close(x, y);
}

function symbols(text: string): string[] {
  const out = new Set<string>();
  math.parse(text).traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (
      n.type === 'SymbolNode' &&
      !(parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === n)
    ) {
      const name = (n as unknown as { name: string }).name;
      if (!['e', 'pi', 'i'].includes(name)) out.add(name);
    }
  });
  return [...out];
}

function sameExpression(a: string, b: string): boolean {
  try {
    const vars = [...new Set([...symbols(a), ...symbols(b)])];
    let agreed = 0;
    for (let k = 0; k < EXPR_POINTS; k++) {
      const scope = Object.fromEntries(vars.map((v, j) => [v, 0.37 + 0.61 * k - 0.29 * j]));
      const x = evalCx(a, scope);
      const y = evalCx(b, scope);
      if (x === null || y === null || !Number.isFinite(x.re) || !Number.isFinite(y.re)) continue;
      if (!close(x, y)) return false;
      agreed++;
    }
    return agreed >= EXPR_POINTS / 2;
  } catch {
    return false;
  }
}

/** An expanded answer has no product or power of a sum left (no brackets to multiply out). */
function isExpanded(text: string): boolean {
  let ok = true;
  const isSum = (n: MathNode): boolean => {
    let m = n;
    while (m.type === 'ParenthesisNode') m = (m as unknown as { content: MathNode }).content;
    const fn = (m as unknown as { fn?: string }).fn;
    return m.type === 'OperatorNode' && (fn === 'add' || fn === 'subtract');
  };
  math.parse(text).traverse((n: MathNode) => {
    const fn = (n as unknown as { fn?: string }).fn;
    if (n.type === 'OperatorNode' && (fn === 'multiply' || fn === 'pow' || fn === 'unaryMinus')) {
      if ((n as unknown as { args: MathNode[] }).args.some(isSum)) ok = false;
    }
  });
  return ok;
}

/** A factored answer is a product (or a power, or minus a product), not a sum. */
function isProduct(text: string): boolean {
  let n: MathNode = math.parse(text);
  while (n.type === 'ParenthesisNode') n = (n as unknown as { content: MathNode }).content;
  if (n.type !== 'OperatorNode') return false;
  const fn = (n as unknown as { fn: string }).fn;
  if (fn === 'unaryMinus') {
    const inner = (n as unknown as { args: MathNode[] }).args[0];
    return inner !== undefined && isProduct(inner.toString());
  }
  return fn === 'multiply' || fn === 'pow';
}

function sameRootSet(claimed: string[], expected: string[]): boolean {
  const dedupe = (xs: (Cx | null)[]): Cx[] | null => {
    if (xs.some((x) => x === null)) return null;
    const out: Cx[] = [];
    for (const x of xs as Cx[]) if (!out.some((y) => close(x, y))) out.push(x);
    return out;
  };
  const a = dedupe(claimed.map((x) => evalCx(x)));
  const b = dedupe(expected.map((x) => evalCx(x)));
  return (
    a !== null && b !== null && a.length === b.length && a.every((x) => b.some((y) => close(x, y)))
  );
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

function sameRelation(claim: string, e: Extract<Expected, { kind: 'interval' }>): boolean {
  const m = /^\s*(.+?)\s*(<=|>=|<|>)\s*(.+?)\s*$/.exec(claim);
  if (!m) return false;
  let [, l, rel, r] = m as unknown as [string, string, string, string];
  if (r.trim() === e.var) [l, rel, r] = [r, FLIP[rel] ?? rel, l];
  return l.trim() === e.var && rel === e.rel && sameNumber(r, e.bound);
}

export function judge(expected: Expected, claim: Claim): boolean {
  switch (expected.kind) {
    case 'number':
      return claim.kind === 'text' && sameNumber(claim.value, expected.value, true);
    case 'expr':
      return claim.kind === 'text' && sameExpression(claim.value, expected.value);
    case 'expanded':
      return (
        claim.kind === 'text' &&
        isExpanded(claim.value) &&
        sameExpression(claim.value, expected.value)
      );
    case 'factored':
      return (
        claim.kind === 'text' &&
        isProduct(claim.value) &&
        sameExpression(claim.value, expected.value)
      );
    case 'roots':
      return claim.kind === 'roots' && sameRootSet(claim.values, expected.values);
    case 'system':
      return (
        claim.kind === 'system' &&
        Object.keys(expected.values).length === Object.keys(claim.values).length &&
        Object.entries(expected.values).every(
          ([k, v]) => claim.values[k] !== undefined && sameNumber(claim.values[k], v),
        )
      );
    case 'interval':
      return claim.kind === 'relation' && sameRelation(claim.value, expected);
    case 'none':
      return claim.kind === 'none';
    case 'all':
      return claim.kind === 'all';
  }
}
