/** Which curriculum solver takes a one-variable statement the core solvers do not. */
import { solveAbsolute } from './absolute.ts';
import { isLinearWithConstants, solveLinearWithConstants } from './constant-coefficients.ts';
import { hasExponential, hasLogarithm, solveExponential, solveLogarithm } from './logarithm.ts';
import { hasRadical, solveRadical } from './radical.ts';
import { solveCompound, solveSignChart } from './sign-chart.ts';
import { hasTrigOf, solveTrigEquation } from './trig-equation.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { contains, freeVars, sub } from './expr.ts';
import { pConst, toRational } from './poly.ts';
import type { Equation, Expr } from './expr.ts';
import type { Clauses } from './realset.ts';
import type { Trail } from './trail.ts';
import type { Classification } from './types.ts';
import { inequalityInterval } from './verify.ts';
import { unsupported } from './errors.ts';

const withV = (v: string, pred: (x: Expr) => boolean) => (x: Expr) => pred(x) && freeVars(x).has(v);
const has = (e: Equation, pred: (x: Expr) => boolean): boolean =>
  contains(e.lhs, pred) || contains(e.rhs, pred);

export const hasAbs = (e: Equation, v: string): boolean =>
  has(
    e,
    withV(v, (x) => x.k === 'fn' && x.name === 'abs'),
  );

/** Classifications whose steps are real solution sets (recheck reads them so). */
export const REAL_SET_CLASSES: ReadonlySet<Classification> = new Set<Classification>([
  'absolute-value-equation',
  'absolute-value-inequality',
  'radical-equation',
  'exponential-equation',
  'logarithmic-equation',
  'polynomial-inequality',
  'rational-inequality',
  'compound-inequality',
  'trig-equation',
]);

/** The classification a curriculum solver would give, or null when the core solvers apply. */
export function curriculumClass(e: Equation, v: string): Classification | null {
  if (hasAbs(e, v)) return e.rel === '=' ? 'absolute-value-equation' : 'absolute-value-inequality';
  if (isLinearWithConstants(e, v)) return 'linear-equation';
  if (e.rel === '=' && hasTrigOf(e, v)) return 'trig-equation';
  if (e.rel === '=' && hasRadical(e, v)) return 'radical-equation';
  if (e.rel === '=' && hasLogarithm(e, v)) return 'logarithmic-equation';
  if (e.rel === '=' && hasExponential(e, v)) return 'exponential-equation';
  if (e.rel !== '=' && inequalityInterval(e, v) === null) {
    let r;
    try {
      r = toRational(sub(e.lhs, e.rhs));
    } catch {
      r = null;
    }
    return r !== null && pConst(r.den) !== null ? 'polynomial-inequality' : 'rational-inequality';
  }
  return null;
}

export function solveCurriculum(e: Equation, v: string, trail: Trail, solveOne: SolveOne): Outcome {
  if (hasAbs(e, v)) return solveAbsolute(e, v, trail, solveOne);
  if (isLinearWithConstants(e, v)) return solveLinearWithConstants(e, v, trail);
  if (e.rel !== '=' && inequalityInterval(e, v) === null)
    return solveSignChart(e, v, trail, solveOne);
  if (e.rel === '=' && hasTrigOf(e, v)) return solveTrigEquation(e, v, trail, solveOne);
  if (e.rel === '=' && hasRadical(e, v)) return solveRadical(e, v, trail, solveOne);
  if (e.rel === '=' && hasLogarithm(e, v)) return solveLogarithm(e, v, trail, solveOne);
  if (e.rel === '=' && hasExponential(e, v)) return solveExponential(e, v, trail, solveOne);
  throw unsupported('This kind of statement is not supported yet.');
}

export function solveClauses(cls: Clauses, v: string, trail: Trail, solveOne: SolveOne): Outcome {
  return solveCompound(cls, v, trail, solveOne);
}
