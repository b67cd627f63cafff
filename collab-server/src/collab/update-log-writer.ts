import { createHistogram } from 'node:perf_hooks';
import type { Queryable } from '../db/database.ts';
import { appendUpdates } from '../db/documents.ts';

/** Most updates written in one INSERT. The statement has two array parameters whatever
 * its size, so the cap only bounds one statement's work: at 3,000 updates/s a batch per
 * ~100 ms round trip is ~300 rows; the old cap of 100 made the log fall behind. */
const MAX_BATCH = 1_000;
/** …and its bytes (a few large updates, e.g. a pasted image, go in smaller batches). */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Per-stage timers of the durable append (microseconds), always on (a histogram record
 * is a few ns): how long an update waits for its batch, how long the batch's INSERT
 * takes, and how many updates a batch holds. The bench's probe prints them.
 */
export const appendStages = {
  queueWaitUs: createHistogram(),
  /** The same, reset by the bench's probe each second (its per-second maximum). */
  queueWaitMaxUs: createHistogram(),
  insertUs: createHistogram(),
  /** From append to its resolution, when the acknowledgement may go (queue wait and
   * INSERT together). */
  ackUs: createHistogram(),
  batchSize: createHistogram(),
};

interface Pending {
  document: string;
  update: Uint8Array;
  queuedAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** A committed batch resolves in at most this many event-loop turns, at least
 * RELEASE_MIN_SLICE appends a turn. */
export const RELEASE_TURNS = 4;
const RELEASE_MIN_SLICE = 32;

/** Resolves in the event loop's check phase, right after the current poll phase. */
const afterThisPollPhase = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Group commit for the update log. While one INSERT is in flight, new appends queue up
 * and go together in the next one, so under load the database sees one statement per
 * round trip instead of one per update, and no update waits for more than the batch
 * ahead of it. Each append resolves only once its own row is committed, and rejects
 * (with the whole batch) when that INSERT fails: not stored means not acknowledged.
 *
 * The first INSERT of a burst waits for the end of the current poll phase (one
 * `setImmediate`), so every update read from the sockets in that phase shares it. Without
 * that wait the first append went alone, and on the embedded PGlite, which runs its
 * INSERT synchronously inside the same microtask drain, there was never a second one in
 * flight to batch behind: every update paid a whole statement (parse, bind, execute,
 * commit, WAL write). The wait adds no latency of note: the other messages of the phase
 * only need decoding before the check phase runs.
 */
export class UpdateLogWriter {
  private readonly db: Queryable;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;

  constructor(db: Queryable) {
    this.db = db;
  }

  append(document: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ document, update, queuedAt: performance.now(), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when everything appended so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      await afterThisPollPhase();
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, batchLength(this.queue));
        const started = performance.now();
        for (const item of batch) {
          record(appendStages.queueWaitUs, started - item.queuedAt);
          record(appendStages.queueWaitMaxUs, started - item.queuedAt);
        }
        appendStages.batchSize.record(batch.length);
        try {
          await appendUpdates(this.db, batch);
          record(appendStages.insertUs, performance.now() - started);
          void this.release(batch);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Resolves a committed batch: a large one over up to RELEASE_TURNS event-loop turns
   * (socket reads and fan-outs run between), so that the rest of every message in it
   * (Hocuspocus's apply, the acknowledgement, the after-hooks) does not run in one
   * microtask drain. The next INSERT is already on its way meanwhile. */
  private async release(batch: readonly Pending[]): Promise<void> {
    const slice = Math.max(RELEASE_MIN_SLICE, Math.ceil(batch.length / RELEASE_TURNS));
    for (let i = 0; i < batch.length; i += slice) {
      if (i > 0) await afterThisPollPhase();
      const now = performance.now();
      for (const item of batch.slice(i, i + slice)) {
        record(appendStages.ackUs, now - item.queuedAt);
        item.resolve();
      }
    }
  }
}

const record = (histogram: ReturnType<typeof createHistogram>, ms: number) =>
  histogram.record(Math.max(1, Math.round(ms * 1000)));

/** How many queued updates the next INSERT takes: up to MAX_BATCH rows and
 * MAX_BATCH_BYTES, at least one. */
function batchLength(queue: readonly Pending[]): number {
  let bytes = 0;
  let n = 0;
  while (n < queue.length && n < MAX_BATCH) {
    bytes += (queue[n] as Pending).update.byteLength;
    if (n > 0 && bytes > MAX_BATCH_BYTES) break;
    n += 1;
  }
  return n;
}
