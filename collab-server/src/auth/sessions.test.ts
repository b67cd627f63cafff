import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { TestDatabase } from '../testing/external.ts';
import { TEST_REDIS_URL, freshEmbedded, probeRedis, uniqueName } from '../testing/external.ts';
import { createUser } from '../db/users.ts';
import { findSession } from '../db/sessions.ts';
import {
  SESSION_LIFETIME_MS,
  createSession,
  invalidateAllSessions,
  validateSessionToken,
} from './sessions.ts';
import { hashToken } from './secrets.ts';
import { memoryRateLimiter, redisRateLimiter } from './rate-limit.ts';
import type { RateLimiter } from './rate-limit.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('sessions (Lucia guide)', () => {
  let t: TestDatabase;
  let userId: string;
  beforeAll(async () => {
    t = await freshEmbedded();
    userId = (
      await createUser(t.db, { email: 's@example.org', displayName: 'S', passwordHash: null })
    ).id;
  });
  afterAll(async () => {
    await t.drop();
  });

  it('stores only the SHA-256 of the token', async () => {
    const { token, session } = await createSession(t.db, userId, true);
    expect(session.id).toBe(hashToken(token));
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await findSession(t.db, token)).toBeNull();
  });

  it('slides the expiry when used in the second half of its life, and expires when idle', async () => {
    const now = Date.now();
    const { token } = await createSession(t.db, userId, true, now);
    const early = await validateSessionToken(t.db, token, now + 5 * DAY);
    expect(early?.session.expiresAt.getTime()).toBe(now + SESSION_LIFETIME_MS);
    const late = await validateSessionToken(t.db, token, now + 20 * DAY);
    expect(late?.session.expiresAt.getTime()).toBe(now + 20 * DAY + SESSION_LIFETIME_MS);
    expect(
      await validateSessionToken(t.db, token, now + 20 * DAY + SESSION_LIFETIME_MS + 1),
    ).toBeNull();
    expect(await findSession(t.db, hashToken(token))).toBeNull();
  });

  it('revokes every session of a user', async () => {
    const a = await createSession(t.db, userId, true);
    const b = await createSession(t.db, userId, true);
    expect(await invalidateAllSessions(t.db, userId)).toBeGreaterThanOrEqual(2);
    expect(await validateSessionToken(t.db, a.token)).toBeNull();
    expect(await validateSessionToken(t.db, b.token)).toBeNull();
  });
});

const redisProbe = await probeRedis();

async function checkLimiter(limiter: RateLimiter, key: string) {
  const results = [];
  for (let i = 0; i < 4; i++) results.push((await limiter.hit(key, 3, 60_000)).allowed);
  expect(results).toEqual([true, true, true, false]);
  await limiter.reset(key, 3, 60_000);
  expect((await limiter.hit(key, 3, 60_000)).allowed).toBe(true);
}

describe('sign-in rate limiter', () => {
  it('counts in process', async () => {
    await checkLimiter(memoryRateLimiter(), 'k');
  });

  it.skipIf(redisProbe.skip !== null)(
    `counts in Redis, shared by every instance${redisProbe.label}`,
    async () => {
      const prefix = uniqueName('mmtest');
      const one = new Redis(TEST_REDIS_URL);
      const two = new Redis(TEST_REDIS_URL);
      try {
        await checkLimiter(redisRateLimiter(one, prefix), 'k');
        // A second instance sees the same window.
        expect((await redisRateLimiter(two, prefix).hit('k', 1, 60_000)).allowed).toBe(false);
        expect(await one.pttl(`${prefix}:ratelimit:k`)).toBeGreaterThan(0);
      } finally {
        await one.del(`${prefix}:ratelimit:k`);
        one.disconnect();
        two.disconnect();
      }
    },
  );
});
