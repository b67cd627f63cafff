/** Absolute value equations and inequalities, by cases. */
import { SolverError, unsupported } from './errors.ts';
import { eq, freeVars, neg } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { isolate, partsWith } from './isolate.ts';
import { constValue } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { sign } from './q.ts';
import { clausesLatex, parseClauses, solveSideBySide } from './statements.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { finishRoots, finishSet, solveChain, stepClauses } from './curriculum.ts';
import type { Trail } from './trail.ts';

const isAbs = (x: Expr): boolean => x.k === 'fn' && x.name === 'abs';

export function solveAbsolute(
  input: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  const inequality = input.rel !== '=';
  const classification = inequality ? 'absolute-value-inequality' : 'absolute-value-equation';
  stepClauses(
    trail,
    [[input]],
    v,
    `Start with the ${inequality ? 'inequality' : 'equation'}.`,
    'start',
  );
  const parts = [...partsWith(input.lhs, v, isAbs), ...partsWith(input.rhs, v, isAbs)];
  // |A| = |B|: the insides are equal or opposite.
  if (!inequality && parts.length === 2 && isAbs(input.lhs) && isAbs(input.rhs)) {
    const a = (input.lhs as { a: Expr }).a;
    const b = (input.rhs as { a: Expr }).a;
    const cases = [eq(a, b), eq(a, neg(b))];
    stepClauses(
      trail,
      cases.map((c) => [c]),
      v,
      `Two absolute values are equal when the insides are equal or opposite: $${toLatex(a)} = ${toLatex(b)}$ or $${toLatex(a)} = -\\left(${toLatex(b)}\\right)$.`,
      'split-cases',
    );
    return { ...finishRoots(cases, v, trail, solveOne, input), classification };
  }
  if (parts.length !== 1)
    throw unsupported(
      'Only equations with one absolute value |…| (or |A| = |B|) are supported; try writing it as |expression| = number.',
    );
  const part = parts[0] as Expr;
  const inside = (part as { a: Expr }).a;
  const iso = isolate(input, part, v);
  if (iso === null)
    throw unsupported(
      `Could not isolate $${toLatex(part)}$: write it as |expression| = number or |expression| < number.`,
    );
  if (equationLatex(iso) !== equationLatex(input))
    stepClauses(
      trail,
      [[iso]],
      v,
      `Isolate the absolute value $${toLatex(part)}$ on one side.`,
      'isolate',
    );
  const b = iso.rhs;
  const k = freeVars(b).has(v) ? null : constValue(b);
  if (!inequality) {
    if (k === null) {
      // |A| = B(x): the cases may add roots where B is negative; they are checked at the end.
      const cases = [eq(inside, b), eq(inside, neg(b))];
      stepClauses(
        trail,
        cases.map((c) => [c]),
        v,
        `Split into two cases, $${toLatex(inside)} = ${toLatex(b)}$ or $${toLatex(inside)} = -\\left(${toLatex(b)}\\right)$; an absolute value is never negative, so each answer must make $${toLatex(b)} \\ge 0$ (checked at the end).`,
        'split-cases-check',
      );
      return { ...finishRoots(cases, v, trail, solveOne, input, true), classification };
    }
    if (sign(k) < 0) {
      trail.note(
        '\\text{no solution}',
        `An absolute value is never negative, so it cannot equal $${toLatex(b)}$.`,
        'never-negative',
        true,
      );
      throw new SolverError('no-solution', `No solution: $${toLatex(part)}$ is never negative`);
    }
    const cases = sign(k) === 0 ? [eq(inside, b)] : [eq(inside, b), eq(inside, neg(b))];
    stepClauses(
      trail,
      cases.map((c) => [c]),
      v,
      sign(k) === 0
        ? `An absolute value is 0 only when the inside is 0.`
        : `An absolute value equals $${toLatex(b)}$ when the inside is $${toLatex(b)}$ or $-${toLatex(b)}$.`,
      'split-cases',
    );
    return { ...finishRoots(cases, v, trail, solveOne, input), classification };
  }
  if (k === null)
    throw unsupported(
      'Absolute value inequalities are supported with a number on the other side, like |2x - 1| < 5.',
    );
  const less = iso.rel === '<' || iso.rel === '<=';
  if (less) {
    if (sign(k) < 0 || (sign(k) === 0 && iso.rel === '<')) {
      trail.note(
        '\\text{no solution}',
        `An absolute value is never negative, so it is never ${iso.rel === '<' ? 'less than' : 'at most'} $${toLatex(b)}$.`,
        'never-negative',
        true,
      );
      throw new SolverError('no-solution', `No solution: $${toLatex(part)}$ is never negative`);
    }
    const lo = neg(b);
    const clause = [eq(lo, inside, iso.rel), eq(inside, b, iso.rel)];
    stepClauses(
      trail,
      [clause],
      v,
      `$${toLatex(part)} ${iso.rel === '<' ? '<' : '\\le'} ${toLatex(b)}$ means the inside lies between $-${toLatex(b)}$ and $${toLatex(b)}$: ${clausesLatex([clause]).replace(/^/, '$')}$.`,
      'between',
    );
    const last = solveChain(clause, v, trail);
    return { answer: finishSet(trail, v, [last]), classification };
  }
  if (sign(k) < 0) {
    trail.note(
      '\\text{all real numbers}',
      `An absolute value is never negative, so it is always greater than $${toLatex(b)}$.`,
      'never-negative',
      true,
    );
    return { answer: finishSet(trail, v, [[eq(b, b, '=')]]), classification };
  }
  const cases = [eq(inside, neg(b), iso.rel === '>' ? '<' : '<='), eq(inside, b, iso.rel)];
  stepClauses(
    trail,
    cases.map((c) => [c]),
    v,
    `$${toLatex(part)} ${iso.rel === '>' ? '>' : '\\ge'} ${toLatex(b)}$ means the inside is beyond $-${toLatex(b)}$ or beyond $${toLatex(b)}$.`,
    'split-cases',
  );
  const results = solveSideBySide2(cases, v, trail, solveOne);
  return { answer: finishSet(trail, v, results), classification };
}

/** Solve linear inequality cases side by side; the final clauses. */
function solveSideBySide2(
  cases: Equation[],
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Equation[][] {
  const results = solveSideBySide(cases, v, trail, solveOne);
  return results.flatMap((r) =>
    r.answer ? parseClauses(r.answer.mathjs.replace(/-Infinity < \w+ < Infinity/, '0 = 0')) : [],
  );
}
