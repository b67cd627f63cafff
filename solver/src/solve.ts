/** The synchronous, pure entry point: read, classify, solve with verified steps, answer. */
import { expandSteps, factorSteps } from './algebra.ts';
import { solveArithmetic, valueExpr } from './arithmetic.ts';
import type { Emit } from './arithmetic.ts';
import { derivativeSteps } from './derivative.ts';
import { solveEquationSteps } from './equation.ts';
import { SolverError } from './errors.ts';
import { contains, eq, freeVars, rat, substitute, sym } from './expr.ts';
import { complexSteps, surdSteps, trigValueSteps } from './exact.ts';
import type { Equation, Expr } from './expr.ts';
import { solveInequalitySteps } from './inequality.ts';
import { isPolynomial, polyExpr, toRational } from './poly.ts';
import type { Rational } from './poly.ts';
import { simplifyFractionSteps } from './fraction.ts';
import { equationLatex, equationText, orLatex, toLatex, toText } from './print.ts';
import type { Q } from './q.ts';
import { readProblem } from './read.ts';
import type { Problem } from './read.ts';
import { solveSystemSteps } from './system.ts';
import { Trail } from './trail.ts';
import { simplifySeveralSteps } from './multivariate.ts';
import { identitySteps, isTrigIdentity } from './identity.ts';
import { completeSquareSteps } from './complete-square.ts';
import { calculusSteps } from './calculus.ts';
import { curriculumClass, solveClauses, solveCurriculum } from './topics.ts';
import type { Answer, Classification, SolveResult, Step } from './types.ts';
import { sameValue, systemMeaning } from './verify.ts';
import { solveBySubstitution } from './substitution.ts';
import { logValueSteps } from './log-values.ts';
import { divisionSteps, shouldDivide } from './polynomial-division.ts';
import { exactKind, initialClassification, problemText } from './classify.ts';
import { withGreekLatex } from './greek.ts';
import { embeddedSteps } from './embedded.ts';

export interface SolveOptions {
  /** Upper bound on steps returned; longer solutions are reported as unsupported. */
  readonly maxSteps?: number;
}

/** Default step budget: enough for any school problem, small enough for a board. */
const DEFAULT_MAX_STEPS = 80;

const exprAnswer = (e: Expr): Answer => ({ latex: toLatex(e), mathjs: toText(e) });
const rootsAnswer = (eqs: readonly Equation[]): Answer => ({
  latex: orLatex(eqs),
  mathjs: eqs.map(equationText).join('; '),
});

const hasDecimals = (e: Expr): boolean => contains(e, (x) => x.k === 'num' && x.decimal === true);

interface Outcome {
  readonly answer: Answer;
  readonly classification?: Classification;
}

function safeRationalOf(e: Expr): Rational | null {
  try {
    return toRational(e);
  } catch {
    return null;
  }
}

/** A divisor that is always zero (2/0, x/(x - x)): the problem has no meaning at all. */
function zeroDivisor(e: Expr): Expr | null {
  if (e.k === 'bin') {
    if (e.op === '/' || (e.op === '^' && e.b.k === 'neg')) {
      const d = e.op === '/' ? e.b : e.a;
      try {
        const r = toRational(d);
        if (r !== null && r.num.size === 0) return d;
      } catch {
        return d;
      }
    }
    return zeroDivisor(e.a) ?? zeroDivisor(e.b);
  }
  if (e.k === 'neg' || e.k === 'fn' || e.k === 'deriv') return zeroDivisor(e.a);
  return null;
}

function problemExprs(p: Problem): Expr[] {
  switch (p.kind) {
    case 'expression':
    case 'evaluate':
    case 'derivative':
      return [p.expr];
    case 'equation':
    case 'inequality':
      return [p.eq.lhs, p.eq.rhs];
    case 'system':
      return p.eqs.flatMap((e) => [e.lhs, e.rhs]);
    case 'statements':
      return p.clauses.flat().flatMap((e) => [e.lhs, e.rhs]);
    case 'calculus':
    case 'embedded':
      return [];
    case 'check':
      return [];
  }
}

const emitTo =
  (trail: Trail): Emit =>
  (e, explanation, rule) =>
    trail.expr(e, explanation, rule);

/** 2 + 3 = 5, 7 < 2·3: work out each side, then say whether the statement is true. */
function checkStatement(e: Equation, trail: Trail): Outcome {
  const style = { decimals: hasDecimals(e.lhs) || hasDecimals(e.rhs) };
  trail.pair(e, 'Work out each side, then compare.', 'start');
  let rhs = e.rhs;
  const left = solveArithmetic(
    e.lhs,
    (x, why, rule) => trail.pair({ ...e, lhs: x, rhs }, `Left side: ${why}`, rule),
    style,
    false,
  );
  const lhs = valueExpr(left, style);
  const right = solveArithmetic(
    e.rhs,
    (x, why, rule) => trail.pair({ ...e, lhs, rhs: (rhs = x) }, `Right side: ${why}`, rule),
    style,
    false,
  );
  const d = left.compare(right);
  const truth = { '=': d === 0, '!=': d !== 0, '<': d < 0, '<=': d <= 0, '>': d > 0, '>=': d >= 0 }[
    e.rel
  ];
  trail.note(
    `\\text{${truth ? 'true' : 'false'}}`,
    `Both sides are worked out: the statement is ${truth ? 'true' : 'false'}.`,
    'compare',
    true,
  );
  return {
    answer: { latex: `\\text{${truth ? 'true' : 'false'}}`, mathjs: truth ? 'true' : 'false' },
  };
}

