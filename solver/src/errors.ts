/** Every failure the solver reports carries one of these codes. */
export type ErrorCode =
  | 'unsupported'
  | 'parse'
  | 'no-solution'
  | 'infinitely-many'
  | 'division-by-zero'
  | 'unverified'
  | 'model';

export class SolverError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SolverError';
    this.code = code;
  }
}

export const unsupported = (message: string): SolverError =>
  new SolverError('unsupported', message);
export const parseError = (message: string): SolverError => new SolverError('parse', message);
