/**
 * One solver thread of the pool (worker/solver-pool.ts): solves what the main thread
 * sends, one equation at a time. It runs apart from the server's event loop, so a slow
 * or exploding equation (mathjs `derivative` on a long sum) costs this thread only; the
 * pool terminates it when it overruns its time or memory budget.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveWithFallback } from '@motionmath/solver';
import type { FallbackOptions } from '@motionmath/solver';

export interface SolveRequest {
  readonly id: number;
  readonly input: string;
}

const options = (workerData ?? {}) as FallbackOptions;

/** Loading the solver (mathjs) takes a while; the pool's time budget starts after it. */
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (request: SolveRequest) => {
  solveWithFallback(request.input, options).then(
    (result) => parentPort?.postMessage({ id: request.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