function run(p: Problem, trail: Trail): Outcome {
  // Arithmetic shows its steps up to the division by zero; everything else stops here.
  if (!(p.kind === 'expression' && p.command === 'evaluate-numbers')) {
    for (const e of problemExprs(p)) {
      const d = zeroDivisor(e);
      if (d !== null) {
        throw new SolverError(
          'division-by-zero',
          `Division by zero: $${toLatex(d)}$ is always 0, so the problem has no meaning`,
        );
      }
    }
  }
  switch (p.kind) {
    case 'expression': {
      if (p.command === 'complete-the-square')
        return { answer: exprAnswer(completeSquareSteps(p.expr, trail)) };
      if (p.command === 'long-division' || p.command === 'synthetic-division')
        return {
          answer: exprAnswer(
            divisionSteps(p.expr, p.command === 'long-division' ? 'long' : 'synthetic', trail),
          ),
        };
      const exact = p.command === 'factor' ? null : exactKind(p.expr);
      if (exact === 'complex-numbers') return { answer: exprAnswer(complexSteps(p.expr, trail)) };
      if (exact === 'trig-values') return { answer: exprAnswer(trigValueSteps(p.expr, trail)) };
      if (exact === 'logarithm-values') return { answer: exprAnswer(logValueSteps(p.expr, trail)) };
      if (exact === 'radicals') return { answer: exprAnswer(surdSteps(p.expr, trail)) };
      if (p.command === 'evaluate-numbers') {
        const v = solveArithmetic(p.expr, emitTo(trail), { decimals: hasDecimals(p.expr) });
        return { answer: exprAnswer(asValueExpr(v, hasDecimals(p.expr))) };
      }
      if (p.command === 'factor') return { answer: exprAnswer(factorSteps(p.expr, trail)) };
      if (isTrigIdentity(p.expr))
        return {
          answer: exprAnswer(identitySteps(p.expr, trail)),
          classification: 'trig-identity',
        };
      // A fraction of polynomials is simplified by cancelling; anything else is expanded.
      // Nothing cancels and the top's degree is not lower: divide it out (x^2 + x + 3 + 13/(x - 3)).
      if (p.command === 'simplify' && shouldDivide(p.expr))
        return { answer: exprAnswer(divisionSteps(p.expr, 'long', trail)) };
      const r = safeRationalOf(p.expr);
      if (r !== null && !isPolynomial(r))
        return {
          answer: exprAnswer(
            freeVars(p.expr).size > 1
              ? simplifySeveralSteps(p.expr, trail)
              : simplifyFractionSteps(p.expr, trail),
          ),
        };
      return { answer: exprAnswer(polyExpr(expandSteps(p.expr, trail))) };
    }
    case 'evaluate': {
      const substituted = substitute(p.expr, p.values);
      trail.expr(
        substituted,
        `Put in ${[...p.values].map(([k, v]) => `$${k} = ${toLatex(v)}$`).join(' and ')} (in brackets, so signs stay right) into $${toLatex(p.expr)}$.`,
        'substitute',
      );
      const v = solveArithmetic(
        substituted,
        emitTo(trail),
        { decimals: hasDecimals(substituted) },
        false,
      );
      return { answer: exprAnswer(asValueExpr(v, hasDecimals(substituted))) };
    }
    case 'derivative':
      return { answer: exprAnswer(derivativeSteps(p.expr, p.v, trail)) };
    case 'statements':
      return solveClauses(p.clauses, p.v, trail, solve);
    case 'calculus': {
      const out = calculusSteps(p.problem, trail);
      return { answer: exprAnswer(out.value), classification: out.classification };
    }
    case 'embedded': {
      const { expr, classification } = embeddedSteps(p.expr, p.parts, trail);
      const out = run({ kind: 'expression', command: 'evaluate-numbers', expr }, trail);
      return { answer: out.answer, classification };
    }
    case 'equation': {
      if (curriculumClass(p.eq, p.v) !== null) return solveCurriculum(p.eq, p.v, trail, solve);
      const s = solveEquationSteps(p.eq, p.v, trail);
      return {
        answer: rootsAnswer(s.roots.map((r) => eq(sym(p.v), r))),
        classification: s.classification,
      };
    }
    case 'inequality': {
      if (curriculumClass(p.eq, p.v) !== null) return solveCurriculum(p.eq, p.v, trail, solve);
      const s = solveInequalitySteps(p.eq, p.v, trail);
      if (s.answer === 'all') {
        return {
          answer: { latex: `${p.v} \\in \\mathbb{R}`, mathjs: `-Infinity < ${p.v} < Infinity` },
        };
      }
      return { answer: { latex: equationLatex(s.answer), mathjs: equationText(s.answer) } };
    }
    case 'check':
      return checkStatement(p.eq, trail);
    case 'system': {
      if (systemMeaning(p.eqs, p.vars) === null)
        return {
          answer: solveBySubstitution(p.eqs, p.vars, trail, solve),
          classification: 'nonlinear-system',
        };
      const s = solveSystemSteps(p.eqs, p.vars, trail);
      const eqs = p.vars.map((v) => eq(sym(v), rat(s.values.get(v) as Q)));
      // Substitution check of the final answer into every original equation.
      const values = new Map(p.vars.map((v) => [v, rat(s.values.get(v) as Q)]));
      for (const e of p.eqs) {
        if (!sameValue(substitute(e.lhs, values), substitute(e.rhs, values))) {
          throw new SolverError('unverified', 'The values do not satisfy every equation');
        }
      }
      return { answer: rootsAnswer(eqs) };
    }
  }
}

