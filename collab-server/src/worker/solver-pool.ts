import { Worker } from 'node:worker_threads';
import type { FallbackOptions, SolveResult } from '@motionmath/solver';
import type { SolveRequest } from './solver-thread.ts';

/** The budget one equation may spend in a solver thread. */
export interface SolveBudget {
  /** Wall time per equation; past it the thread is terminated. School problems take
   * milliseconds; 5 s leaves room for a loaded machine, not for a 20 s `derivative`. */
  readonly timeMs: number;
  /** V8 old-generation heap per thread (`resourceLimits.maxOldGenerationSizeMb`). */
  readonly memoryMb: number;
}

export const DEFAULT_SOLVE_BUDGET: SolveBudget = { timeMs: 5_000, memoryMb: 256 };

/** The young generation is kept small too, so the heap cap above is the real bound. */
const YOUNG_GENERATION_MB = 16;

/** The equation overran its budget: it ends `error` on the board with this message. */
export class SolveBudgetError extends Error {}

type Reply = { ready?: true; id?: number; result?: SolveResult; error?: string };

/** A running thread: `ready` once the solver has loaded (the budget starts after it). */
interface Running {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  /** Settles the equation it works on, if any (on a reply, an error or its exit). */
  settle: ((outcome: { result?: SolveResult; error?: Error }) => void) | null;
}

/** One thread slot: solves one equation at a time, replaced when it overran. */
class SolverThread {
  readonly #options: FallbackOptions;
  readonly #budget: SolveBudget;
  #running: Running | null = null;
  #sequence = 0;
  busy = false;

  constructor(options: FallbackOptions, budget: SolveBudget) {
    this.#options = options;
    this.#budget = budget;
  }

  #spawn(): Running {
    const worker = new Worker(new URL('./solver-thread.ts', import.meta.url), {
      workerData: this.#options,
      resourceLimits: {
        maxOldGenerationSizeMb: this.#budget.memoryMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
    });
    let ready!: () => void;
    let failed!: (error: Error) => void;
    const running: Running = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        ready = resolve;
        failed = reject;
      }),
      settle: null,
    };
    running.ready.catch(() => {}); // also reported through `settle`
    const end = (error: Error) => {
      if (this.#running === running) this.#running = null;
      failed(error);
      running.settle?.({ error });
    };
    worker.on('message', (reply: Reply) => {
      if (reply.ready) return ready();
      running.settle?.(
        reply.result ? { result: reply.result } : { error: new Error(reply.error ?? 'failed') },
      );
    });
    worker.on('error', (error: Error & { code?: string }) =>
      end(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new SolveBudgetError(
              `This equation needs more memory than the solver allows (${this.#budget.memoryMb} MB).`,
            )
          : error,
      ),
    );
    worker.on('exit', () => end(new Error('the solver thread exited')));
    // An idle pool must not keep the process alive.
    worker.unref();
    return running;
  }

  /** Starts the thread now, so the first equation does not wait for the solver to load. */
  warm(): void {
    this.#running ??= this.#spawn();
  }

  /** Resolves once the thread has loaded the solver. */
  async ready(): Promise<void> {
    this.warm();
    await this.#running?.ready;
  }

  async solve(input: string): Promise<SolveResult> {
    const running = (this.#running ??= this.#spawn());
    await running.ready;
    const id = ++this.#sequence;
    return new Promise<SolveResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Terminating is the only way to stop synchronous work in a thread.
        if (this.#running === running) this.#running = null;
        running.settle?.({
          error: new SolveBudgetError(
            `This equation took too long to solve (limit ${this.#budget.timeMs / 1000} s).`,
          ),
        });
        void running.worker.terminate();
        this.warm(); // the next equation should not wait for a fresh solver to load
      }, this.#budget.timeMs);
      running.settle = ({ result, error }) => {
        clearTimeout(timer);
        running.settle = null;
        if (result) resolve(result);
        else reject(error ?? new Error('the solver thread failed'));
      };
      running.worker.postMessage({ id, input } satisfies SolveRequest);
    });
  }

  async close(): Promise<void> {
    const running = this.#running;
    this.#running = null;
    await running?.worker.terminate();
  }
}

/**
 * Solving off the server's event loop: `size` threads, each with a hard time and memory
 * budget per equation. A thread that overruns is terminated (a fresh one starts for the
 * next equation) and the caller gets a SolveBudgetError. Hand-rolled over
 * `worker_threads` (~150 lines) rather than piscina/tinypool: we need a per-task wall
 * clock that kills a thread stuck in synchronous code, and the out-of-memory exit of
 * `resourceLimits` told apart from other failures, which those pools do not expose.
 */
export class SolverPool {
  readonly #threads: SolverThread[];
  readonly #waiting: (() => void)[] = [];

  constructor(options: { size: number; budget?: SolveBudget; solverOptions?: FallbackOptions }) {
    const budget = options.budget ?? DEFAULT_SOLVE_BUDGET;
    this.#threads = Array.from(
      { length: Math.max(1, options.size) },
      () => new SolverThread(options.solverOptions ?? {}, budget),
    );
  }

  /** Starts every thread (the server does this at start-up). */
  warm(): void {
    for (const thread of this.#threads) thread.warm();
  }

  /** Resolves once every thread has loaded the solver (seconds on a busy machine). */
  async ready(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.ready()));
  }

  async solve(input: string): Promise<SolveResult> {
    let thread = this.#threads.find((t) => !t.busy);
    while (!thread) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
      thread = this.#threads.find((t) => !t.busy);
    }
    thread.busy = true;
    try {
      return await thread.solve(input);
    } finally {
      thread.busy = false;
      this.#waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#threads.map((t) => t.close()));
  }
}
