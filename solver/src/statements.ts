/**
 * Statements joined by "and" / "or" (compound inequalities, cases of an absolute value):
 * printing, reading back, the answer form, and solving simple branches side by side.
 */
import { SolverError } from './errors.ts';
import { eq, sameTree, sym } from './expr.ts';
import type { Equation, Expr, Relation } from './expr.ts';
import { latexToText } from './latex.ts';
import { parseEquation, parseExpr, splitRelation } from './parse.ts';
import { equationLatex, equationText, toLatex, toText } from './print.ts';
import type { Clauses, RealSet } from './realset.ts';
import type { Trail } from './trail.ts';
import type { Answer, SolveResult } from './types.ts';

const REL_TEX: Record<Relation, string> = {
  '=': '=',
  '<': '<',
  '<=': '\\le',
  '>': '>',
  '>=': '\\ge',
  '!=': '\\neq',
};
export const OR_TEX = ' \\quad\\text{or}\\quad ';

const chained = (cl: readonly Equation[]): boolean =>
  cl.length === 2 && sameTree((cl[0] as Equation).rhs, (cl[1] as Equation).lhs);

function clauseLatex(cl: readonly Equation[]): string {
  if (chained(cl)) {
    const [a, b] = cl as [Equation, Equation];
    return `${toLatex(a.lhs)} ${REL_TEX[a.rel]} ${toLatex(a.rhs)} ${REL_TEX[b.rel]} ${toLatex(b.rhs)}`;
  }
  return cl.map(equationLatex).join(' \\text{ and } ');
}

function clauseText(cl: readonly Equation[]): string {
  if (chained(cl)) {
    const [a, b] = cl as [Equation, Equation];
    return `${toText(a.lhs)} ${a.rel} ${toText(a.rhs)} ${b.rel} ${toText(b.rhs)}`;
  }
  return cl.map(equationText).join(' and ');
}

export const clausesLatex = (cls: Clauses): string => cls.map(clauseLatex).join(OR_TEX);
export const clausesText = (cls: Clauses): string => cls.map(clauseText).join(' or ');

/** `a < x <= b or x > 5` (mathjs-style text) → clauses. */
export function parseClauses(text: string): Equation[][] {
  return text
    .split(/\bor\b/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((part) =>
      part
        .split(/\band\b/)
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .flatMap((s) => {
          const rels = splitRelation(s);
          if (rels === null || rels.length === 1) return [parseEquation(s)];
          return rels.map((r) => ({ lhs: parseExpr(r.lhs), rel: r.rel, rhs: parseExpr(r.rhs) }));
        }),
    );
}

/** Clauses from displayed LaTeX (used to give a step its meaning). */
export const clausesFromLatex = (latex: string): Equation[][] =>
  parseClauses(latexToText(latex.replace(/\\text\{\s*(or|and)\s*\}/g, ' $1 ')));

/**
 * The answer for a set found by the solver: relations joined by "or" (checker-readable),
 * with the interval notation beside them in LaTeX. `bounds` are the exact endpoints in order.
 */
export function intervalAnswer(set: RealSet, v: string, bound: (x: number) => Expr): Answer {
  if (set.length === 0) return { latex: '\\text{no solution}', mathjs: 'no solution' };
  const first = set[0];
  if (set.length === 1 && first && first.lo === -Infinity && first.hi === Infinity)
    return { latex: `${v} \\in \\mathbb{R}`, mathjs: 'all real numbers' };
  const texts: string[] = [];
  const texs: string[] = [];
  const ivs: string[] = [];
  for (const p of set) {
    const lo = Number.isFinite(p.lo) ? bound(p.lo) : null;
    const hi = Number.isFinite(p.hi) ? bound(p.hi) : null;
    if (p.lo === p.hi && lo) {
      texts.push(`${v} = ${toText(lo)}`);
      texs.push(`${v} = ${toLatex(lo)}`);
      ivs.push(`\\{${toLatex(lo)}\\}`);
      continue;
    }
    const loRel: Relation = p.loIn ? '<=' : '<';
    const hiRel: Relation = p.hiIn ? '<=' : '<';
    if (lo && hi) {
      texts.push(`${toText(lo)} ${loRel} ${v} ${hiRel} ${toText(hi)}`);
      texs.push(`${toLatex(lo)} ${REL_TEX[loRel]} ${v} ${REL_TEX[hiRel]} ${toLatex(hi)}`);
    } else if (lo) {
      texts.push(equationText(eq(sym(v), lo, p.loIn ? '>=' : '>')));
      texs.push(equationLatex(eq(sym(v), lo, p.loIn ? '>=' : '>')));
    } else if (hi) {
      texts.push(equationText(eq(sym(v), hi, hiRel)));
      texs.push(equationLatex(eq(sym(v), hi, hiRel)));
    }
    ivs.push(
      `${p.loIn && lo ? '[' : '('}${lo ? toLatex(lo) : '-\\infty'}, ${hi ? toLatex(hi) : '\\infty'}${p.hiIn && hi ? ']' : ')'}`,
    );
  }
  return {
    latex: `${texs.join(OR_TEX)} \\quad ${v} \\in ${ivs.join(' \\cup ')}`,
    mathjs: texts.join(' or '),
  };
}

export const rootsAnswerOf = (roots: readonly Expr[], v: string): Answer =>
  roots.length === 0
    ? { latex: '\\text{no solution}', mathjs: 'no solution' }
    : {
        latex: roots.map((r) => `${v} = ${toLatex(r)}`).join(OR_TEX),
        mathjs: roots.map((r) => `${v} = ${toText(r)}`).join('; '),
      };

/** Steps that state a fact; they are not part of a side-by-side chain. */
const isNote = (s: SolveResult['steps'][number]): boolean =>
  s.rule === 'excluded-values' || s.latex.startsWith('\\text{');

/**
 * Solve simple branches (linear or quadratic) with the engine's own solver and show them
 * side by side, one line per step joined by "or"; every line is checked as a real set.
 * Returns the branch results (their answers are each branch's roots).
 */
export function solveSideBySide(
  branches: readonly Equation[],
  v: string,
  trail: Trail,
  solveOne: (input: string) => SolveResult,
): SolveResult[] {
  const results = branches.map((b) => solveOne(equationText(b)));
  for (const r of results) {
    const ok =
      r.status === 'solved' ||
      (r.status === 'error' &&
        (r.error?.code === 'no-solution' || r.error?.code === 'infinitely-many'));
    if (!ok) throw new SolverError('unsupported', r.error?.message ?? 'A case could not be solved');
  }
  const chains = results.map((r) => r.steps.filter((s) => !isNote(s)));
  const length = Math.max(...chains.map((c) => c.length));
  for (let k = 1; k < length; k++) {
    const changed = chains.filter((c) => k < c.length);
    const latex = chains
      .map((c) => (c[Math.min(k, c.length - 1)] as SolveResult['steps'][number]).latex)
      .join(OR_TEX);
    const why = chains.map((c) => c[k]?.explanation);
    const same = why.every((w) => w === why[0]);
    const explanation = same
      ? `${branches.length === 1 ? '' : 'In each case: '}${why[0] as string}`
      : why
          .map((w, i) => (w === undefined ? '' : `Case ${i + 1}: ${w}`))
          .filter((w) => w !== '')
          .join(' ');
    trail.reals(latex, clausesFromLatex(latex), v, explanation, changed[0]?.[k]?.rule ?? 'solve');
  }
  return results;
}
