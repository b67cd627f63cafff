/** Simplifying an algebraic fraction in one variable: one fraction, factor, cancel. */
import { unsupported } from './errors.ts';
import { div, num } from './expr.ts';
import type { Expr } from './expr.ts';
import { factoredForm } from './equation.ts';
import {
  fromUni,
  isPolynomial,
  pVars,
  polyExpr,
  primitive,
  toRational,
  toUni,
  uDeg,
  uDivmod,
  uGcd,
} from './poly.ts';
import type { UPoly } from './poly.ts';
import { toLatex } from './print.ts';
import { isZero, q } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

/** Scale top and bottom together so the bottom has whole-number coefficients, leading one positive. */
function tidyPair(n: UPoly, d: UPoly): [UPoly, UPoly] {
  const ints = primitive(d);
  const k = q(ints[ints.length - 1] as bigint).div(d[d.length - 1] as Q);
  return [n.map((c) => c.mul(k)), d.map((c) => c.mul(k))];
}

export function simplifyFractionSteps(e: Expr, trail: Trail): Expr {
  const r = toRational(e);
  const vars = r ? [...new Set([...pVars(r.num), ...pVars(r.den)])] : [];
  if (r === null || isPolynomial(r) || vars.length !== 1) {
    throw unsupported(
      'Only polynomials and fractions of polynomials in one variable can be simplified',
    );
  }
  const v = vars[0] as string;
  const [n, d] = tidyPair(toUni(r.num, v) as UPoly, toUni(r.den, v) as UPoly);
  trail.expr(e, 'Start with the expression.', 'start');
  // A zero top: nothing to factor (every number divides 0); the fraction is 0 wherever
  // the bottom is not.
  if (n.every(isZero)) {
    const zero = num(0);
    trail.expr(
      zero,
      `The top is $0$, so the fraction is $0$ (where the bottom $${toLatex(polyExpr(fromUni(d, v)))} \\neq 0$).`,
      'zero-numerator',
    );
    return zero;
  }
  const single = div(polyExpr(fromUni(n, v)), polyExpr(fromUni(d, v)));
  if (toLatex(single) !== toLatex(e)) {
    trail.expr(
      single,
      'Write everything as one fraction over a common denominator.',
      'single-fraction',
    );
  }
  const factored = div(factoredForm(n, v), factoredForm(d, v));
  if (toLatex(factored) !== toLatex(single)) {
    trail.expr(factored, 'Factor the top and the bottom.', 'factor');
  }
  const g = uGcd(n, d);
  if (uDeg(g) <= 0) return factored;
  const [n2, d2] = tidyPair(uDivmod(n, g).quo, uDivmod(d, g).quo);
  const result =
    uDeg(d2) === 0
      ? polyExpr(
          fromUni(
            n2.map((c) => c.div(d2[0] as Q)),
            v,
          ),
        )
      : div(factoredForm(n2, v), factoredForm(d2, v));
  const common = factoredForm(g, v);
  trail.expr(
    result,
    `Cancel the common factor $${toLatex(common)}$ from the top and the bottom (this needs $${toLatex(common)} \\neq 0$).`,
    'cancel-common-factor',
  );
  return result;
}
