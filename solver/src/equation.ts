/**
 * Equations in one variable: linear, quadratic, higher-degree polynomial (when the
 * rational roots leave at most a quadratic), and rational equations with excluded values.
 */
import { SolverError, unsupported } from './errors.ts';
import { bin, div, eq, mul, neg, num, pow, productOf, rat, sub, sym } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import {
  fromUni,
  isPolynomial,
  monic,
  pmul,
  polyExpr,
  primitive,
  pscale,
  psub,
  rationalRoots,
  rootFactors,
  termExpr,
  toRational,
  toUni,
  uDeg,
  uDivmod,
  uEval,
  uGcd,
  uMul,
} from './poly.ts';
import type { Poly, UPoly } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { bigLcm, isZero, ONE, q, sign } from './q.ts';
import type { Q } from './q.ts';
import { coefficient, isolationMoves } from './linear-moves.ts';
import { quadraticRoots } from './quadratic.ts';
import type { Trail } from './trail.ts';
import { evalC } from './numeric.ts';
import { branchesRoots, equationDenominators, rootValues, satisfies } from './verify.ts';
import type { Classification } from './types.ts';

export interface EquationSolution {
  readonly roots: Expr[];
  readonly classification: Classification;
}

const ONE_POLY: UPoly = [ONE];
const tex = (e: Expr): string => `$${toLatex(e)}$`;

function uniOf(p: Poly, v: string): UPoly {
  const u = toUni(p, v);
  if (u === null) throw unsupported('The equation has more than one variable');
  return u;
}

/** The polynomial of one side, exactly; null when the side is not a polynomial. */
function polyOf(e: Expr): Poly | null {
  const r = toRational(e);
  return r !== null && isPolynomial(r) ? pscale(r.num, ONE.div(r.den.get('')?.coef ?? ONE)) : null;
}

/** Least common multiple of the coefficient denominators. */
function coefLcd(ps: readonly Poly[]): bigint {
  let l = 1n;
  for (const p of ps) for (const t of p.values()) l = bigLcm(l, t.coef.d);
  return l;
}

/** A monic-ish polynomial written as a product of its rational linear factors when possible. */
export function factoredForm(u: UPoly, v: string): Expr {
  const { factors, rest } = rootFactors(u);
  const parts: Expr[] = [];
  for (const { root, factor, times } of factors) {
    const lin = isZero(root) ? sym(v) : polyExpr(fromUni(factor, v));
    parts.push(times === 1 ? lin : pow(lin, num(times)));
  }
  if (uDeg(rest) > 0) parts.push(polyExpr(fromUni(rest, v)));
  const k = uDeg(rest) === 0 ? (rest[0] as Q) : ONE;
  // A bare x goes in front: x(x + 1), not (x + 1)x.
  const bare = parts.findIndex(
    (p) => p.k === 'sym' || (p.k === 'bin' && p.op === '^' && p.a.k === 'sym'),
  );
  if (bare > 0) parts.unshift(...parts.splice(bare, 1));
  const body = productOf(parts);
  if (k.equals(ONE)) return body;
  if (k.equals(q(-1))) return neg(body);
  return mul(rat(k), body);
}

const rootsLatex = (v: string, roots: readonly Expr[]): Equation[] =>
  roots.map((r) => eq(sym(v), r));

