/**
 * Polynomial and rational inequalities by a sign chart (roots of top and bottom, the sign
 * on each piece between them), and compound statements (`a < linear <= b`, `… or …`).
 */
import { unsupported } from './errors.ts';
import { div, eq, num, sym } from './expr.ts';
import type { Equation, Expr, Relation } from './expr.ts';
import { factoredForm } from './equation.ts';
import { finishSet, solveChain, stepClauses } from './curriculum.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { c, evalC } from './numeric.ts';
import { parseEquation } from './parse.ts';
import { fromUni, pConst, polyExpr, toRational, toUni, uDeg } from './poly.ts';
import type { UPoly } from './poly.ts';
import { equationLatex, equationText, toLatex } from './print.ts';
import { isNegative } from './q.ts';
import type { Clauses } from './realset.ts';
import { clausesLatex, parseClauses, solveSideBySide } from './statements.ts';
import type { Trail } from './trail.ts';
import { flipRelation, inequalityInterval } from './verify.ts';

const valueOf = (e: Expr): number => evalC(e, new Map()).re;

/** Real roots of u = 0, exact (as the engine's equation solver writes them), in order. */
function exactRoots(u: UPoly, v: string, solveOne: SolveOne): Expr[] {
  if (uDeg(u) <= 0) return [];
  const r = solveOne(`${equationText(eq(polyExpr(fromUni(u, v)), num(0)))}`);
  if (r.status !== 'solved' || !r.answer)
    throw unsupported(
      'The critical points could not be found exactly (only polynomials whose roots the solver finds: up to quadratics after rational roots).',
    );
  return r.answer.mathjs
    .split(';')
    .map((s) => parseEquation(s.trim()).rhs)
    .filter((x) => Math.abs(evalC(x, new Map()).im) < 1e-12)
    .sort((a, b) => valueOf(a) - valueOf(b));
}

const REL_WORD: Record<string, string> = {
  '<': 'negative',
  '<=': 'negative or zero',
  '>': 'positive',
  '>=': 'positive or zero',
};

