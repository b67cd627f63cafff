import type { Database } from '../db/database.ts';
import { toNumber } from '../db/database.ts';
import type { SolveJob, SolveQueue } from './queue.ts';

interface JobRow {
  board_id: string;
  equation_id: string;
  attempts: unknown;
}

/**
 * The queue in PostgreSQL (table `solver_jobs`, see migrations). Workers claim with
 * `FOR UPDATE SKIP LOCKED`, so concurrent claims never block on, or return, the same row;
 * leases are timestamps compared with the database's own clock, so workers on machines
 * with skewed clocks still agree on when a lease expired.
 */
export class PostgresQueue implements SolveQueue {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async enqueue(board: string, equationId: string): Promise<void> {
    await this.#db.query(
      `INSERT INTO solver_jobs (board_id, equation_id) VALUES ($1, $2)
       ON CONFLICT (board_id, equation_id) DO UPDATE
         SET requeue = solver_jobs.requeue
           OR (solver_jobs.lease_owner IS NOT NULL AND solver_jobs.lease_until > now())`,
      [board, equationId],
    );
  }

  async claim(workerId: string, leaseMs: number): Promise<SolveJob | null> {
    const { rows } = await this.#db.query<JobRow>(
      `UPDATE solver_jobs AS j
          SET lease_owner = $1,
              lease_until = now() + make_interval(secs => $2::double precision / 1000),
              attempts = j.attempts + 1,
              requeue = false
         FROM (SELECT board_id, equation_id FROM solver_jobs
                WHERE lease_owner IS NULL OR lease_until <= now()
                ORDER BY enqueued_at, board_id, equation_id
                LIMIT 1
                FOR UPDATE SKIP LOCKED) AS next
        WHERE j.board_id = next.board_id AND j.equation_id = next.equation_id
        RETURNING j.board_id, j.equation_id, j.attempts`,
      [workerId, leaseMs],
    );
    const row = rows[0];
    return row
      ? { board: row.board_id, equationId: row.equation_id, attempts: toNumber(row.attempts) }
      : null;
  }

  /** Ownership decides, not expiry: a lapsed lease nobody took is still ours (else
   * `complete` would delete a job its worker had given up on). */
  async renew(job: SolveJob, workerId: string, leaseMs: number): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      `UPDATE solver_jobs
          SET lease_until = now() + make_interval(secs => $4::double precision / 1000)
        WHERE board_id = $1 AND equation_id = $2 AND lease_owner = $3`,
      [job.board, job.equationId, workerId, leaseMs],
    );
    return rowCount > 0;
  }

  async complete(job: SolveJob, workerId: string): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query(
        `DELETE FROM solver_jobs
          WHERE board_id = $1 AND equation_id = $2 AND lease_owner = $3 AND NOT requeue`,
        [job.board, job.equationId, workerId],
      );
      await tx.query(
        `UPDATE solver_jobs SET lease_owner = NULL, lease_until = NULL, requeue = false
          WHERE board_id = $1 AND equation_id = $2 AND lease_owner = $3`,
        [job.board, job.equationId, workerId],
      );
    });
  }

  async close(): Promise<void> {
    // The database belongs to whoever opened it.
  }
}
