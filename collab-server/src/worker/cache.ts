import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { SolveResult } from '@motionmath/solver';

/**
 * Solutions cached by normalized problem: a class that writes `x^2-5x+6=0` on thirty
 * boards costs one solve. In memory first (LRU), then Redis when configured, so every
 * worker of a cluster shares what any of them solved.
 */
export interface SolveCache {
  get(key: string): Promise<SolveResult | undefined>;
  set(key: string, result: SolveResult): Promise<void>;
}

/** Entries kept in memory: solutions are a few KB, so this bounds the cache to a few MB. */
const DEFAULT_LRU_ENTRIES = 1_000;
/** How long Redis keeps a solution: the solver improves between releases, so not forever. */
const REDIS_TTL_SECONDS = 7 * 24 * 60 * 60;

/** In-process LRU (the `lru-cache` package). */
export class LruCache implements SolveCache {
  readonly #entries: LRUCache<string, SolveResult>;

  constructor(capacity = DEFAULT_LRU_ENTRIES) {
    this.#entries = new LRUCache({ max: capacity });
  }

  async get(key: string): Promise<SolveResult | undefined> {
    return this.#entries.get(key);
  }

  async set(key: string, result: SolveResult): Promise<void> {
    this.#entries.set(key, result);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** LRU in front of Redis. A Redis failure only costs a cache miss, never a solve. */
export class TieredCache implements SolveCache {
  readonly #memory: LruCache;
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string, memory = new LruCache()) {
    this.#redis = redis;
    this.#prefix = `${prefix}:solver:cache:`;
    this.#memory = memory;
  }

  async get(key: string): Promise<SolveResult | undefined> {
    const local = await this.#memory.get(key);
    if (local !== undefined) return local;
    try {
      const raw = await this.#redis.get(this.#prefix + key);
      if (raw === null) return undefined;
      const result = JSON.parse(raw) as SolveResult;
      await this.#memory.set(key, result);
      return result;
    } catch {
      return undefined;
    }
  }

  async set(key: string, result: SolveResult): Promise<void> {
    await this.#memory.set(key, result);
    try {
      await this.#redis.set(this.#prefix + key, JSON.stringify(result), 'EX', REDIS_TTL_SECONDS);
    } catch {
      // Shared caching is an optimisation: the solution is already on the board.
    }
  }
}