export function solveSignChart(
  input: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  const r = toRational({ k: 'bin', op: '-', a: input.lhs, b: input.rhs });
  const n = r === null ? null : toUni(r.num, v);
  const d = r === null ? null : toUni(r.den, v);
  if (r === null || n === null || d === null)
    throw unsupported(
      'Only polynomial and rational inequalities in one unknown are supported, like x^2 - x - 12 < 0.',
    );
  const rational = uDeg(d) > 0;
  stepClauses(trail, [[input]], v, 'Start with the inequality.', 'start');
  // One side 0: polynomial top (and bottom), the relation kept (a constant bottom is folded in).
  const k = pConst(r.den);
  let rel: Relation = input.rel;
  let top = n;
  if (k !== null && isNegative(k)) {
    rel = flipRelation(rel);
    top = n.map((x) => x.neg());
  }
  const topExpr = polyExpr(fromUni(top, v));
  const oneSide = rational ? div(polyExpr(fromUni(n, v)), polyExpr(fromUni(d, v))) : topExpr;
  const shown = eq(oneSide, num(0), rel);
  if (equationLatex(shown) !== equationLatex(input))
    stepClauses(
      trail,
      [[shown]],
      v,
      rational
        ? 'Bring everything to one side over one denominator, so the other side is 0.'
        : 'Bring every term to one side, so the other side is 0.',
      'move-to-one-side',
    );
  const factored = rational ? div(factoredForm(n, v), factoredForm(d, v)) : factoredForm(top, v);
  const fShown = eq(factored, num(0), rel);
  if (equationLatex(fShown) !== equationLatex(shown))
    stepClauses(
      trail,
      [[fShown]],
      v,
      'Factor, to see where the expression can change sign.',
      'factor',
    );
  const zeros = exactRoots(rational ? n : top, v, solveOne);
  const poles = rational ? exactRoots(d, v, solveOne) : [];
  const points = [
    ...zeros.map((x) => ({ x, pole: false })),
    ...poles.map((x) => ({ x, pole: true })),
  ].sort((a, b) => valueOf(a.x) - valueOf(b.x));
  const f = (t: number): number => evalC(oneSide, new Map([[v, c(t)]])).re;
  const names = points.map(
    (p) => `$${v} = ${toLatex(p.x)}$${p.pole ? ' (excluded: the bottom is 0)' : ''}`,
  );
  trail.note(
    `\\text{critical points: } ${points.length === 0 ? '\\text{none}' : points.map((p) => `${v} = ${toLatex(p.x)}`).join(',\\ ')}`,
    points.length === 0
      ? 'The expression is never 0, so its sign never changes.'
      : `The sign can change only where the ${rational ? 'top or the bottom' : 'expression'} is 0: ${names.join(', ')}.`,
    'critical-points',
    true,
  );
  // Test a point in every piece (sign chart), and decide each critical point.
  const xs = points.map((p) => valueOf(p.x));
  const tests = [
    ...xs.map((x, i) => (i === 0 ? x - 1 : ((xs[i - 1] as number) + x) / 2)),
    xs.length ? (xs.at(-1) as number) + 1 : 0,
  ];
  const sat = (y: number): boolean =>
    rel === '<' ? y < 0 : rel === '<=' ? y <= 0 : rel === '>' ? y > 0 : y >= 0;
  const pieceIn = tests.map((t) => sat(f(t)));
  const pointIn = points.map((p) => !p.pole && (rel === '<=' || rel === '>='));
  const label = (i: number): string => {
    const lo = i === 0 ? '-\\infty' : toLatex((points[i - 1] as { x: Expr }).x);
    const hi = i === points.length ? '\\infty' : toLatex((points[i] as { x: Expr }).x);
    return `(${lo}, ${hi})`;
  };
  trail.note(
    `\\text{sign chart: } ${tests.map((t, i) => `${label(i)}: ${f(t) > 0 ? '+' : '-'}`).join(',\\ ')}`,
    `Test one number in each piece: ${tests.map((t, i) => `on $${label(i)}$ the expression is ${f(t) > 0 ? 'positive' : 'negative'}`).join('; ')}. We want it ${REL_WORD[rel] ?? ''}.`,
    'sign-chart',
    true,
  );
  // Pieces and points in order; runs that hold become clauses.
  const segs: { lo: Expr | null; hi: Expr | null; inside: boolean; point: boolean }[] = [];
  for (let i = 0; i <= points.length; i++) {
    const lo = i === 0 ? null : (points[i - 1] as { x: Expr }).x;
    const hi = i === points.length ? null : (points[i] as { x: Expr }).x;
    segs.push({ lo, hi, inside: pieceIn[i] as boolean, point: false });
    if (hi !== null) segs.push({ lo: hi, hi, inside: pointIn[i] as boolean, point: true });
  }
  const clauses: Equation[][] = [];
  const x = sym(v);
  let run: { lo: Expr | null; loIn: boolean } | null = null;
  segs.forEach((sg, i) => {
    if (!sg.inside) return;
    run ??= { lo: sg.lo, loIn: sg.point };
    if (segs[i + 1]?.inside === true) return;
    const { lo, loIn } = run;
    const hi = sg.hi;
    const hiIn = sg.point;
    run = null;
    if (lo !== null && hi !== null && sg.point && lo === hi) clauses.push([eq(x, lo)]);
    else if (lo !== null && hi !== null)
      clauses.push([eq(lo, x, loIn ? '<=' : '<'), eq(x, hi, hiIn ? '<=' : '<')]);
    else if (lo !== null) clauses.push([eq(x, lo, loIn ? '>=' : '>')]);
    else if (hi !== null) clauses.push([eq(x, hi, hiIn ? '<=' : '<')]);
    else clauses.push([eq(num(0), num(0))]);
  });
  const latexAll = clauses.length === 0 ? '\\text{no solution}' : clausesLatex(clauses);
  trail.reals(
    latexAll,
    clauses,
    v,
    'Keep the pieces where the sign is the one we want (and the critical points where the expression is 0, when equality is allowed).',
    'read-sign-chart',
  );
  return {
    answer: finishSet(trail, v, clauses),
    classification: rational ? 'rational-inequality' : 'polynomial-inequality',
  };
}

/** `a < linear <= b`, or linear inequalities joined by "or". */
export function solveCompound(cls: Clauses, v: string, trail: Trail, solveOne: SolveOne): Outcome {
  stepClauses(trail, cls, v, 'Start with the inequalities.', 'start');
  const only = cls[0];
  if (cls.length === 1 && only && only.length === 2) {
    const last = solveChain(only, v, trail);
    return { answer: finishSet(trail, v, [last]), classification: 'compound-inequality' };
  }
  if (cls.every((cl) => cl.length === 1 && inequalityInterval(cl[0] as Equation, v) !== null)) {
    const results = solveSideBySide(
      cls.map((cl) => cl[0] as Equation),
      v,
      trail,
      solveOne,
    );
    const last = results.flatMap((r) =>
      r.answer ? parseClauses(r.answer.mathjs.replace(/-Infinity < \w+ < Infinity/, '0 = 0')) : [],
    );
    return { answer: finishSet(trail, v, last), classification: 'compound-inequality' };
  }
  throw unsupported(
    'Compound inequalities are supported as a < linear <= b, or linear inequalities joined by "or" (x < -1 or x > 3).',
  );
}
