/** Expand "±" into its two branches, for checking and for final answers. */
import { add, bin, sub } from './expr.ts';
import type { Equation, Expr } from './expr.ts';

function expand(e: Expr): Expr[] {
  switch (e.k) {
    case 'num':
    case 'sym':
      return [e];
    case 'neg':
      return expand(e.a).map((a) => ({ k: 'neg', a }));
    case 'fn':
      return expand(e.a).map((a) => ({ k: 'fn', name: e.name, a }));
    case 'deriv':
      return expand(e.a).map((a) => ({ k: 'deriv', a, v: e.v }));
    case 'bin': {
      const out: Expr[] = [];
      for (const a of expand(e.a)) {
        for (const b of expand(e.b)) {
          if (e.op === '±') out.push(add(a, b), sub(a, b));
          else out.push(bin(e.op, a, b));
        }
      }
      return out;
    }
  }
}

export function expandPm(e: Equation): Equation[] {
  const out: Equation[] = [];
  for (const lhs of expand(e.lhs))
    for (const rhs of expand(e.rhs)) out.push({ lhs, rel: e.rel, rhs });
  return out;
}
