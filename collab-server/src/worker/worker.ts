import type { SolveResult } from '@motionmath/solver';
import type { Logger } from '../logger.ts';
import { SolverLoadError, loadSolver } from '../solver-module.ts';
import { LruCache } from './cache.ts';
import type { SolveCache } from './cache.ts';
import { SolveBudgetError } from './solver-pool.ts';
import type { BoardConnector } from './connector.ts';
import type { SolveJob, SolveQueue } from './queue.ts';
import { solveEquation } from './solve-equation.ts';
import type { SolveOutcome } from './solve-equation.ts';

export interface SolverWorkerConfig {
  readonly id: string;
  readonly queue: SolveQueue;
  readonly connector: BoardConnector;
  readonly logger: Logger;
  readonly cache: SolveCache;
  /**
   * How long a claim lasts without renewal. Long enough that a slow solve and its writes
   * finish well within it (we renew between steps); short enough that a dead worker's
   * equation is picked up again quickly.
   */
  readonly leaseMs: number;
  /** Idle poll interval when the queue is empty. */
  readonly pollMs: number;
  /** Pause before each step is written, so viewers watch the solution unfold. */
  readonly stepDelayMs: number;
  /** Solves one problem off this thread: a SolverPool's `solve` (worker/solver-pool.ts),
   * whose threads carry the model fallback options and the time and memory budget. */
  readonly solve: (input: string) => Promise<SolveResult>;
  readonly now: () => number;
}

export const DEFAULT_WORKER_CONFIG = {
  leaseMs: 15_000,
  pollMs: 200,
  stepDelayMs: 60,
  now: Date.now,
} satisfies Partial<SolverWorkerConfig>;

/** Rounds per claim: each round re-reads the board, in case it was edited meanwhile. */
const MAX_ROUNDS_PER_CLAIM = 3;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A solver worker: claims equations from the queue and writes their solutions on the board. */
export class SolverWorker {
  readonly config: SolverWorkerConfig;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(
    config: Partial<SolverWorkerConfig> &
      Pick<SolverWorkerConfig, 'id' | 'queue' | 'connector' | 'logger' | 'solve'>,
  ) {
    this.config = { ...DEFAULT_WORKER_CONFIG, cache: new LruCache(), ...config };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stop after the current job; the queue keeps what was not done. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
  }

  /** Wake an idle worker now (the dispatcher calls this after enqueueing). */
  poke(): void {
    this.#wake?.();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.config.logger.error(
          { err: error, worker: this.config.id },
          'solver worker job failed',
        );
      }
      if (!worked && this.#running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.config.pollMs);
          this.#wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wake = null;
      }
    }
  }

  /** Claim and process one job. Resolves to false when the queue had none. */
  async runOnce(): Promise<boolean> {
    const { queue, id, leaseMs, logger } = this.config;
    const job = await queue.claim(id, leaseMs);
    if (!job) return false;
    const started = this.config.now();
    let outcome: SolveOutcome;
    try {
      outcome = await this.#process(job);
    } finally {
      // Always complete: an edit made meanwhile re-enqueued the job (it then runs again);
      // a lease we lost is no longer ours and completing it is a no-op.
      await queue.complete(job, id);
    }
    logger.info(
      {
        worker: id,
        board: job.board,
        equation: job.equationId,
        attempts: job.attempts,
        outcome,
        ms: this.config.now() - started,
      },
      'solver worker job done',
    );
    return true;
  }

  async #process(job: SolveJob): Promise<SolveOutcome> {
    const heartbeat = this.#keepLease(job);
    try {
      return await this.#solveJob(job, heartbeat);
    } finally {
      heartbeat.stop();
    }
  }

  /**
   * Renews the lease every third of its length for the whole job. Renewing only between
   * steps left it unrenewed while the board opened and while the server acknowledged the
   * last writes, and a stalled database holds both up (authentication, durable append)
   * longer than a lease: the lease expired under a live worker, a second worker took the
   * equation over while the first one's solution was still on its way, and the board
   * showed it solved twice. (Found by the cluster fault test, PostgreSQL frozen 10 s.)
   */
  #keepLease(job: SolveJob): { lost: () => boolean; stop: () => void } {
    const { queue, id, leaseMs } = this.config;
    let lost = false;
    const timer = setInterval(
      () => {
        queue.renew(job, id, leaseMs).then(
          (held) => {
            if (!held) lost = true;
          },
          () => {
            // The queue is unreachable: try again next time; a step's renewal will fail
            // loudly if it stays so.
          },
        );
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    return { lost: () => lost, stop: () => clearInterval(timer) };
  }

  async #solveJob(job: SolveJob, heartbeat: { lost: () => boolean }): Promise<SolveOutcome> {
    const { connector, queue, id, leaseMs, stepDelayMs } = this.config;
    const session = await connector.open(job.board);
    try {
      let outcome: SolveOutcome = 'nothing-to-do';
      for (let round = 0; round < MAX_ROUNDS_PER_CLAIM; round++) {
        outcome = await solveEquation({
          session,
          equationId: job.equationId,
          solverId: id,
          now: this.config.now,
          solve: (input) => this.#solve(input),
          betweenSteps: async () => {
            if (stepDelayMs > 0) await sleep(stepDelayMs);
            if (heartbeat.lost() || !(await queue.renew(job, id, leaseMs))) {
              throw new LeaseLostError(job);
            }
          },
        });
        await session.flush();
        // Interrupted by an edit: the edited equation is pending again; solve it now.
        if (outcome !== 'interrupted') break;
      }
      return outcome;
    } catch (error) {
      if (error instanceof LeaseLostError) {
        this.config.logger.warn(
          { worker: id, board: job.board, equation: job.equationId },
          'lease lost mid-solve; leaving it to its new holder',
        );
        return 'interrupted';
      }
      throw error;
    } finally {
      await session.close();
    }
  }

  async #solve(input: string): Promise<SolveResult> {
    // Imported at the first job, not with the server (solver-module.ts). A broken
    // install is logged and ends the equation `error`, never `solving` forever; the
    // next job tries the import again.
    let normalizeProblem: (input: string) => string;
    try {
      ({ normalizeProblem } = await loadSolver());
    } catch (error) {
      if (!(error instanceof SolverLoadError)) throw error;
      this.config.logger.error({ err: error, worker: this.config.id }, error.message);
      return internalError(input, 'The solver could not be loaded on this server.');
    }
    const key = normalizeProblem(input);
    const cached = await this.config.cache.get(key);
    if (cached) return cached;
    let result: SolveResult;
    try {
      result = await this.config.solve(input);
    } catch (error) {
      // Over budget (or the thread died): the equation ends `error` with the reason,
      // never `solving` forever. Not cached: a later release may solve it in budget.
      if (!(error instanceof SolveBudgetError)) throw error;
      return internalError(key, error.message);
    }
    await this.config.cache.set(key, result);
    return result;
  }
}

function internalError(normalized: string, message: string): SolveResult {
  return {
    status: 'error',
    classification: 'unknown',
    normalized,
    steps: [],
    error: { code: 'internal', message },
    source: 'engine',
  };
}

class LeaseLostError extends Error {
  constructor(job: SolveJob) {
    super(`lease on ${job.board}/${job.equationId} lost`);
  }
}
