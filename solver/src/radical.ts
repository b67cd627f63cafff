/** Radical equations: isolate the root, raise both sides to its index, solve, check. */
import { unsupported } from './errors.ts';
import { eq, freeVars, num, pow } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { checkCandidates, stepClauses } from './curriculum.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { isolate, partsWith } from './isolate.ts';
import { constValue } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { solveSideBySide } from './statements.ts';
import type { Trail } from './trail.ts';
import { parseEquation } from './parse.ts';

/** The index of a root: 2 for √A, n for A^(1/n); null if `e` is no root. */
export function rootIndex(e: Expr): number | null {
  if (e.k === 'fn' && e.name === 'sqrt') return 2;
  if (e.k === 'bin' && e.op === '^') {
    const k = constValue(e.b);
    if (k !== null && k.n === 1n && k.d > 1n && k.d <= 4n && k.s > 0n) return Number(k.d);
  }
  return null;
}

export const hasRadical = (e: Equation, v: string): boolean =>
  partsWith(e.lhs, v, (x) => rootIndex(x) !== null).length +
    partsWith(e.rhs, v, (x) => rootIndex(x) !== null).length >
  0;

export function solveRadical(
  input: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  const parts = [
    ...partsWith(input.lhs, v, (x) => rootIndex(x) !== null),
    ...partsWith(input.rhs, v, (x) => rootIndex(x) !== null),
  ];
  if (parts.length !== 1)
    throw unsupported(
      'Radical equations are supported with one root of the unknown, like sqrt(2x + 7) = x + 2.',
    );
  const part = parts[0] as Expr;
  const n = rootIndex(part) as number;
  const inside = part.k === 'fn' ? part.a : (part as { a: Expr }).a;
  stepClauses(trail, [[input]], v, 'Start with the equation.', 'start');
  const iso = isolate(input, part, v);
  if (iso === null)
    throw unsupported(
      `Could not isolate $${toLatex(part)}$: write the equation as root = expression.`,
    );
  if (equationLatex(iso) !== equationLatex(input))
    stepClauses(trail, [[iso]], v, `Isolate the root $${toLatex(part)}$ on one side.`, 'isolate');
  const rhs =
    freeVars(iso.rhs).size === 0 && constValue(iso.rhs) !== null ? iso.rhs : pow(iso.rhs, num(n));
  const raised = eq(inside, freeVars(iso.rhs).size === 0 ? pow(iso.rhs, num(n)) : rhs);
  const even = n % 2 === 0;
  stepClauses(
    trail,
    [[raised]],
    v,
    even
      ? `${n === 2 ? 'Square' : `Raise to the power ${n}`} both sides to remove the root. This can add roots that do not solve the original equation, so every answer is checked at the end.`
      : `Raise both sides to the power ${n} to remove the root (an odd power keeps every solution and adds none).`,
    even ? 'square-both-sides' : 'cube-both-sides',
  );
  const results = solveSideBySide([raised], v, trail, solveOne);
  const candidates = results.flatMap((r) =>
    r.status === 'solved' && r.answer
      ? r.answer.mathjs.split(';').map((s) => parseEquation(s.trim()).rhs)
      : [],
  );
  return {
    answer: checkCandidates(candidates, v, trail, input, true),
    classification: 'radical-equation',
  };
}
