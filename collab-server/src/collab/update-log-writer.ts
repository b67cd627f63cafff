import type { Queryable } from '../db/database.ts';
import { appendUpdates } from '../db/documents.ts';

/** Most updates written in one INSERT: 200 parameters, far below PostgreSQL's 65,535, and
 * a statement that stays small even when each update is a few KiB. */
const MAX_BATCH = 100;

interface Pending {
  document: string;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

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
      this.queue.push({ document, update, resolve, reject });
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
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await appendUpdates(this.db, batch);
          for (const item of batch) item.resolve();
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.flushing = null;
    }
  }
}