export function solveEquationSteps(input: Equation, v: string, trail: Trail): EquationSolution {
  const excluded = equationDenominators(input, v);
  const isRational = uDeg(excluded) >= 1;
  trail.roots([input], v, excluded, 'Start with the equation.', 'start');
  let lhs: Poly;
  let rhs: Poly;
  if (isRational) {
    const ex = rationalRoots(excluded);
    const noted = ex.map((r) => `${v} \\neq ${toLatex(rat(r))}`);
    const irrational = uDeg(excluded) > ex.length;
    trail.note(
      irrational ? `${toLatex(polyExpr(fromUni(excluded, v)))} \\neq 0` : noted.join(',\\ '),
      'A denominator can never be zero, so these values are not allowed.',
      'excluded-values',
      ex.every((r) => isZero(uEval(excluded, r))),
    );
    const l = toRational(input.lhs);
    const r = toRational(input.rhs);
    if (l === null || r === null) throw unsupported('This equation is not a ratio of polynomials');
    const dl = monic(uniOf(l.den, v));
    const dr = monic(uniOf(r.den, v));
    const lcd = uDivmod(uMul(dl, dr), uGcd(dl, dr)).quo;
    // Both sides times the LCD: exact division, so the fractions are gone.
    const times = (side: { num: Poly; den: Poly }): Poly => {
      const den = uniOf(side.den, v);
      const { quo, rem } = uDivmod(uMul(lcd, ONE_POLY), den);
      if (rem.length !== 0)
        throw new SolverError('unverified', 'The common denominator does not divide');
      return pmul(side.num, fromUni(quo, v));
    };
    lhs = times(l);
    rhs = times(r);
    trail.roots(
      [eq(polyExpr(lhs), polyExpr(rhs))],
      v,
      excluded,
      `Multiply both sides by the common denominator ${tex(factoredForm(lcd, v))} to clear the fractions.`,
      'multiply-by-lcd',
    );
  } else {
    const l = polyOf(input.lhs);
    const r = polyOf(input.rhs);
    if (l === null || r === null)
      throw unsupported('Only polynomial and rational equations are supported');
    lhs = l;
    rhs = r;
    const shown = eq(polyExpr(lhs), polyExpr(rhs));
    if (equationLatex(shown) !== equationLatex(input)) {
      trail.roots(
        [shown],
        v,
        excluded,
        'Expand the brackets and collect like terms on each side.',
        'simplify-sides',
      );
    }
  }
  const lcdCoef = coefLcd([lhs, rhs]);
  if (lcdCoef !== 1n) {
    lhs = pscale(lhs, q(lcdCoef));
    rhs = pscale(rhs, q(lcdCoef));
    trail.roots(
      [eq(polyExpr(lhs), polyExpr(rhs))],
      v,
      excluded,
      `Multiply both sides by ${lcdCoef} to clear the fractions.`,
      'clear-fractions',
    );
  }
  const p = uniOf(psub(lhs, rhs), v);
  const deg = uDeg(p);
  let roots: Expr[];
  let cls: Classification;
  if (deg <= 1) {
    roots = solveLinear(lhs, rhs, v, excluded, trail);
    cls = 'linear-equation';
  } else if (deg === 2) {
    roots = solveQuadratic(p, v, excluded, trail, !isZeroPoly(rhs) || !equalUni(uniOf(lhs, v), p));
    cls = 'quadratic-equation';
  } else {
    roots = solvePolynomial(p, v, excluded, trail, !isZeroPoly(rhs));
    cls = 'polynomial-equation';
  }
  if (isRational) {
    cls = 'rational-equation';
    const kept = roots.filter((r) => {
      const val = evalC(r, new Map());
      return !(Math.abs(val.im) < 1e-12 && Math.abs(uEvalNum(excluded, val.re)) < 1e-9);
    });
    if (kept.length !== roots.length) {
      const dropped = roots.filter((r) => !kept.includes(r));
      const expl = `${dropped.map((r) => `$${v} = ${toLatex(r)}$`).join(' and ')} would make a denominator zero, so ${dropped.length > 1 ? 'they are' : 'it is'} not a solution.`;
      if (kept.length === 0) {
        trail.note(`\\text{no solution}`, expl, 'reject-excluded', true);
        throw new SolverError(
          'no-solution',
          `No solution: ${dropped.map((r) => `${v} = ${toLatex(r)}`).join(', ')} is excluded because it makes a denominator zero`,
        );
      }
      trail.roots(rootsLatex(v, kept), v, excluded, expl, 'reject-excluded');
      roots = kept;
    }
  }
  // Final check: every answer satisfies the original equation (both sides defined, equal).
  for (const r of roots) {
    if (!satisfies(input, new Map([[v, evalC(r, new Map())]]))) {
      throw new SolverError(
        'unverified',
        `The answer ${v} = ${toLatex(r)} does not satisfy the equation`,
      );
    }
  }
  // ...and they are all of its solutions.
  const all = branchesRoots([input], v, excluded);
  if (all === null || all.kind === 'all' || rootValues(all).length !== roots.length) {
    throw new SolverError(
      'unverified',
      'The answers are not exactly the solutions of the equation',
    );
  }
  return { roots, classification: cls };
}

