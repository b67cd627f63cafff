/**
 * Independent re-check of a finished solution from what is actually displayed: each step's
 * LaTeX is read back (LaTeX → text → tree), given a meaning, and compared with the step
 * before. Used by the benchmark, the property tests and to vet steps from the model.
 */
import { SolverError } from './errors.ts';
import { equationVars } from './expr.ts';
import type { Equation } from './expr.ts';
import { latexToText } from './latex.ts';
import { parseEquation, parseExpr } from './parse.ts';
import type { UPoly } from './poly.ts';
import { readProblem, toPlainText } from './read.ts';
import type { Meaning } from './trail.ts';
import { stepHolds } from './trail.ts';
import { realSetOf } from './realset.ts';
import { clausesFromLatex } from './statements.ts';
import { isLinearWithConstants } from './constant-coefficients.ts';
import { REAL_SET_CLASSES } from './topics.ts';
import type { Classification, SolveResult, Step } from './types.ts';
import {
  branchesRoots,
  equationDenominators,
  inequalityInterval,
  systemMeaning,
} from './verify.ts';

/** Steps that state a fact rather than transform the problem. */
const NOTE_RULES = new Set(['excluded-values', 'critical-points', 'sign-chart']);
/** Links between chains (checked by the solver with an independent computation): a new chain starts after them. */
export const LINK_RULES = new Set([
  'sum-formula',
  'determinant-formula',
  'limit-substitute',
  'known-limit',
  'limit-at-infinity',
  'antiderivative',
  'evaluate-bounds',
  'substitute-system',
  // An operator inside a larger expression: the heading before its steps, and its value put in.
  'work-out-part',
  'put-in-values',
]);
/** Facts the solver checked by substitution (not a transformation of the previous step). */
const FACT_RULES = new Set(['back-substitute']);

export interface MeaningContext {
  readonly kind: 'value' | 'roots' | 'interval' | 'system' | 'pair' | 'reals';
  readonly v: string;
  readonly vars: readonly string[];
  readonly excluded: UPoly;
}

const splitOr = (text: string): string[] =>
  text
    .split(/\bor\b/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** "x = 1 ± √2" → both branches, at the text level. */
function expandPmText(text: string): string[] {
  if (!text.includes('±')) return [text];
  return [text.replace('±', '+'), text.replace('±', '-')].flatMap(expandPmText);
}

export function meaningFromLatex(latex: string, ctx: MeaningContext): Meaning | null {
  try {
    const text = toPlainText(latexToText(latex));
    switch (ctx.kind) {
      case 'value':
        return { kind: 'value', expr: parseExpr(text) };
      case 'roots': {
        const eqs: Equation[] = splitOr(text).flatMap(expandPmText).map(parseEquation);
        const set = branchesRoots(eqs, ctx.v, ctx.excluded);
        return set && { kind: 'roots', set };
      }
      case 'interval': {
        const interval = inequalityInterval(parseEquation(text), ctx.v);
        return interval && { kind: 'interval', interval };
      }
      case 'system': {
        const system = systemMeaning(
          text
            .split(';')
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .map(parseEquation),
          ctx.vars,
        );
        return system && { kind: 'system', system };
      }
      case 'pair': {
        const e = parseEquation(text);
        return { kind: 'pair', lhs: e.lhs, rhs: e.rhs };
      }
      case 'reals': {
        const cls = clausesFromLatex(latex);
        const v = ctx.v === '*' ? (equationVars(cls.flat())[0] ?? '') : ctx.v;
        const set = realSetOf(cls, v);
        return set && { kind: 'reals', set };
      }
    }
  } catch (err) {
    if (err instanceof SolverError) return null;
    throw err;
  }
}

/** The meaning context of a problem (which variable, which excluded values). */
export function contextFor(
  normalized: string,
  classification: Classification,
): MeaningContext | null {
  const p = readProblem(normalized);
  const none: UPoly = [];
  if (p.kind === 'statements') return { kind: 'reals', v: p.v, vars: [p.v], excluded: none };
  if ((p.kind === 'equation' || p.kind === 'inequality') && REAL_SET_CLASSES.has(classification))
    return { kind: 'reals', v: p.v, vars: [p.v], excluded: none };
  // A linear equation with π or e: its steps are real solution sets, like the curriculum's.
  if (p.kind === 'equation' && isLinearWithConstants(p.eq, p.v))
    return { kind: 'reals', v: p.v, vars: [p.v], excluded: none };
  switch (p.kind) {
    case 'equation':
      return { kind: 'roots', v: p.v, vars: [p.v], excluded: equationDenominators(p.eq, p.v) };
    case 'inequality':
      return { kind: 'interval', v: p.v, vars: [p.v], excluded: none };
    case 'system':
      // Substitution: after the system, the steps are one equation in the variable left.
      if (classification === 'nonlinear-system')
        return { kind: 'reals', v: '*', vars: p.vars, excluded: none };
      return { kind: 'system', v: '', vars: p.vars, excluded: none };
    case 'check':
      return { kind: 'pair', v: '', vars: [], excluded: none };
    default:
      void classification;
      return { kind: 'value', v: '', vars: [], excluded: none };
  }
}

export interface RecheckReport {
  readonly checked: number;
  /** Index and explanation of every step that did not re-check. */
  readonly failures: readonly { readonly index: number; readonly explanation: string }[];
}

/** Re-check every shown step of a result against the one before it. */
export function recheckSteps(
  result: Pick<SolveResult, 'normalized' | 'classification' | 'steps'>,
  ctxIn?: MeaningContext,
): RecheckReport {
  let ctx: MeaningContext | null;
  try {
    ctx = ctxIn ?? contextFor(result.normalized, result.classification);
  } catch (err) {
    // A problem we cannot read has no steps to check; if it somehow has some, they fail.
    if (!(err instanceof SolverError)) throw err;
    ctx = null;
  }
  const failures: { index: number; explanation: string }[] = [];
  let prev: Meaning | null = null;
  let first: Meaning | null = null;
  let checked = 0;
  result.steps.forEach((s: Step, index) => {
    if (LINK_RULES.has(s.rule)) {
      prev = null;
      return;
    }
    if (NOTE_RULES.has(s.rule) || FACT_RULES.has(s.rule) || s.latex.startsWith('\\text{')) return;
    const m = ctx && meaningFromLatex(s.latex, ctx);
    checked++;
    if (m === null || (prev !== null && !stepHolds(s.rule, prev, m, first ?? m)))
      failures.push({ index, explanation: s.explanation });
    if (m !== null) prev = m;
    first ??= m;
  });
  return { checked, failures };
}
