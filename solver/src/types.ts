/** The public shapes of a solve. */
import type { ErrorCode } from './errors.ts';

export type Classification =
  | 'arithmetic'
  | 'evaluate'
  | 'simplify'
  | 'expand'
  | 'factor'
  | 'linear-equation'
  | 'quadratic-equation'
  | 'polynomial-equation'
  | 'rational-equation'
  | 'linear-inequality'
  | 'linear-system'
  | 'derivative'
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
