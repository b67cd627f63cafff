/**
 * Statements in one real variable beyond polynomials: the shared pieces (a step as a real
 * set, finishing with roots or intervals, chained linear inequalities).
 */
import { SolverError, unsupported } from './errors.ts';
import { eq, freeVars, rat, sym } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { c, evalC } from './numeric.ts';
import { parseEquation } from './parse.ts';
import { constValue, toRational, toUni } from './poly.ts';
import { toLatex } from './print.ts';
import { isNegative, isZero, ONE, ZERO } from './q.ts';
import { realSetOf, sameRealSet, setPoints } from './realset.ts';
import type { Clauses } from './realset.ts';
import {
  clausesLatex,
  intervalAnswer,
  OR_TEX,
  rootsAnswerOf,
  solveSideBySide,
} from './statements.ts';
import type { Trail } from './trail.ts';
import type { Answer, Classification, SolveResult } from './types.ts';

export type SolveOne = (input: string) => SolveResult;

export interface Outcome {
  readonly answer: Answer;
  readonly classification?: Classification;
}

export function stepClauses(
  trail: Trail,
  clauses: Clauses,
  v: string,
  explanation: string,
  rule: string,
): void {
  trail.reals(clausesLatex(clauses), clauses, v, explanation, rule);
}

/** Tolerance for matching a numeric root to an exact candidate. */
const MATCH_TOLERANCE = 1e-7;

const valueOf = (e: Expr): number => {
  const z = evalC(e, new Map());
  return Math.abs(z.im) < 1e-12 ? z.re : NaN;
};

/** Real roots of branch answers ("x = 2; x = 3"), deduplicated. */
function branchRoots(results: readonly SolveResult[]): Expr[] {
  const out: Expr[] = [];
  for (const r of results) {
    if (r.status !== 'solved' || !r.answer) continue;
    for (const part of r.answer.mathjs.split(';')) {
      const e = parseEquation(part.trim());
      const x = valueOf(e.rhs);
      if (!Number.isFinite(x)) continue; // complex roots are not real solutions
      const exact = constValue(e.rhs);
      if (!out.some((y) => Math.abs(valueOf(y) - x) < MATCH_TOLERANCE))
        out.push(exact === null ? e.rhs : rat(exact));
    }
  }
  return out.sort((a, b) => valueOf(a) - valueOf(b));
}

/** Does v = x make the original statement true (both sides real and equal)? */
function holdsAt(input: Equation, v: string, x: number): boolean {
  const env = new Map([[v, c(x)]]);
  const l = evalC(input.lhs, env);
  const r = evalC(input.rhs, env);
  const real = (z: { re: number; im: number }): boolean =>
    Number.isFinite(z.re) && Math.abs(z.im) < 1e-9 * Math.max(1, Math.abs(z.re));
  return real(l) && real(r) && Math.abs(l.re - r.re) <= 1e-8 * Math.max(1, Math.abs(l.re));
}

/**
 * Finish with the roots of the cases (solved side by side). With `check`, an earlier step
 * may have added roots (squaring, |A| = B(x)): each candidate is put into the original
 * and the ones that fail are rejected, saying so.
 */
export function finishRoots(
  cases: readonly Equation[],
  v: string,
  trail: Trail,
  solveOne: SolveOne,
  input: Equation,
  check = false,
): { answer: Answer } {
  const results = solveSideBySide(cases, v, trail, solveOne);
  return { answer: checkCandidates(branchRoots(results), v, trail, input, check) };
}

