/**
 * Linear equations whose numbers include π or e: 2θ = π, x + π = 2π, 3x − e = 1. The exact
 * solver reads only rational numbers; here each constant stands as a name while the sides
 * are collected as polynomials, so the answer stays exact (θ = π/2, not 1.5707…). Every
 * step's meaning is its real solution set, which the trail checks numerically, and the
 * answer is checked against the original equation. π and e are transcendental, so a
 * coefficient that is a nonzero polynomial in them is a nonzero number: dividing by it is
 * safe.
 */
import { SolverError } from './errors.ts';
import { contains, div, eq, freeVars, mul, rat, substitute, sym } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { checkCandidates, stepClauses } from './curriculum.ts';
import type { Outcome } from './curriculum.ts';
import { divideExactly } from './multivariate.ts';
import {
  monoKey,
  padd,
  pConst,
  pIsZero,
  pneg,
  polyExpr,
  pscale,
  psub,
  toRational,
} from './poly.ts';
import type { Poly, Term } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { isInteger, ONE } from './q.ts';
import type { Trail } from './trail.ts';

/** The constants read as names, and names no user can write for them (the reader splits letters). */
const CONSTANTS = ['pi', 'e'] as const;
const nameOf = (c: string): string => `#${c}`;
const asNames = new Map(CONSTANTS.map((c) => [c, sym(nameOf(c))]));
const asConstants = new Map(CONSTANTS.map((c) => [nameOf(c), sym(c)]));

const mentions = (e: Expr, name: string): boolean =>
  contains(e, (x) => x.k === 'sym' && x.name === name);

/** a·v + b = 0 with a, b polynomials in the constants, or null when not linear so. */
function linearForm(input: Equation, v: string): { a: Poly; b: Poly } | null {
  if (!CONSTANTS.some((c) => mentions(input.lhs, c) || mentions(input.rhs, c))) return null;
  let l;
  let r;
  try {
    l = toRational(substitute(input.lhs, asNames));
    r = toRational(substitute(input.rhs, asNames));
  } catch {
    return null;
  }
  if (l === null || r === null) return null;
  const [dl, dr] = [pConst(l.den), pConst(r.den)];
  // Denominators must be plain numbers: v or a constant below a bar is another problem.
  if (dl === null || dr === null) return null;
  const p = psub(pscale(l.num, ONE.div(dl)), pscale(r.num, ONE.div(dr)));
  const a: Term[] = [];
  const b: Term[] = [];
  for (const t of p.values()) {
    const power = t.mono.find(([x]) => x === v)?.[1] ?? 0;
    if (power > 1) return null;
    if (power === 1) a.push({ mono: t.mono.filter(([x]) => x !== v), coef: t.coef });
    else b.push(t);
  }
  return { a: polyOfTerms(a), b: polyOfTerms(b) };
}

/** Terms as a polynomial. */
function polyOfTerms(terms: readonly Term[]): Poly {
  return terms.reduce<Poly>((out, t) => padd(out, new Map([[monoKey(t.mono), t]])), new Map());
}

/** Is this an equation linear in v whose coefficients hold π or e? */
export function isLinearWithConstants(input: Equation, v: string): boolean {
  if (input.rel !== '=') return false;
  const vars = [...freeVars(input.lhs), ...freeVars(input.rhs)];
  return vars.every((x) => x === v) && linearForm(input, v) !== null;
}

const back = (e: Expr): Expr => substitute(e, asConstants);

export function solveLinearWithConstants(input: Equation, v: string, trail: Trail): Outcome {
  const form = linearForm(input, v);
  if (form === null) throw new SolverError('unsupported', 'Not a linear equation with π or e');
  const { a, b } = form;
  // v cancels: π + 1 = 0 is false (π is transcendental), 0 = 0 true for every v.
  if (pIsZero(a)) {
    if (pIsZero(b))
      throw new SolverError(
        'infinitely-many',
        `Infinitely many solutions: the equation is true for every ${v}`,
      );
    throw new SolverError(
      'no-solution',
      `No solution: the ${v} terms cancel and ${toLatex(back(polyExpr(b)))} = 0 is false`,
    );
  }
  const x = sym(v);
  stepClauses(trail, [[input]], v, 'Start with the equation.', 'start');
  const rhs = pneg(b);
  const aExpr = back(polyExpr(a));
  const collected = eq(pConst(a)?.equals(ONE) ? x : mul(aExpr, x), back(polyExpr(rhs)));
  if (equationLatex(collected) !== equationLatex(input))
    stepClauses(
      trail,
      [[collected]],
      v,
      `Collect the terms with $${v}$ on the left and the rest on the right.`,
      'collect',
    );
  let root: Expr;
  const k = pConst(a);
  // (e + 1)/3 reads better than e/3 + 1/3: a whole-number divisor of a sum stays a bar.
  if (k !== null && isInteger(k) && rhs.size > 1) root = div(back(polyExpr(rhs)), rat(k));
  else if (k !== null) root = back(polyExpr(pscale(rhs, ONE.div(k))));
  else {
    const exact = divideExactly(rhs, a);
    root = exact !== null ? back(polyExpr(exact)) : div(back(polyExpr(rhs)), aExpr);
  }
  if (k === null || !k.equals(ONE))
    stepClauses(
      trail,
      [[eq(x, root)]],
      v,
      `Divide both sides by $${toLatex(aExpr)}$.`,
      'divide-both-sides',
    );
  return {
    answer: checkCandidates([root], v, trail, input, false),
    classification: 'linear-equation',
  };
}
