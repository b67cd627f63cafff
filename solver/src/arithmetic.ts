/**
 * Arithmetic with order of operations, exactly: powers first, then × and ÷ left to
 * right, then + and − left to right, brackets before all. Each step works out every
 * operation that is ready at the highest level, like a student would on paper.
 */
import { SolverError, unsupported } from './errors.ts';
import { bin, neg, num, rat } from './expr.ts';
import type { Expr } from './expr.ts';
import { toLatex } from './print.ts';
import { bigGcd, isInteger, isNegative, isZero, q, sqrtQ, terminatingDecimal } from './q.ts';
import type { Q } from './q.ts';

/** Exponents larger than this are not worked out by hand (the numbers get silly). */
const MAX_HAND_EXPONENT = 20;

/** Is the node a finished number: 5, -5, 3/4, -(3/4) with the fraction in lowest terms? */
export function asValue(e: Expr): Q | null {
  if (e.k === 'num') return e.v;
  if (e.k === 'neg') {
    const v = asValue(e.a);
    return v === null || isNegative(v) ? null : v.neg();
  }
  if (e.k === 'bin' && e.op === '/' && e.a.k === 'num' && e.b.k === 'num') {
    const a = e.a.v;
    const b = e.b.v;
    if (isInteger(a) && isInteger(b) && b.n > 1n && bigGcd(a.n, b.n) === 1n) return a.div(b);
  }
  return null;
}

type Level = 'power' | 'product' | 'sum';
const LEVELS: readonly Level[] = ['power', 'product', 'sum'];

function levelOf(e: Expr): Level | null {
  if (e.k === 'fn') return 'power';
  if (e.k === 'bin')
    return e.op === '^' ? 'power' : e.op === '*' || e.op === '/' ? 'product' : 'sum';
  if (e.k === 'neg') return 'product';
  return null;
}

/** Show results as decimals when the problem was written with decimals. */
export interface ArithmeticStyle {
  readonly decimals: boolean;
}

export function valueExpr(v: Q, style: ArithmeticStyle): Expr {
  if (style.decimals && !isInteger(v)) {
    const d = terminatingDecimal(v);
    if (d !== null) return num(v, true);
  }
  return rat(v);
}

/** Work out one ready operation exactly; describe it. */
function compute(e: Expr, style: ArithmeticStyle): { value: Q; text: string } | null {
  const show = (v: Q): string => toLatex(valueExpr(v, style));
  if (e.k === 'neg') {
    const a = asValue(e.a);
    if (a === null || !isNegative(a)) return null;
    return { value: a.neg(), text: `-\\left(${show(a)}\\right) = ${show(a.neg())}` };
  }
  if (e.k === 'fn') {
    const a = asValue(e.a);
    if (a === null) return null;
    if (e.name !== 'sqrt' && e.name !== 'abs')
      throw unsupported(`${e.name} of a number has no exact value we can show`);
    if (e.name === 'abs')
      return { value: a.abs(), text: `\\left|${show(a)}\\right| = ${show(a.abs())}` };
    const r = sqrtQ(a);
    if (r === null)
      throw unsupported(`The square root of ${show(a)} is not a whole number or fraction`);
    return { value: r, text: `\\sqrt{${show(a)}} = ${show(r)}` };
  }
  if (
    e.k === 'bin' &&
    e.op === '/' &&
    asValue(e) === null &&
    e.a.k === 'num' &&
    e.b.k === 'num' &&
    isInteger(e.a.v) &&
    isInteger(e.b.v)
  ) {
    if (isZero(e.b.v))
      throw new SolverError('division-by-zero', 'Division by zero: the expression has no value');
    const v = e.a.v.div(e.b.v);
    return { value: v, text: `\\frac{${e.a.v.n}}{${e.b.v.n}} = ${show(v)}` };
  }
  if (e.k !== 'bin') return null;
  const a = asValue(e.a);
  const b = asValue(e.b);
  if (a === null || b === null) return null;
  let value: Q;
  switch (e.op) {
    case '+':
      value = a.add(b);
      break;
    case '-':
      value = a.sub(b);
      break;
    case '*':
      value = a.mul(b);
      break;
    case '/':
      if (isZero(b))
        throw new SolverError('division-by-zero', 'Division by zero: the expression has no value');
      value = a.div(b);
      break;
    case '^': {
      if (!isInteger(b)) {
        // a^(1/n): exact only for perfect powers.
        if (b.n !== 1n || b.s < 0n)
          throw unsupported('Fractional powers are only worked out for roots');
        const n = Number(b.d);
        const root = nthRootQ(a, n);
        if (root === null) throw unsupported(`${show(a)} has no exact ${n}th root`);
        value = root;
        break;
      }
      const k = Number(b.s * b.n);
      if (Math.abs(k) > MAX_HAND_EXPONENT)
        throw unsupported('The exponent is too large to work out by hand');
      if (isZero(a) && k < 0)
        throw new SolverError('division-by-zero', 'Zero to a negative power is a division by zero');
      value = a.pow(q(k));
      break;
    }
    default:
      return null;
  }
  const opTex = { '+': '+', '-': '-', '*': '\\times', '/': '\\div', '^': '^', '±': '\\pm' }[e.op];
  const left = isNegative(a) ? `\\left(${show(a)}\\right)` : show(a);
  const right = isNegative(b) ? `\\left(${show(b)}\\right)` : show(b);
  const text =
    e.op === '^'
      ? `{${left}}^{${show(b)}} = ${show(value)}`
      : `${left} ${opTex} ${right} = ${show(value)}`;
  return { value, text };
}

