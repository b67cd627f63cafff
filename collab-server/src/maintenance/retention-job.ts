import type { Database } from '../db/database.ts';
import { purgeExpired } from '../db/retention.ts';
import type { RetentionPolicy } from '../db/retention.ts';
import type { Logger } from '../logger.ts';

export interface RetentionJobOptions {
  db: Database;
  logger: Logger;
  policy: RetentionPolicy;
  /** Time between runs; 0 turns the job off (e.g. a separate cron does it). */
  intervalMs: number;
}

/**
 * Runs `purgeExpired` once at start and then every `intervalMs`. The timer is unref'd, so
 * it never keeps a stopping process alive, and a run never overlaps the previous one (a
 * slow database would otherwise stack deletes).
 */
export class RetentionJob {
  readonly #options: RetentionJobOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;

  constructor(options: RetentionJobOptions) {
    this.#options = options;
  }

  start() {
    if (this.#options.intervalMs <= 0 || this.#timer) return;
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One run (also what the tests call); resolves when it is done, never rejects. */
  runOnce(now?: Date): Promise<void> {
    this.#running ??= (async () => {
      const { db, logger, policy } = this.#options;
      try {
        const purged = await purgeExpired(db, policy, now);
        logger.info({ purged }, 'expired sessions and old rows purged');
      } catch (error) {
        // Next run tries again; nothing here is urgent.
        logger.warn({ err: error }, 'retention job failed');
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  /** Stops the timer and waits for a run in progress (before the database closes). */
  async stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