function uEvalNum(u: UPoly, x: number): number {
  let r = 0;
  for (let k = u.length - 1; k >= 0; k--) r = r * x + (u[k] as Q).valueOf();
  return r;
}

const isZeroPoly = (p: Poly): boolean => p.size === 0;
const equalUni = (a: UPoly, b: UPoly): boolean =>
  a.length === b.length && a.every((x, i) => x.equals(b[i] as Q));

const coef = coefficient;

function solveLinear(lhs: Poly, rhs: Poly, v: string, excluded: UPoly, trail: Trail): Expr[] {
  const a = coef(lhs, v, 1).sub(coef(rhs, v, 1));
  const b = coef(rhs, v, 0).sub(coef(lhs, v, 0));
  if (isZero(a)) {
    const shown = eq(rat(coef(lhs, v, 0)), rat(coef(rhs, v, 0)));
    trail.roots(
      [shown],
      v,
      excluded,
      `The ${v} terms cancel out on both sides.`,
      'cancel-variable',
    );
    if (isZero(b))
      throw new SolverError(
        'infinitely-many',
        `Infinitely many solutions: the equation is true for every ${v}`,
      );
    throw new SolverError(
      'no-solution',
      `No solution: the equation simplifies to ${toLatex(shown.lhs)} = ${toLatex(shown.rhs)}, which is false`,
    );
  }
  const moves = isolationMoves(lhs, rhs, v);
  const isolated = eq(termExpr(a, [[v, 1]]), rat(b));
  if (moves !== null) {
    trail.roots(
      [isolated],
      v,
      excluded,
      `${moves}, so the ${v} terms are on the left and the numbers on the right.`,
      'move-terms',
    );
  }
  const root = b.div(a);
  if (!a.equals(ONE)) {
    trail.roots(
      [eq(sym(v), rat(root))],
      v,
      excluded,
      `Divide both sides by ${tex(rat(a))}.`,
      'divide-both-sides',
    );
  }
  return [rat(root)];
}

function integerize(u: UPoly): { ints: bigint[]; factor: Q } {
  const ints = primitive(u);
  const lead = u[u.length - 1] as Q;
  return { ints, factor: q(ints[ints.length - 1] as bigint).div(lead) };
}

