import type { Redis } from 'ioredis';
import type { SolveJob, SolveQueue } from './queue.ts';

/*
 * The queue in Redis: a sorted set of waiting jobs (score = enqueue time), one lease key
 * per job (`SET NX PX`: expires by itself when its worker dies), a set of jobs to run once
 * more, and a hash of attempt counts. Each operation is one Lua script, so it is atomic
 * across every server and worker sharing the Redis.
 */

const ENQUEUE = `
redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
if redis.call('EXISTS', KEYS[2] .. ARGV[1]) == 1 then redis.call('SADD', KEYS[3], ARGV[1]) end
return 1`;

const CLAIM = `
local members = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
for _, member in ipairs(members) do
  if redis.call('SET', KEYS[2] .. member, ARGV[1], 'NX', 'PX', ARGV[2]) then
    redis.call('SREM', KEYS[3], member)
    return {member, redis.call('HINCRBY', KEYS[4], member, 1)}
  end
end
return false`;

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const COMPLETE = `
if redis.call('GET', KEYS[2] .. ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('DEL', KEYS[2] .. ARGV[1])
if redis.call('SREM', KEYS[3], ARGV[1]) == 1 then return 2 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[4], ARGV[1])
return 1`;

/** Jobs scanned per claim: past the first leased ones, enough to find a free one. */
const CLAIM_SCAN = 64;

export class RedisQueue implements SolveQueue {
  readonly #redis: Redis;
  readonly #keys: { ready: string; lease: string; again: string; attempts: string };

  constructor(redis: Redis, prefix: string) {
    this.#redis = redis;
    this.#keys = {
      ready: `${prefix}:solver:ready`,
      lease: `${prefix}:solver:lease:`,
      again: `${prefix}:solver:again`,
      attempts: `${prefix}:solver:attempts`,
    };
  }

  #member(board: string, equationId: string): string {
    return JSON.stringify([board, equationId]);
  }

  async enqueue(board: string, equationId: string): Promise<void> {
    const { ready, lease, again } = this.#keys;
    await this.#redis.eval(
      ENQUEUE,
      3,
      ready,
      lease,
      again,
      this.#member(board, equationId),
      Date.now(),
    );
  }

  async claim(workerId: string, leaseMs: number): Promise<SolveJob | null> {
    const { ready, lease, again, attempts } = this.#keys;
    const result = (await this.#redis.eval(
      CLAIM,
      4,
      ready,
      lease,
      again,
      attempts,
      workerId,
      Math.max(1, Math.round(leaseMs)),
      CLAIM_SCAN,
    )) as [string, number] | null;
    if (!result) return null;
    const [board, equationId] = JSON.parse(result[0]) as [string, string];
    return { board, equationId, attempts: Number(result[1]) };
  }

  async renew(job: SolveJob, workerId: string, leaseMs: number): Promise<boolean> {
    const key = this.#keys.lease + this.#member(job.board, job.equationId);
    return (
      (await this.#redis.eval(RENEW, 1, key, workerId, Math.max(1, Math.round(leaseMs)))) === 1
    );
  }

  async complete(job: SolveJob, workerId: string): Promise<void> {
    const { ready, lease, again, attempts } = this.#keys;
    await this.#redis.eval(
      COMPLETE,
      4,
      ready,
      lease,
      again,
      attempts,
      this.#member(job.board, job.equationId),
      workerId,
    );
  }

  async close(): Promise<void> {
    // The connection belongs to whoever opened it.
  }
}
