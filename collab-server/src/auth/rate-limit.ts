import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Counters for abuse-prone endpoints (sign-in, sign-up, second factor, board creation),
 * on `rate-limiter-flexible`: Redis when configured, so every instance of a cluster
 * shares the count; in-process otherwise.
 */
export interface RateLimiter {
  /** Counts one hit on `key`; resolves to whether it is still within `limit`. */
  hit(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<{ allowed: boolean; retryAfterMs: number }>;
  /** Hits on `key` in its current window, without counting one. */
  count(key: string, limit: number, windowMs: number): Promise<number>;
  /** Forgets `key` (after a successful sign-in). */
  reset(key: string, limit: number, windowMs: number): Promise<void>;
}

type Make = (points: number, duration: number) => RateLimiterAbstract;

function flexibleRateLimiter(make: Make): RateLimiter {
  // One limiter per (limit, window): rate-limiter-flexible fixes both per instance.
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (limit: number, windowMs: number) => {
    const id = `${limit}/${windowMs}`;
    let found = limiters.get(id);
    if (!found) {
      found = make(limit, Math.max(1, Math.ceil(windowMs / 1000)));
      limiters.set(id, found);
    }
    return found;
  };
  return {
    async hit(key, limit, windowMs) {
      try {
        const res = await limiter(limit, windowMs).consume(key);
        return { allowed: true, retryAfterMs: res.msBeforeNext };
      } catch (rejection) {
        // A rejection is either "over the limit" (a RateLimiterRes) or a store error.
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterMs: rejection.msBeforeNext };
        throw rejection;
      }
    },
    async count(key, limit, windowMs) {
      return (await limiter(limit, windowMs).get(key))?.consumedPoints ?? 0;
    },
    async reset(key, limit, windowMs) {
      await limiter(limit, windowMs).delete(key);
    },
  };
}

export function memoryRateLimiter(): RateLimiter {
  return flexibleRateLimiter((points, duration) => new RateLimiterMemory({ points, duration }));
}

export function redisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  return flexibleRateLimiter(
    (points, duration) =>
      new RateLimiterRedis({
        storeClient: redis,
        // One key space: a key's window is set by its first hit (keys name their use).
        keyPrefix: `${prefix}:ratelimit`,
        points,
        duration,
      }),
  );
}
