import type { Redis } from 'ioredis';

/**
 * Fixed-window counters for abuse-prone endpoints (sign-in, second factor). Backed by
 * Redis when configured, so every instance of a cluster shares the count; in-process
 * otherwise.
 */
export interface RateLimiter {
  /** Counts one hit on `key`; resolves to whether it is still within `limit`. */
  hit(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Forgets `key` (after a successful sign-in). */
  reset(key: string): Promise<void>;
}

/** Past this many keys the in-process limiter sweeps expired windows, bounding memory. */
const MEMORY_SWEEP_THRESHOLD = 10_000;

export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowMs) {
      const t = now();
      if (windows.size > MEMORY_SWEEP_THRESHOLD) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      return { allowed: w.count <= limit, retryAfterMs: Math.max(0, w.resetAt - t) };
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const k = `${prefix}:ratelimit:${key}`;
      // INCR then set the expiry only on the first hit: one round trip via MULTI.
      const result = await redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec();
      const count = Number(result?.[0]?.[1] ?? 0);
      const ttl = Number(result?.[2]?.[1] ?? windowMs);
      return { allowed: count <= limit, retryAfterMs: Math.max(0, ttl) };
    },
    async reset(key) {
      await redis.del(`${prefix}:ratelimit:${key}`);
    },
  };
}
