/**
 * The solve queue: which equations on which boards need a worker, and which worker holds
 * each one (a lease). Exactly one live lease per equation at a time is what keeps two
 * workers from solving the same equation; an expired lease lets another worker take
 * over from one that died.
 *
 * Three implementations share this contract (and one contract test): in-process
 * (embedded default), PostgreSQL (`FOR UPDATE SKIP LOCKED`) and Redis.
 */

export interface SolveJob {
  readonly board: string;
  readonly equationId: string;
  /** How many times this job has been claimed, this claim included. */
  readonly attempts: number;
}

export interface SolveQueue {
  /**
   * Ask for the equation to be solved. Idempotent: a waiting job stays one job. When the
   * job is leased right now, it is marked to run once more after the current lease
   * completes, so an edit made during a solve is never lost.
   */
  enqueue(board: string, equationId: string): Promise<void>;
  /** Lease the oldest job nobody holds (or whose lease expired). */
  claim(workerId: string, leaseMs: number): Promise<SolveJob | null>;
  /** Extend a lease still held; false when it was lost: taken by another worker, or (Redis,
   * where a lapsed lease key is gone) lapsed, in which case the job stays claimable. */
  renew(job: SolveJob, workerId: string, leaseMs: number): Promise<boolean>;
  /** Done: remove the job, or release it when it was re-enqueued meanwhile. */
  complete(job: SolveJob, workerId: string): Promise<void>;
  close(): Promise<void>;
}

interface MemoryEntry {
  enqueuedAt: number;
  owner: string | null;
  leaseUntil: number;
  attempts: number;
  requeue: boolean;
}

/** In-process queue for the embedded default: one server process, its own workers. */
export class MemoryQueue implements SolveQueue {
  readonly #jobs = new Map<string, MemoryEntry & { board: string; equationId: string }>();
  readonly #now: () => number;
  #sequence = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async enqueue(board: string, equationId: string): Promise<void> {
    const key = `${board}\n${equationId}`;
    const existing = this.#jobs.get(key);
    if (existing) {
      if (existing.owner !== null && existing.leaseUntil > this.#now()) existing.requeue = true;
      return;
    }
    // A sequence, not the clock, orders jobs: several may arrive within one millisecond.
    this.#jobs.set(key, {
      board,
      equationId,
      enqueuedAt: this.#sequence++,
      owner: null,
      leaseUntil: 0,
      attempts: 0,
      requeue: false,
    });
  }

  async claim(workerId: string, leaseMs: number): Promise<SolveJob | null> {
    const now = this.#now();
    let next: (MemoryEntry & { board: string; equationId: string }) | undefined;
    for (const job of this.#jobs.values()) {
      const free = job.owner === null || job.leaseUntil <= now;
      if (free && (next === undefined || job.enqueuedAt < next.enqueuedAt)) next = job;
    }
    if (!next) return null;
    next.owner = workerId;
    next.leaseUntil = now + leaseMs;
    next.attempts += 1;
    next.requeue = false;
    return { board: next.board, equationId: next.equationId, attempts: next.attempts };
  }

  async renew(job: SolveJob, workerId: string, leaseMs: number): Promise<boolean> {
    const entry = this.#jobs.get(`${job.board}\n${job.equationId}`);
    // Ownership, not the clock, decides: a lease that lapsed while nobody claimed it is
    // still this worker's. (Refusing it here, then letting `complete` delete the job,
    // left the equation `solving` with no job behind it.)
    if (!entry || entry.owner !== workerId) return false;
    entry.leaseUntil = this.#now() + leaseMs;
    return true;
  }

  async complete(job: SolveJob, workerId: string): Promise<void> {
    const key = `${job.board}\n${job.equationId}`;
    const entry = this.#jobs.get(key);
    if (!entry || entry.owner !== workerId) return;
    if (entry.requeue) {
      entry.owner = null;
      entry.leaseUntil = 0;
      entry.requeue = false;
    } else {
      this.#jobs.delete(key);
    }
  }

  async close(): Promise<void> {
    this.#jobs.clear();
  }
}