function solveQuadratic(p: UPoly, v: string, excluded: UPoly, trail: Trail, move: boolean): Expr[] {
  if (move) {
    trail.roots(
      [eq(polyExpr(fromUni(p, v)), num(0))],
      v,
      excluded,
      'Move every term to the left side, so the right side is 0.',
      'move-to-one-side',
    );
  }
  const { ints, factor } = integerize(p);
  const [c0, b0, a0] = ints as [bigint, bigint, bigint];
  const std = fromUni(
    ints.map((x) => q(x)),
    v,
  );
  if (!factor.equals(ONE)) {
    const inv = ONE.div(factor);
    const why = factor.equals(q(-1))
      ? `Multiply both sides by $-1$ so the $${v}^2$ term is positive.`
      : inv.d === 1n
        ? `Divide both sides by ${tex(rat(inv))} to make the numbers smaller${sign(inv) < 0 ? ` and the $${v}^2$ term positive` : ''}.`
        : `Multiply both sides by ${tex(rat(factor))} to get whole-number coefficients with a positive $${v}^2$ term.`;
    trail.roots([eq(polyExpr(std), num(0))], v, excluded, why, 'scale-equation');
  }
  const x = sym(v);
  if (c0 === 0n && b0 !== 0n) {
    const inner = polyExpr(fromUni([q(b0), q(a0)], v));
    trail.roots(
      [eq(mul(x, inner), num(0))],
      v,
      excluded,
      `Take out the common factor ${tex(x)}.`,
      'common-factor',
    );
    trail.roots(
      [eq(x, num(0)), eq(inner, num(0))],
      v,
      excluded,
      'A product is zero only when one of its factors is zero.',
      'zero-product',
    );
    const r = q(-b0, a0);
    const roots = [num(0), rat(r)].sort((m, n) => evalC(m, new Map()).re - evalC(n, new Map()).re);
    trail.roots(rootsLatex(v, roots), v, excluded, 'Solve each small equation.', 'solve-each');
    return roots;
  }
  const rr = rationalRoots(ints.map((k) => q(k)));
  if (rr.length > 0) {
    const form = factoredForm(
      ints.map((k) => q(k)),
      v,
    );
    trail.roots(
      [eq(form, num(0))],
      v,
      excluded,
      rr.length === 1 ? 'Factor: the left side is a perfect square.' : 'Factor the left side.',
      'factor',
    );
    if (rr.length === 1) {
      trail.roots(
        [eq(sym(v), rat(rr[0] as Q))],
        v,
        excluded,
        'A square is zero only when the number being squared is zero.',
        'zero-product',
      );
      return [rat(rr[0] as Q)];
    }
    const lin = rr.map((r) => polyExpr(fromUni([q(-r.n * r.s), q(r.d)], v)));
    trail.roots(
      lin.map((l) => eq(l, num(0))),
      v,
      excluded,
      'A product is zero only when one of its factors is zero.',
      'zero-product',
    );
    const roots = rr.map(rat);
    trail.roots(rootsLatex(v, roots), v, excluded, 'Solve each small equation.', 'solve-each');
    return roots;
  }
  const qr = quadraticRoots(a0, b0, c0);
  if (b0 === 0n) {
    const rhsQ = q(-c0, a0);
    trail.roots(
      [eq(pow(x, num(2)), rat(rhsQ))],
      v,
      excluded,
      `Get ${tex(pow(x, num(2)))} on its own: move the number across and divide by ${a0}.`,
      'isolate-square',
    );
    const why =
      sign(rhsQ) < 0
        ? `Take the square root of both sides. The number is negative, so the roots are imaginary (using $i = \\sqrt{-1}$); there are two, with opposite signs.`
        : 'Take the square root of both sides; there are two roots, with opposite signs.';
    trail.roots(rootsLatex(v, qr.roots), v, excluded, why, 'square-root');
    return qr.roots;
  }
  const A = num(q(a0));
  const Bn = b0 < 0n ? neg(num(q(-b0))) : num(q(b0));
  const Cn = c0 < 0n ? neg(num(q(-c0))) : num(q(c0));
  const formula = div(
    bin('±', neg(Bn), { k: 'fn', name: 'sqrt', a: sub(pow(Bn, num(2)), mul(mul(num(4), A), Cn)) }),
    mul(num(2), A),
  );
  trail.roots(
    [eq(x, formula)],
    v,
    excluded,
    `It does not factor nicely, so use the quadratic formula $${v} = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$ with $a = ${a0}$, $b = ${b0}$, $c = ${c0}$.`,
    'quadratic-formula',
  );
  const D = qr.discriminant;
  const Dexpr = D < 0n ? neg(num(q(-D))) : num(q(D));
  const minusB = b0 > 0n ? neg(num(q(b0))) : num(q(-b0));
  trail.roots(
    [eq(x, div(bin('±', minusB, { k: 'fn', name: 'sqrt', a: Dexpr }), num(q(2n * a0))))],
    v,
    excluded,
    `Work out the discriminant: $b^2 - 4ac = ${D}$.`,
    'discriminant',
  );
  const why =
    D < 0n
      ? `The discriminant is negative, so there are no real solutions. Using $i = \\sqrt{-1}$: $\\sqrt{${D}} = ${toLatex(qr.sqrtD)}$, which gives two complex solutions.`
      : `Simplify: $\\sqrt{${D}} = ${toLatex(qr.sqrtD)}$, then divide by the common factor where possible.`;
  const unchanged =
    qr.pm !== null &&
    toLatex(qr.pm) ===
      toLatex(div(bin('±', minusB, { k: 'fn', name: 'sqrt', a: Dexpr }), num(q(2n * a0))));
  if (qr.pm !== null && !unchanged) {
    trail.roots([eq(x, qr.pm)], v, excluded, why, D < 0n ? 'complex-roots' : 'simplify-root');
    trail.roots(
      rootsLatex(v, qr.roots),
      v,
      excluded,
      'Write the two solutions separately: one with +, one with −.',
      'split-plus-minus',
    );
  } else if (unchanged) {
    trail.roots(
      rootsLatex(v, qr.roots),
      v,
      excluded,
      'Write the two solutions separately: one with +, one with −.',
      'split-plus-minus',
    );
  } else {
    trail.roots(
      rootsLatex(v, qr.roots),
      v,
      excluded,
      `${why} Write the two solutions separately.`,
      D < 0n ? 'complex-roots' : 'simplify-root',
    );
  }
  return qr.roots;
}

