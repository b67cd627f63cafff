/** Fractions of polynomials in several variables: divide exactly, show the factor, cancel. */
import { unsupported } from './errors.ts';
import { div, mul, num } from './expr.ts';
import { toLatex } from './print.ts';
import type { Expr } from './expr.ts';
import { padd, pIsZero, pmul, polyExpr, psub, toRational } from './poly.ts';
import type { Mono, Poly, Term } from './poly.ts';
import type { Trail } from './trail.ts';

/** Lexicographic order on monomials (by variable name, then exponent). */
function lexCompare(a: Mono, b: Mono): number {
  const vars = [...new Set([...a, ...b].map(([v]) => v))].sort();
  for (const v of vars) {
    const ea = a.find(([x]) => x === v)?.[1] ?? 0;
    const eb = b.find(([x]) => x === v)?.[1] ?? 0;
    if (ea !== eb) return ea - eb;
  }
  return 0;
}

const leading = (p: Poly): Term =>
  [...p.values()].reduce((best, t) => (lexCompare(t.mono, best.mono) > 0 ? t : best));

/** m / d when d divides m, else null. */
function monoDiv(m: Mono, d: Mono): Mono | null {
  const out = new Map<string, number>(m);
  for (const [v, e] of d) {
    const have = out.get(v) ?? 0;
    if (have < e) return null;
    if (have === e) out.delete(v);
    else out.set(v, have - e);
  }
  return [...out.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Most division steps (a bound far above school sizes, so a bad input cannot spin). */
const MAX_DIVISION_STEPS = 500;

/** a / b as a polynomial when b divides a exactly (multivariate division in lex order). */
export function divideExactly(a: Poly, b: Poly): Poly | null {
  if (pIsZero(b)) return null;
  const lb = leading(b);
  let rem = a;
  let quo: Poly = new Map();
  for (let k = 0; k < MAX_DIVISION_STEPS && !pIsZero(rem); k++) {
    const lr = leading(rem);
    const m = monoDiv(lr.mono, lb.mono);
    if (m === null) return null;
    const t: Poly = new Map([
      [m.map(([v, e]) => `${v}^${e}`).join('*'), { mono: m, coef: lr.coef.div(lb.coef) }],
    ]);
    quo = padd(quo, t);
    rem = psub(rem, pmul(t, b));
  }
  return pIsZero(rem) ? quo : null;
}

export function simplifySeveralSteps(e: Expr, trail: Trail): Expr {
  const r = toRational(e);
  if (r === null)
    throw unsupported('Only fractions of polynomials can be simplified in several variables.');
  const qd = divideExactly(r.num, r.den);
  const qn = qd === null ? divideExactly(r.den, r.num) : null;
  if (qd === null && qn === null)
    throw unsupported(
      'This fraction in several variables does not reduce by dividing top by bottom, and the solver cannot find a common factor for it yet; try a fraction like (x^2 - y^2)/(x + y).',
    );
  trail.expr(e, 'Start with the expression.', 'start');
  const top = polyExpr(r.num);
  const bottom = polyExpr(r.den);
  if (qd !== null) {
    trail.expr(
      div(mul(bottom, polyExpr(qd)), bottom),
      `Factor the top: dividing it by $${toLatex(bottom)}$ leaves $${toLatex(polyExpr(qd))}$ exactly.`,
      'factor',
    );
    const out = polyExpr(qd);
    trail.expr(
      out,
      `Cancel the common factor $${toLatex(bottom)}$ (for values where it is not 0).`,
      'cancel',
    );
    return out;
  }
  const rest = polyExpr(qn as Poly);
  trail.expr(
    div(top, mul(top, rest)),
    `Factor the bottom: dividing it by $${toLatex(top)}$ leaves $${toLatex(rest)}$ exactly.`,
    'factor',
  );
  const out = div(num(1), rest);
  trail.expr(
    out,
    `Cancel the common factor $${toLatex(top)}$ (for values where it is not 0).`,
    'cancel',
  );
  return out;
}
