/**
 * A trail of verified steps. The solver proposes a state; the trail computes its meaning
 * independently (see verify.ts) and appends it only when it matches the previous state's
 * meaning. Otherwise it throws, and the step is never shown.
 */
import { SolverError } from './errors.ts';
import type { Equation, Expr } from './expr.ts';
import { equationLatex, orLatex, systemLatex, toLatex } from './print.ts';
import type { Step } from './types.ts';
import {
  branchesRoots,
  inequalityInterval,
  sameInterval,
  sameRoots,
  sameSystem,
  sameValue,
  systemMeaning,
} from './verify.ts';
import type { Interval, RootSet, SystemMeaning } from './verify.ts';
import type { UPoly } from './poly.ts';
import { expandPm } from './pm.ts';
import { realSetOf, realSubset, RESTORING_RULES, sameRealSet, WIDENING_RULES } from './realset.ts';
import type { Clauses, RealSet } from './realset.ts';

/**
 * Does `next` follow from `prev` under `rule`? Usually the meanings are equal; a widening
 * step (squaring) may only add solutions, and a restoring step must give the first set back.
 */
export function stepHolds(rule: string, prev: Meaning, next: Meaning, first: Meaning): boolean {
  if (next.kind === 'reals' && prev.kind === 'reals' && first.kind === 'reals') {
    if (WIDENING_RULES.has(rule)) return realSubset(prev.set, next.set);
    if (RESTORING_RULES.has(rule)) return sameRealSet(first.set, next.set);
  }
  return sameMeaning(prev, next);
}

export type Meaning =
  | { readonly kind: 'value'; readonly expr: Expr }
  | { readonly kind: 'roots'; readonly set: RootSet }
  | { readonly kind: 'interval'; readonly interval: Interval }
  | { readonly kind: 'system'; readonly system: SystemMeaning }
  /** A statement with no unknown (2 + 3 = 5): each side keeps its value. */
  | { readonly kind: 'pair'; readonly lhs: Expr; readonly rhs: Expr }
  /** Real solutions of statements in one variable (absolute values, roots, logs, compound inequalities). */
  | { readonly kind: 'reals'; readonly set: RealSet };

export function sameMeaning(a: Meaning, b: Meaning): boolean {
  if (a.kind === 'value' && b.kind === 'value') return sameValue(a.expr, b.expr);
  if (a.kind === 'roots' && b.kind === 'roots') return sameRoots(a.set, b.set);
  if (a.kind === 'interval' && b.kind === 'interval') return sameInterval(a.interval, b.interval);
  if (a.kind === 'system' && b.kind === 'system') return sameSystem(a.system, b.system);
  if (a.kind === 'reals' && b.kind === 'reals') return sameRealSet(a.set, b.set);
  if (a.kind === 'pair' && b.kind === 'pair')
    return sameValue(a.lhs, b.lhs) && sameValue(a.rhs, b.rhs);
  return false;
}

export class Trail {
  readonly steps: Step[] = [];
  private last: Meaning | null = null;
  private first: Meaning | null = null;

  /** Append a step whose meaning must equal the previous one (the first sets the baseline). */
  push(latex: string, explanation: string, rule: string, meaning: Meaning | null): void {
    if (meaning === null) {
      throw new SolverError('unverified', `Could not check the step "${explanation}"`);
    }
    if (this.last !== null && !stepHolds(rule, this.last, meaning, this.first ?? meaning)) {
      throw new SolverError('unverified', `The step "${explanation}" did not check out`);
    }
    this.last = meaning;
    this.first ??= meaning;
    this.steps.push({ latex, explanation, rule, source: 'engine' });
  }

  /**
   * A fact that links two chains (a formula, a known limit, an antiderivative): checked by
   * the caller with an independent computation; the next step starts a new chain.
   */
  link(latex: string, explanation: string, rule: string, checked: boolean): void {
    this.note(latex, explanation, rule, checked);
    this.last = null;
  }

  /** A remark that changes nothing (e.g. excluded values); `checked` must be established by the caller. */
  note(latex: string, explanation: string, rule: string, checked: boolean): void {
    if (!checked)
      throw new SolverError('unverified', `The remark "${explanation}" did not check out`);
    this.steps.push({ latex, explanation, rule, source: 'engine' });
  }

  expr(e: Expr, explanation: string, rule: string): void {
    this.push(toLatex(e), explanation, rule, { kind: 'value', expr: e });
  }

  /** One-variable equations joined by "or" (a single equation is one branch). */
  roots(
    branches: readonly Equation[],
    v: string,
    excluded: UPoly,
    explanation: string,
    rule: string,
  ): void {
    const expanded = branches.flatMap(expandPm);
    const set = branchesRoots(expanded, v, excluded);
    this.push(orLatex(branches), explanation, rule, set && { kind: 'roots', set });
  }

  inequality(e: Equation, v: string, explanation: string, rule: string): void {
    const interval = inequalityInterval(e, v);
    this.push(equationLatex(e), explanation, rule, interval && { kind: 'interval', interval });
  }

  /** Statements in one variable, as the LaTeX shown; the meaning is their real solution set. */
  reals(latex: string, clauses: Clauses, v: string, explanation: string, rule: string): void {
    const set = realSetOf(clauses, v);
    this.push(latex, explanation, rule, set && { kind: 'reals', set });
  }

  /** The solution set of the first step (to check answers against). */
  firstSet(): RealSet | null {
    return this.first?.kind === 'reals' ? this.first.set : null;
  }

  pair(e: Equation, explanation: string, rule: string): void {
    this.push(equationLatex(e), explanation, rule, { kind: 'pair', lhs: e.lhs, rhs: e.rhs });
  }

  system(
    eqs: readonly Equation[],
    vars: readonly string[],
    explanation: string,
    rule: string,
  ): void {
    const system = systemMeaning(eqs, vars);
    this.push(systemLatex(eqs), explanation, rule, system && { kind: 'system', system });
  }
}