/** The final number: a decimal when the problem used decimals and it terminates, else a fraction. */
const asValueExpr = (v: Q, decimals: boolean): Expr => valueExpr(v, { decimals });

/** Solve a problem. Never throws: failures come back as `status: 'error' | 'unsupported'`. */
export const solve = (input: string, options: SolveOptions = {}): SolveResult =>
  withGreekLatex(solveEngine(input, options));

function solveEngine(input: string, options: SolveOptions): SolveResult {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  let problem: Problem;
  try {
    problem = readProblem(input);
  } catch (err) {
    return failure(err, 'unknown', input.trim(), []);
  }
  const normalized = problemText(problem);
  let classification: Classification;
  try {
    classification = initialClassification(problem);
  } catch (err) {
    // Classifying reads the problem (e.g. as a ratio of polynomials), which can already meet
    // a literal division by zero: that is the user's problem to hear about, not a crash.
    return failure(err, 'unknown', normalized, []);
  }
  const trail = new Trail();
  try {
    const out = run(problem, trail);
    if (trail.steps.length > maxSteps) {
      return failure(
        new SolverError('unsupported', `The solution needs more than ${maxSteps} steps`),
        out.classification ?? classification,
        normalized,
        [],
      );
    }
    return {
      status: 'solved',
      classification: out.classification ?? classification,
      normalized,
      steps: trail.steps,
      answer: out.answer,
      source: 'engine',
    };
  } catch (err) {
    return failure(err, classification, normalized, trail.steps);
  }
}

/** What a person reads when a step failed its own check (the detail is for developers). */
export const UNVERIFIED_MESSAGE =
  'Not solved: this problem is outside what the solver can check step by step, so no steps are shown. Try writing it in a simpler standard form (for example one equation in x, like 2x + 3 = 7).';

/** Codes after which the steps so far are still worth showing (they are verified and lead to the verdict). */
const KEEP_STEPS = new Set(['no-solution', 'infinitely-many', 'division-by-zero']);

function failure(
  err: unknown,
  classification: Classification,
  normalized: string,
  steps: SolveResult['steps'],
): SolveResult {
  if (err instanceof SolverError) {
    const unsupported = err.code === 'unsupported' || err.code === 'unverified';
    return {
      status: unsupported ? 'unsupported' : 'error',
      classification,
      normalized,
      steps: KEEP_STEPS.has(err.code) ? steps : [],
      error: {
        code: err.code === 'unverified' ? 'unsupported' : err.code,
        message: err.code === 'unverified' ? UNVERIFIED_MESSAGE : err.message,
        ...(err.code === 'unverified' ? { detail: err.message } : {}),
      },
      source: 'engine',
    };
  }
  return {
    status: 'error',
    classification,
    normalized,
    steps: [],
    error: {
      code: 'internal',
      message: `Internal error: ${(err as Error)?.message ?? String(err)}`,
    },
    source: 'engine',
  };
}

/** A canonical key for caching: the same problem written differently gives the same key. */
export function normalizeProblem(input: string): string {
  try {
    const p = readProblem(input);
    return `${initialClassification(p)}:${problemText(p)}`;
  } catch {
    return `raw:${input.replace(/\s+/g, ' ').trim()}`;
  }
}

/**
 * The same solve as a generator: yields the verified steps one at a time (to write onto a
 * board as they "arrive") and returns the full result. All checking happens before the
 * first step is yielded, so a yielded step is never taken back.
 */
export function* solveStepByStep(
  input: string,
  options: SolveOptions = {},
): Generator<Step, SolveResult, void> {
  const result = solve(input, options);
  for (const step of result.steps) yield step;
  return result;
}
