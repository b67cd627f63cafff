/** Linear inequalities in one variable; dividing by a negative number flips the sign. */
import { SolverError, unsupported } from './errors.ts';
import { eq, rat, sym } from './expr.ts';
import type { Equation, Expr, Relation } from './expr.ts';
import { isPolynomial, polyExpr, pscale, termExpr, toRational } from './poly.ts';
import type { Poly } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { bigLcm, isNegative, isZero, ONE, q } from './q.ts';
import { coefficient, isolationMoves } from './linear-moves.ts';
import type { Trail } from './trail.ts';
import { flipRelation, inequalityInterval } from './verify.ts';

const tex = (e: Expr): string => `$${toLatex(e)}$`;

function polyOf(e: Expr): Poly {
  const r = toRational(e);
  if (r === null || !isPolynomial(r)) throw unsupported('Only linear inequalities are supported');
  return pscale(r.num, ONE.div(r.den.get('')?.coef ?? ONE));
}

const coef = coefficient;

export interface InequalitySolution {
  readonly answer: Equation | 'all';
}

export function solveInequalitySteps(input: Equation, v: string, trail: Trail): InequalitySolution {
  if (input.rel === '=' || input.rel === '!=') throw unsupported('Not an inequality');
  if (inequalityInterval(input, v) === null)
    throw unsupported('Only linear inequalities in one variable are supported');
  trail.inequality(input, v, 'Start with the inequality.', 'start');
  let lhs = polyOf(input.lhs);
  let rhs = polyOf(input.rhs);
  let rel: Relation = input.rel;
  const shown = eq(polyExpr(lhs), polyExpr(rhs), rel);
  if (equationLatex(shown) !== equationLatex(input)) {
    trail.inequality(
      shown,
      v,
      'Expand the brackets and collect like terms on each side.',
      'simplify-sides',
    );
  }
  let l = 1n;
  for (const p of [lhs, rhs]) for (const t of p.values()) l = bigLcm(l, t.coef.d);
  if (l !== 1n) {
    lhs = pscale(lhs, q(l));
    rhs = pscale(rhs, q(l));
    trail.inequality(
      eq(polyExpr(lhs), polyExpr(rhs), rel),
      v,
      `Multiply both sides by ${l} to clear the fractions (a positive number, so the sign stays).`,
      'clear-fractions',
    );
  }
  const a = coef(lhs, v, 1).sub(coef(rhs, v, 1));
  const b = coef(rhs, v, 0).sub(coef(lhs, v, 0));
  if (isZero(a)) {
    const s = eq(rat(coef(lhs, v, 0)), rat(coef(rhs, v, 0)), rel);
    trail.inequality(s, v, `The ${v} terms cancel out on both sides.`, 'cancel-variable');
    const interval = inequalityInterval(s, v);
    if (interval?.kind === 'all') return { answer: 'all' };
    throw new SolverError(
      'no-solution',
      `No solution: ${toLatex(s.lhs)} ${rel} ${toLatex(s.rhs)} is never true`,
    );
  }
  const moves = isolationMoves(lhs, rhs, v);
  if (moves !== null) {
    trail.inequality(
      eq(termExpr(a, [[v, 1]]), rat(b), rel),
      v,
      `${moves} (adding or subtracting never changes the sign).`,
      'move-terms',
    );
  }
  if (!a.equals(ONE)) {
    const negative = isNegative(a);
    const before = rel;
    if (negative) rel = flipRelation(rel);
    const why = negative
      ? `Divide both sides by ${tex(rat(a))}. Dividing by a negative number flips the inequality sign: $${relTex(before)}$ becomes $${relTex(rel)}$.`
      : `Divide both sides by ${tex(rat(a))} (a positive number, so the sign stays).`;
    trail.inequality(
      eq(sym(v), rat(b.div(a)), rel),
      v,
      why,
      negative ? 'divide-by-negative-flip' : 'divide-both-sides',
    );
  }
  return { answer: eq(sym(v), rat(b.div(a)), rel) };
}

const relTex = (r: Relation): string =>
  ({ '<': '<', '<=': '\\le', '>': '>', '>=': '\\ge', '=': '=', '!=': '\\neq' })[r];
