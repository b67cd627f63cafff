export { solve, normalizeProblem } from './solve.ts';
export type { SolveOptions } from './solve.ts';
export { latexToText } from './latex.ts';
export { toPlainText } from './read.ts';
export type { Answer, Classification, SolveError, SolveResult, Step } from './types.ts';
export type { ErrorCode } from './errors.ts';