export function checkCandidates(
  candidates: readonly Expr[],
  v: string,
  trail: Trail,
  input: Equation,
  check: boolean,
): Answer {
  let roots = [...candidates];
  if (check) {
    const kept = roots.filter((r) => holdsAt(input, v, valueOf(r)));
    const rejected = roots.filter((r) => !kept.includes(r));
    const lines = roots.map(
      (r) =>
        `$${v} = ${toLatex(r)}$ ${kept.includes(r) ? 'makes the original true' : 'does not satisfy the original equation: it is an extraneous root, rejected'}`,
    );
    const why =
      roots.length === 0
        ? 'There is no candidate to check.'
        : `Check each candidate in the original equation: ${lines.join('; ')}.`;
    const latex =
      kept.length === 0
        ? '\\text{no solution}'
        : kept.map((r) => `${v} = ${toLatex(r)}`).join(OR_TEX);
    trail.reals(
      latex,
      kept.map((r) => [eq(sym(v), r)]),
      v,
      rejected.length > 0 || kept.length === 0 ? why : `${why} No root is rejected.`,
      'reject-extraneous',
    );
    roots = kept;
  }
  const first = trail.firstSet();
  const got = realSetOf(
    roots.map((r) => [eq(sym(v), r)]),
    v,
  );
  if (first === null || got === null || !sameRealSet(first, got))
    throw new SolverError('unverified', 'The roots do not satisfy the original equation');
  if (roots.length === 0)
    throw new SolverError('no-solution', 'No solution: no candidate satisfies the equation');
  return rootsAnswerOf(roots, v);
}

function constantsIn(cls: Clauses): Expr[] {
  return cls.flat().flatMap((e) => [e.lhs, e.rhs].filter((x) => freeVars(x).size === 0));
}

/** The answer for the last clauses shown, which must have the problem's own solution set. */
export function finishSet(trail: Trail, v: string, last: Clauses): Answer {
  const set = realSetOf(last, v);
  const first = trail.firstSet();
  if (set === null || first === null || !sameRealSet(set, first))
    throw new SolverError('unverified', 'The final intervals do not match the problem');
  if (set.length === 0) {
    throw new SolverError('no-solution', 'No solution: no number satisfies the inequality');
  }
  const points = setPoints(set);
  const known = constantsIn(last);
  const bound = (x: number): Expr => {
    const m = known.find(
      (k) => Math.abs(valueOf(k) - x) < MATCH_TOLERANCE * Math.max(1, Math.abs(x)),
    );
    if (m === undefined) throw new SolverError('unverified', 'An endpoint has no exact form');
    return m;
  };
  if (points !== null) return rootsAnswerOf(points.map(bound), v);
  return intervalAnswer(set, v, bound);
}

/** `lo rel A rel hi` with A linear in v: the same operation on all three parts. */
export function solveChain(clause: readonly Equation[], v: string, trail: Trail): Equation[] {
  const [left, right] = clause as [Equation, Equation];
  const lo = constValue(left.lhs);
  const hi = constValue(right.rhs);
  const r = toRational(left.rhs);
  const u = r === null ? null : toUni(r.num, v);
  const den = r === null ? null : toUni(r.den, v);
  if (
    lo === null ||
    hi === null ||
    u === null ||
    den === null ||
    den.length !== 1 ||
    u.length !== 2
  )
    throw unsupported('Compound inequalities are supported as number < ax + b < number.');
  const d = den[0] as NonNullable<(typeof den)[number]>;
  const a = (u[1] as NonNullable<(typeof u)[number]>).div(d);
  const b = (u[0] ?? ZERO).div(d);
  let l = lo;
  let h = hi;
  const x = sym(v);
  if (!isZero(b)) {
    l = l.sub(b);
    h = h.sub(b);
    const mid = a.equals(ONE) ? x : { k: 'bin' as const, op: '*' as const, a: rat(a), b: x };
    stepClauses(
      trail,
      [[eq(rat(l), mid, left.rel), eq(mid, rat(h), right.rel)]],
      v,
      `${isNegative(b) ? 'Add' : 'Subtract'} $${toLatex(rat(b.abs()))}$ ${isNegative(b) ? 'to' : 'from'} all three parts.`,
      'move-terms',
    );
  }
  if (a.equals(ONE)) return [eq(rat(l), x, left.rel), eq(x, rat(h), right.rel)];
  const out = isNegative(a)
    ? [eq(rat(h.div(a)), x, right.rel), eq(x, rat(l.div(a)), left.rel)]
    : [eq(rat(l.div(a)), x, left.rel), eq(x, rat(h.div(a)), right.rel)];
  stepClauses(
    trail,
    [out],
    v,
    isNegative(a)
      ? `Divide all three parts by $${toLatex(rat(a))}$; dividing by a negative number flips both signs, so the parts swap ends.`
      : `Divide all three parts by $${toLatex(rat(a))}$ (positive, so the signs stay).`,
    isNegative(a) ? 'divide-by-negative-flip' : 'divide-both-sides',
  );
  return out;
}
