/** Non-linear systems of two equations by substitution: solve the linear one, substitute, back-substitute. */
import { SolverError, unsupported } from './errors.ts';
import { eq, freeVars, rat, substitute } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import type { SolveOne } from './curriculum.ts';
import { stepClauses } from './curriculum.ts';
import { evalC } from './numeric.ts';
import type { C } from './numeric.ts';
import { parseEquation } from './parse.ts';
import { constValue, pConst, polyExpr, pscale, toRational } from './poly.ts';
import { equationLatex, systemLatex, toLatex, toText } from './print.ts';
import { ONE } from './q.ts';
import { solveSideBySide } from './statements.ts';
import type { Trail } from './trail.ts';
import type { Answer } from './types.ts';
import { satisfies } from './verify.ts';

/** u = expression in the other variable, from an equation linear in u with a number as u's coefficient. */
function isolateLinear(e: Equation, u: string): Expr | null {
  let r;
  try {
    r = toRational({ k: 'bin', op: '-', a: e.lhs, b: e.rhs });
  } catch {
    return null;
  }
  if (r === null || pConst(r.den) === null) return null;
  const n = pscale(r.num, ONE.div(pConst(r.den) as NonNullable<ReturnType<typeof pConst>>));
  const k = n.get(`${u}^1`)?.coef;
  if (k === undefined) return null;
  const rest = new Map([...n].filter(([key]) => key !== `${u}^1`));
  if ([...rest.values()].some((t) => t.mono.some(([x]) => x === u))) return null;
  return polyExpr(pscale(rest, ONE.div(k.neg())));
}

export function solveBySubstitution(
  eqs: readonly Equation[],
  vars: readonly string[],
  trail: Trail,
  solveOne: SolveOne,
): Answer {
  if (eqs.length !== 2 || vars.length !== 2)
    throw unsupported(
      'Non-linear systems are supported with two equations in two unknowns, one of them linear in an unknown (like x^2 + y^2 = 10; x - y = 2).',
    );
  for (const [i, u] of [0, 1].flatMap((i) => vars.map((u) => [i, u] as const))) {
    const expr = isolateLinear(eqs[i] as Equation, u);
    if (expr === null) continue;
    const w = vars.find((x) => x !== u) as string;
    const other = eqs[1 - i] as Equation;
    const sub = eq(
      substitute(other.lhs, new Map([[u, expr]])),
      substitute(other.rhs, new Map([[u, expr]])),
    );
    if ([...freeVars(sub.lhs), ...freeVars(sub.rhs)].some((x) => x !== w)) continue;
    trail.link(
      systemLatex(eqs),
      `Solve the ${i === 0 ? 'first' : 'second'} equation for $${u}$: $${u} = ${toLatex(expr)}$. Then put it into the other equation.`,
      'substitute-system',
      true,
    );
    stepClauses(
      trail,
      [[sub]],
      w,
      `Substitute $${u} = ${toLatex(expr)}$ into $${equationLatex(other)}$: one equation in $${w}$.`,
      'substitute',
    );
    const results = solveSideBySide([sub], w, trail, solveOne);
    const ws = results.flatMap((r) =>
      r.status === 'solved' && r.answer
        ? r.answer.mathjs.split(';').map((s) => parseEquation(s.trim()).rhs)
        : [],
    );
    if (ws.length === 0)
      throw new SolverError(
        'no-solution',
        'No solution: the equation after substituting has no real solution',
      );
    const pairs = ws.map((wv) => {
      const uv = substitute(expr, new Map([[w, wv]]));
      return { u: uv, w: wv };
    });
    const evalPair = (p: { u: Expr; w: Expr }) =>
      new Map([
        [u, evalOf(p.u)],
        [w, evalOf(p.w)],
      ]);
    const ok = pairs.every((p) => eqs.every((e) => satisfies(e, evalPair(p))));
    const lines = pairs.map((p) => `$${w} = ${toLatex(p.w)}$ gives $${u} = ${toLatex(tidy(p.u))}$`);
    trail.note(
      `\\text{solutions: } ${pairs.map((p) => `(${vars.map((x) => toLatex(tidy(x === u ? p.u : p.w))).join(', ')})`).join(',\\ ')}`,
      `Back-substitute into $${u} = ${toLatex(expr)}$: ${lines.join('; ')}. Each pair satisfies both equations.`,
      'back-substitute',
      ok,
    );
    return {
      latex: pairs
        .map((p) => vars.map((x) => `${x} = ${toLatex(tidy(x === u ? p.u : p.w))}`).join(', '))
        .join(' \\quad\\text{or}\\quad '),
      mathjs: pairs
        .map((p) => vars.map((x) => `${x} = ${toText(tidy(x === u ? p.u : p.w))}`).join(', '))
        .join('; '),
    };
  }
  throw unsupported(
    'Non-linear systems are supported when one equation is linear in an unknown (like x - y = 2), so it can be substituted.',
  );
}

const evalOf = (e: Expr): C => evalC(e, new Map());
function tidy(e: Expr): Expr {
  const v = freeVars(e).size === 0 ? constValue(e) : null;
  return v === null ? e : rat(v);
}
