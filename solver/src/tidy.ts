/** Light, safe clean-up of an expression: fold numbers, drop ·1, +0, ^1. Never changes its value. */
import { add, bin, div, mul, neg, num, pow, productOf, rat, sameTree, sub } from './expr.ts';
import type { Expr } from './expr.ts';
import { constValue } from './poly.ts';
import { isNegative, isZero, ONE, q } from './q.ts';
import type { Q } from './q.ts';

function isNum(e: Expr): boolean {
  try {
    return !containsSym(e) && constValue(e) !== null;
  } catch {
    return false;
  }
}
const containsSym = (e: Expr): boolean =>
  e.k === 'sym' ||
  e.k === 'deriv' ||
  (e.k === 'bin' && (containsSym(e.a) || containsSym(e.b))) ||
  ((e.k === 'neg' || e.k === 'fn') && containsSym(e.a));

/** Split a product/quotient chain into a numeric coefficient, numerator and denominator factors. */
function factorsOf(e: Expr, num: Expr[], den: Expr[], coef: { v: Q }, inverted: boolean): void {
  if (e.k === 'bin' && (e.op === '*' || e.op === '/')) {
    factorsOf(e.a, num, den, coef, inverted);
    factorsOf(e.b, num, den, coef, e.op === '/' ? !inverted : inverted);
    return;
  }
  if (e.k === 'neg') {
    coef.v = coef.v.neg();
    factorsOf(e.a, num, den, coef, inverted);
    return;
  }
  const v = isNum(e) ? constValue(e) : null;
  if (v !== null && !isZero(v)) {
    coef.v = inverted ? coef.v.div(v) : coef.v.mul(v);
    return;
  }
  (inverted ? den : num).push(e);
}

/** 1/(2√u)·2·x → x/√u: fold the numbers, cancel identical factors above and below. */
function tidyProduct(e: Expr): Expr | null {
  const num: Expr[] = [];
  const den: Expr[] = [];
  const coef = { v: ONE };
  factorsOf(e, num, den, coef, false);
  if (num.some((f) => isNum(f)) || den.some((f) => isNum(f))) return null;
  for (let i = num.length - 1; i >= 0; i--) {
    const j = den.findIndex((d) => sameTree(d, num[i] as Expr));
    if (j >= 0) {
      num.splice(i, 1);
      den.splice(j, 1);
    }
  }
  const c = coef.v;
  const top = productOf(num);
  const a = c.abs();
  let body: Expr;
  const numPart = (k: Q): Expr =>
    num.length === 0 ? rat(k) : k.equals(ONE) ? top : mul(rat(k), top);
  if (den.length === 0) body = numPart(a);
  else {
    // Whole numbers stay on top, the denominator's number goes below: 3x/(2√u).
    const topCoef = q(a.n);
    const bottom = a.d === 1n ? productOf(den) : mul(num_(a.d), productOf(den));
    body = div(numPart(topCoef), bottom);
  }
  return isNegative(c) ? neg(body) : body;
}

const num_ = (d: bigint): Expr => rat(q(d));

export function tidy(e: Expr): Expr {
  const once = tidyOnce(e);
  if (once.k === 'bin' && (once.op === '*' || once.op === '/')) return tidyProduct(once) ?? once;
  if (once.k === 'neg' && once.a.k === 'bin' && (once.a.op === '*' || once.a.op === '/')) {
    const inner = tidyProduct(once.a);
    return inner ? tidyOnce(neg(inner)) : once;
  }
  return once;
}

function tidyOnce(e: Expr): Expr {
  if (e.k === 'num' || e.k === 'sym') return e;
  if (isNum(e) && e.k !== 'fn')
    return rat(constValue(e) as NonNullable<ReturnType<typeof constValue>>);
  if (e.k === 'neg') {
    const a = tidy(e.a);
    if (a.k === 'neg') return a.a;
    return neg(a);
  }
  if (e.k === 'fn') return { k: 'fn', name: e.name, a: tidy(e.a) };
  if (e.k === 'deriv') return { k: 'deriv', a: tidy(e.a), v: e.v };
  const a = tidy(e.a);
  const b = tidy(e.b);
  const av = isNum(a) ? constValue(a) : null;
  const bv = isNum(b) ? constValue(b) : null;
  switch (e.op) {
    case '*':
      if ((av && isZero(av)) || (bv && isZero(bv))) return num(0);
      if (av && av.equals(ONE)) return b;
      if (bv && bv.equals(ONE)) return a;
      if (av && av.equals(ONE.neg())) return neg(b);
      if (bv && bv.equals(ONE.neg())) return neg(a);
      // Numbers in front: x·3 → 3x; 2·(3·u) → 6u.
      if (bv && !av) return tidy(mul(b, a));
      if (av && b.k === 'bin' && b.op === '*' && isNum(b.a))
        return tidy(mul(rat(av.mul(constValue(b.a) as NonNullable<typeof av>)), b.b));
      if (av && isNegative(av)) return neg(mul(rat(av.neg()), b));
      if (a.k === 'neg') return neg(tidy(mul(a.a, b)));
      if (b.k === 'neg') return neg(tidy(mul(a, b.a)));
      return mul(a, b);
    case '+':
      if (av && isZero(av)) return b;
      if (bv && isZero(bv)) return a;
      if (b.k === 'neg') return sub(a, b.a);
      return add(a, b);
    case '-':
      if (bv && isZero(bv)) return a;
      if (av && isZero(av)) return neg(b);
      if (b.k === 'neg') return add(a, b.a);
      return sub(a, b);
    case '/':
      if (bv && bv.equals(ONE)) return a;
      if (av && isZero(av)) return num(0);
      return div(a, b);
    case '^':
      if (bv && bv.equals(ONE)) return a;
      if (bv && isZero(bv)) return num(1);
      return pow(a, b);
    default:
      return bin(e.op, a, b);
  }
}
