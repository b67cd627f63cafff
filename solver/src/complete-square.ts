/** Completing the square: a x² + b x + c = a (x + b/2a)² + (c − b²/4a), in verified steps. */
import { unsupported } from './errors.ts';
import { add, mul, num, pow, rat, sub, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { polyExpr, pVars, toRational, toUni, fromUni } from './poly.ts';
import { toLatex } from './print.ts';
import { isZero, ONE, q } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

/** x + k, x − k or x for the square's inside. */
const shifted = (v: string, k: Q): Expr =>
  isZero(k) ? sym(v) : k.s < 0n ? sub(sym(v), rat(k.neg())) : add(sym(v), rat(k));

/** c as a signed term after a square: (x + 3)² − 4. */
const plusConst = (e: Expr, c: Q): Expr =>
  isZero(c) ? e : c.s < 0n ? sub(e, rat(c.neg())) : add(e, rat(c));

export function completeSquareSteps(e: Expr, trail: Trail): Expr {
  const r = toRational(e);
  const vars = r ? pVars(r.num) : [];
  const u = r && vars.length === 1 && r.den.size === 1 ? toUni(r.num, vars[0] as string) : null;
  if (r === null || u === null || u.length !== 3)
    throw unsupported(
      'Completing the square needs a quadratic in one variable, like complete the square x^2 + 6x + 5.',
    );
  const v = vars[0] as string;
  const d = r.den.get('')?.coef ?? ONE;
  const [c, b, a] = (u as [Q, Q, Q]).map((x) => x.div(d)) as [Q, Q, Q];
  trail.expr(e, 'Start with the quadratic.', 'start');
  const h = b.div(a.mul(q(2)));
  const k = c.sub(b.mul(b).div(a.mul(q(4))));
  if (!a.equals(ONE)) {
    trail.expr(
      plusConst(mul(rat(a), polyExpr(fromUni([ZERO_Q, b.div(a), ONE], v))), c),
      `Take out the leading coefficient $${toLatex(rat(a))}$ from the $${v}$ terms.`,
      'factor-leading',
    );
  }
  const half = h.mul(h);
  const xterms = polyExpr(fromUni([ZERO_Q, b.div(a), ONE], v));
  const added = plusConst(sub(add(xterms, rat(half)), rat(half)), c.div(a));
  if (a.equals(ONE))
    trail.expr(
      added,
      `Half of $${toLatex(rat(b.div(a)))}$ is $${toLatex(rat(h))}$; add and subtract its square $${toLatex(rat(half))}$.`,
      'add-subtract-square',
    );
  const square = pow(shifted(v, h), num(2));
  const out = a.equals(ONE) ? plusConst(square, k) : plusConst(mul(rat(a), square), k);
  trail.expr(
    out,
    `$${toLatex(polyExpr(fromUni([half, b.div(a).mul(ONE), ONE], v)))} = ${toLatex(square)}$, and the numbers left combine to $${toLatex(rat(k))}$.`,
    'write-as-square',
  );
  return out;
}

const ZERO_Q = q(0);