/** A division whose divisor is now the number 0 (or zero to a negative power). */
function dividesByZero(e: Expr): boolean {
  if (e.k === 'bin') {
    const b = asValue(e.b);
    if (e.op === '/' && b !== null && isZero(b)) return true;
    const a = asValue(e.a);
    if (e.op === '^' && a !== null && isZero(a) && b !== null && isNegative(b)) return true;
    return dividesByZero(e.a) || dividesByZero(e.b);
  }
  return (e.k === 'neg' || e.k === 'fn') && dividesByZero(e.a);
}

function nthRootQ(a: Q, n: number): Q | null {
  if (isNegative(a) && n % 2 === 0) return null;
  const root = (x: bigint): bigint | null => {
    const guess = BigInt(Math.round(Math.pow(Number(x), 1 / n)));
    for (let c = guess - 1n; c <= guess + 1n; c++) if (c >= 0n && c ** BigInt(n) === x) return c;
    return null;
  };
  const rn = root(a.n);
  const rd = root(a.d);
  if (rn === null || rd === null) return null;
  return isNegative(a) ? q(-rn, rd) : q(rn, rd);
}

/** Ready = every operand is already a number. */
function isReady(e: Expr): boolean {
  if (asValue(e) !== null) return false;
  if (e.k === 'neg') return asValue(e.a) !== null;
  if (e.k === 'fn') return asValue(e.a) !== null;
  if (e.k === 'bin') {
    if (e.op === '/' && e.a.k === 'num' && e.b.k === 'num') return true;
    return asValue(e.a) !== null && asValue(e.b) !== null;
  }
  return false;
}

function readyLevels(e: Expr, out: Set<Level>): void {
  if (isReady(e)) {
    const l = levelOf(e);
    if (l) out.add(l);
    return;
  }
  if (e.k === 'bin') {
    readyLevels(e.a, out);
    readyLevels(e.b, out);
  } else if (e.k === 'neg' || e.k === 'fn') readyLevels(e.a, out);
}

/** Replace every ready node at `level`; collect their descriptions. */
function reduce(e: Expr, level: Level, style: ArithmeticStyle, done: string[]): Expr {
  if (isReady(e) && levelOf(e) === level) {
    const r = compute(e, style);
    if (r === null) return e;
    done.push(r.text);
    return valueExpr(r.value, style);
  }
  if (e.k === 'bin')
    return bin(e.op, reduce(e.a, level, style, done), reduce(e.b, level, style, done));
  if (e.k === 'neg') return neg(reduce(e.a, level, style, done));
  if (e.k === 'fn') return { k: 'fn', name: e.name, a: reduce(e.a, level, style, done) };
  return e;
}

/** Is some ready node at this level inside brackets (a lower-binding child of a tighter operator)? */
const LEVEL_WORDS: Record<Level, string> = {
  power: 'Work out powers and roots first',
  product: 'Multiply and divide, from left to right',
  sum: 'Add and subtract, from left to right',
};
const LEVEL_RULES: Record<Level, string> = {
  power: 'powers',
  product: 'multiply-divide',
  sum: 'add-subtract',
};

/** Steps limit (as the default step budget of solve()): a guard against pathological input. */
const MAX_ARITHMETIC_STEPS = 80;

/** Where each worked-out state goes (a trail, or one side of an equation being checked). */
export type Emit = (e: Expr, explanation: string, rule: string) => void;

export function solveArithmetic(e: Expr, emit: Emit, style: ArithmeticStyle, first = true): Q {
  if (first) emit(e, 'Start with the expression.', 'start');
  let cur = e;
  for (let n = 0; n < MAX_ARITHMETIC_STEPS; n++) {
    const v = asValue(cur);
    if (v !== null) return v;
    const levels = new Set<Level>();
    readyLevels(cur, levels);
    const level = LEVELS.find((l) => levels.has(l));
    if (level === undefined) throw unsupported('This expression cannot be worked out exactly');
    const done: string[] = [];
    const next = reduce(cur, level, style, done);
    const bracketed = insideBrackets(cur, level);
    const why = bracketed ? 'Work out the brackets first' : LEVEL_WORDS[level];
    emit(
      next,
      `${why}: ${done.map((t) => `$${t}$`).join(', ')}.`,
      bracketed ? 'brackets' : LEVEL_RULES[level],
    );
    cur = next;
    if (dividesByZero(cur))
      throw new SolverError('division-by-zero', 'Division by zero: the expression has no value');
  }
  throw unsupported('The expression is too long to work out step by step');
}

function insideBrackets(e: Expr, level: Level, parentTight = false): boolean {
  if (isReady(e) && levelOf(e) === level) return parentTight;
  const tight = (x: Expr, child: Expr): boolean => {
    const rank = (y: Expr): number => (levelOf(y) === 'sum' ? 1 : levelOf(y) === 'product' ? 2 : 3);
    return levelOf(child) !== null && rank(child) < rank(x);
  };
  if (e.k === 'bin')
    return (
      insideBrackets(e.a, level, tight(e, e.a)) ||
      insideBrackets(
        e.b,
        level,
        tight(e, e.b) || (e.op !== '+' && e.op !== '*' && levelOf(e.b) === levelOf(e)),
      )
    );
  if (e.k === 'neg' || e.k === 'fn')
    return insideBrackets(e.a, level, e.k === 'fn' || tight(e, e.a));
  return false;
}
