import type * as Solver from '@motionmath/solver';

/** What `import('@motionmath/solver')` resolves to. */
export type SolverModule = typeof Solver;

/**
 * `@motionmath/solver` brings mathjs with it: importing it costs a process ≈ 96 MiB of
 * RSS (mathjs ≈ 88, the solver's own code ≈ 8; README, "Memory at idle"), more than the
 * rest of the server together. A server that solves nothing (`SOLVER_WORKERS=0`, boards
 * without equations) never needs it, so it is imported here at the first use: the first
 * solve job, the first board with an equation to index, or a started solver worker.
 */
let loading: Promise<SolverModule> | null = null;

export class SolverLoadError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`could not load @motionmath/solver: ${reason}`, { cause });
    this.name = 'SolverLoadError';
  }
}

/** The solver module, imported once; a failed import rejects with a SolverLoadError
 * (every caller that needed it reports it) and the next call tries again. */
export function loadSolver(): Promise<SolverModule> {
  loading ??= import('@motionmath/solver').catch((error: unknown) => {
    loading = null;
    throw new SolverLoadError(error);
  });
  return loading;
}