function solvePolynomial(
  p: UPoly,
  v: string,
  excluded: UPoly,
  trail: Trail,
  move: boolean,
): Expr[] {
  if (move) {
    trail.roots(
      [eq(polyExpr(fromUni(p, v)), num(0))],
      v,
      excluded,
      'Move every term to the left side, so the right side is 0.',
      'move-to-one-side',
    );
  }
  const { ints } = integerize(p);
  const u = ints.map((k) => q(k));
  const rr = rationalRoots(u);
  let rest = u;
  for (const r of rr) {
    const f = [q(-r.n * r.s), q(r.d)];
    for (;;) {
      const { quo, rem } = uDivmod(rest, f);
      if (rem.length !== 0) break;
      rest = quo;
    }
  }
  if (uDeg(rest) > 2)
    throw unsupported(
      'Polynomial equations of degree 3 or more are solved only when rational roots leave at most a quadratic',
    );
  trail.roots(
    [eq(factoredForm(u, v), num(0))],
    v,
    excluded,
    `Factor: try the divisors of the constant term as roots; ${rr.map((r) => `$${v} = ${toLatex(rat(r))}$`).join(', ')} ${rr.length > 1 ? 'work' : 'works'}.`,
    'factor-by-roots',
  );
  const branches: Equation[] = rr.map((r) =>
    eq(polyExpr(fromUni([q(-r.n * r.s), q(r.d)], v)), num(0)),
  );
  if (uDeg(rest) === 2) branches.push(eq(polyExpr(fromUni(rest, v)), num(0)));
  trail.roots(
    branches,
    v,
    excluded,
    'A product is zero only when one of its factors is zero.',
    'zero-product',
  );
  const roots: Expr[] = rr.map(rat);
  if (uDeg(rest) === 2) {
    const { ints: qi } = integerize(rest);
    const [c2, b2, a2] = qi as [bigint, bigint, bigint];
    roots.push(...quadraticRoots(a2, b2, c2).roots);
  }
  trail.roots(
    rootsLatex(v, roots),
    v,
    excluded,
    uDeg(rest) === 2
      ? 'Solve each factor; the quadratic one with the quadratic formula.'
      : 'Solve each small equation.',
    'solve-each',
  );
  return roots;
}

/** Which kind of one-variable equation this is, before solving it. */
export function classifyEquation(input: Equation, v: string): Classification {
  try {
    if (uDeg(equationDenominators(input, v)) >= 1) return 'rational-equation';
    const l = polyOf(input.lhs);
    const r = polyOf(input.rhs);
    if (l === null || r === null) return 'unknown';
    const d = uDeg(uniOf(psub(l, r), v));
    return d <= 1 ? 'linear-equation' : d === 2 ? 'quadratic-equation' : 'polynomial-equation';
  } catch {
    return 'unknown';
  }
}
