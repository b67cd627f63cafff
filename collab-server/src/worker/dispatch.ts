import type { Extension, afterLoadDocumentPayload, onChangePayload } from '@hocuspocus/server';
import { effectiveStatus, listEquations } from '@motionmath/protocol';
import type * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { SolveQueue } from './queue.ts';

export interface SolverDispatchConfig {
  readonly queue: SolveQueue;
  readonly logger: Logger;
  /** Called after jobs were enqueued (wakes in-process workers without waiting for a poll). */
  readonly onEnqueued: () => void;
  /**
   * Changes arrive per keystroke and per stroke; scanning the equations once per burst
   * is enough, and a human cannot tell 50 ms apart.
   */
  readonly debounceMs: number;
}

/**
 * Hocuspocus extension that turns `pending` equations into queue jobs. Every instance
 * that holds a board scans it, and enqueueing is idempotent, so in a cluster it does not
 * matter which instance sees the change first.
 */
export class SolverDispatch implements Extension {
  extensionName = 'motionmath-solver-dispatch';
  readonly #config: SolverDispatchConfig;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    config: Partial<SolverDispatchConfig> & Pick<SolverDispatchConfig, 'queue' | 'logger'>,
  ) {
    this.#config = { onEnqueued: () => {}, debounceMs: 50, ...config };
  }

  /**
   * On load, `solving` equations count too: their worker may have died with the previous
   * process (an in-process queue forgets its leases). A live worker is unaffected: its
   * job is only marked to run once more, and then finds the equation solved.
   */
  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    await this.scan(documentName, document, true);
  }

  async onChange({ documentName, document }: onChangePayload): Promise<void> {
    clearTimeout(this.#timers.get(documentName));
    this.#timers.set(
      documentName,
      setTimeout(() => {
        this.#timers.delete(documentName);
        void this.scan(documentName, document, false);
      }, this.#config.debounceMs),
    );
  }

  async onDestroy(): Promise<void> {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Enqueue every equation of these boards that needs a worker; `solving` ones too
   * unless told not to (after the queue may have lost its jobs and leases). */
  async scanAll(documents: ReadonlyMap<string, Y.Doc>, includeSolving = true): Promise<number> {
    let enqueued = 0;
    for (const [board, doc] of documents) enqueued += await this.scan(board, doc, includeSolving);
    return enqueued;
  }

  /** Enqueue the board's equations that need a worker. Never throws into Hocuspocus. */
  async scan(board: string, doc: Y.Doc, includeSolving: boolean): Promise<number> {
    try {
      let enqueued = 0;
      for (const equation of listEquations(doc).items) {
        const status = effectiveStatus(equation);
        if (status === 'pending' || (includeSolving && status === 'solving')) {
          await this.#config.queue.enqueue(board, equation.id);
          enqueued++;
        }
      }
      if (enqueued > 0) this.#config.onEnqueued();
      return enqueued;
    } catch (error) {
      // A dead Redis or database must not break editing: the next change retries.
      this.#config.logger.warn({ err: error, board }, 'could not enqueue equations for solving');
      return 0;
    }
  }
}
