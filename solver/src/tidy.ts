/** Light, safe clean-up of an expression: fold numbers, drop ·1, +0, ^1. Never changes its value. */
import { add, bin, div, mul, neg, num, pow, rat, sub } from './expr.ts';
import type { Expr } from './expr.ts';
import { constValue } from './poly.ts';
import { isNegative, isZero, ONE } from './q.ts';

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

export function tidy(e: Expr): Expr {
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
