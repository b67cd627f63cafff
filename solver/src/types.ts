/** The public shapes of a solve. */
import type { ErrorCode } from './errors.ts';

export type Classification =
  | 'arithmetic'
  | 'evaluate'
  | 'simplify'
  | 'expand'
  | 'factor'
  | 'complete-the-square'
  | 'polynomial-division'
  | 'linear-equation'
  | 'quadratic-equation'
  | 'polynomial-equation'
  | 'rational-equation'
  | 'linear-inequality'
  | 'linear-system'
  | 'nonlinear-system'
  | 'derivative'
  | 'absolute-value-equation'
  | 'absolute-value-inequality'
  | 'radical-equation'
  | 'exponential-equation'
  | 'logarithmic-equation'
  | 'polynomial-inequality'
  | 'rational-inequality'
  | 'compound-inequality'
  | 'radicals'
  | 'complex-numbers'
  | 'trig-values'
  | 'logarithm-values'
  | 'trig-identity'
  | 'trig-equation'
  | 'finite-sum'
  | 'geometric-series'
  | 'determinant'
  | 'limit'
  | 'integral'
  | 'definite-integral'
  | 'unknown';

export interface Step {
  /** The state after this step, as KaTeX-ready LaTeX. */
  readonly latex: string;
  /** What was done, in plain words. */
  readonly explanation: string;
  /** A short machine-readable rule name, e.g. `divide-both-sides`, `power-rule`. */
  readonly rule: string;
  /** `engine` for our own steps; `model` when the step came from the language model. */
  readonly source: 'engine' | 'model';
  /** Set when the model reworded the explanation (the formula is still the engine's). */
  readonly explainedBy?: 'model';
}

export interface Answer {
  readonly latex: string;
  /** mathjs syntax; several solutions are separated by `;` (e.g. `x = 2; x = 3`). */
  readonly mathjs: string;
}

export interface SolveError {
  readonly code: ErrorCode | 'internal';
  readonly message: string;
  /** For developers: which internal check failed (only when steps could not be verified). */
  readonly detail?: string;
}

export interface SolveResult {
  readonly status: 'solved' | 'unsupported' | 'error';
  readonly classification: Classification;
  /** The problem as the solver read it (mathjs text), for display and caching. */
  readonly normalized: string;
  readonly steps: readonly Step[];
  readonly answer?: Answer;
  readonly error?: SolveError;
  /** Where the answer came from. */
  readonly source: 'engine' | 'model';
}
