import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../testing/external.ts';
import {
  TEST_REDIS_URL,
  freshPglite,
  freshPostgres,
  probePostgres,
  probeRedis,
  uniqueName,
} from '../testing/external.ts';
import { MemoryQueue } from './queue.ts';
import type { SolveQueue } from './queue.ts';
import { PostgresQueue } from './queue-postgres.ts';
import { RedisQueue } from './queue-redis.ts';

/** The queue contract, run against every implementation. */
const postgres = await probePostgres();
const redis = await probeRedis();

interface Backend {
  name: string;
  skip: string | null;
  open(): Promise<{ queue: SolveQueue; close(): Promise<void> }>;
}

const fromDatabase = (open: () => Promise<TestDatabase>) => async () => {
  const t = await open();
  return { queue: new PostgresQueue(t.db), close: () => t.drop() };
};

const backends: Backend[] = [
  {
    name: 'memory',
    skip: null,
    open: async () => ({ queue: new MemoryQueue(), close: async () => {} }),
  },
  { name: 'postgres (PGlite)', skip: null, open: fromDatabase(freshPglite) },
  { name: `postgres${postgres.label}`, skip: postgres.skip, open: fromDatabase(freshPostgres) },
  {
    name: `redis${redis.label}`,
    skip: redis.skip,
    open: async () => {
      const client = new Redis(TEST_REDIS_URL);
      const prefix = uniqueName('mmq');
      return {
        queue: new RedisQueue(client, prefix),
        close: async () => {
          const keys = await client.keys(`${prefix}:*`);
          if (keys.length > 0) await client.del(...keys);
          client.disconnect();
        },
      };
    },
  },
];

/** Long enough never to expire during a test step, even on a loaded machine. */
const LONG_LEASE_MS = 60_000;
/** Short enough to expire within a test; the test sleeps past it. */
const SHORT_LEASE_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of backends) {
  describe.skipIf(backend.skip !== null)(`solve queue contract: ${backend.name}`, () => {
    // Each test gets its own queue: no job left by one test can satisfy another.
    let queue: SolveQueue;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ queue, close } = await backend.open());
    });
    afterEach(async () => {
      await close?.();
    });

    it('hands out each job to exactly one of many racing workers', async () => {
      await queue.enqueue('b1', 'e1');
      await queue.enqueue('b1', 'e2');
      await queue.enqueue('b1', 'e1'); // idempotent
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => queue.claim(`w${i}`, LONG_LEASE_MS)),
      );
      const won = claims.filter((c) => c !== null);
      // Which racer wins which job is up to the scheduler: compare as a set.
      expect(won.map((c) => c.equationId).sort()).toEqual(['e1', 'e2']);
      expect(await queue.claim('late', LONG_LEASE_MS)).toBeNull();
      for (const [i, claim] of claims.entries()) if (claim) await queue.complete(claim, `w${i}`);
      expect(await queue.claim('after', LONG_LEASE_MS)).toBeNull();
    });

    it('hands out jobs oldest first', async () => {
      // Enqueued out of name order, so a queue that sorted by id would fail.
      for (const id of ['e3', 'e1', 'e2']) {
        await queue.enqueue('b1', id);
        await sleep(5); // distinct enqueue times, also for a millisecond clock
      }
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        const job = await queue.claim(`w${i}`, LONG_LEASE_MS);
        order.push(job?.equationId ?? 'none');
      }
      expect(order).toEqual(['e3', 'e1', 'e2']);
    });

    it('keeps a lapsed lease that nobody took for its holder, or leaves the job claimable', async () => {
      await queue.enqueue('b4', 'slow');
      const job = await queue.claim('slow-worker', SHORT_LEASE_MS);
      await sleep(SHORT_LEASE_MS * 3); // its event loop was busy: no renewal in time
      const renewed = await queue.renew(job!, 'slow-worker', LONG_LEASE_MS);
      if (!renewed) {
        // Lost: completing must not delete a job its worker gave up on.
        await queue.complete(job!, 'slow-worker');
        expect(await queue.claim('next', LONG_LEASE_MS)).toMatchObject({ equationId: 'slow' });
        return;
      }
      // Still ours: nobody else may take it, and completing removes it.
      expect(await queue.claim('other', LONG_LEASE_MS)).toBeNull();
      await queue.complete(job!, 'slow-worker');
      expect(await queue.claim('other', LONG_LEASE_MS)).toBeNull();
    });

    it('gives an expired lease to another worker, which alone may complete it', async () => {
      await queue.enqueue('b2', 'dead');
      const first = await queue.claim('dies', SHORT_LEASE_MS);
      expect(first).toMatchObject({ board: 'b2', equationId: 'dead', attempts: 1 });
      expect(await queue.claim('rescuer', LONG_LEASE_MS)).toBeNull();
      await sleep(SHORT_LEASE_MS * 3);
      const second = await queue.claim('rescuer', LONG_LEASE_MS);
      expect(second).toMatchObject({ board: 'b2', equationId: 'dead', attempts: 2 });
      expect(await queue.renew(first!, 'dies', LONG_LEASE_MS)).toBe(false);
      await queue.complete(first!, 'dies'); // no longer its job: a no-op
      expect(await queue.renew(second!, 'rescuer', LONG_LEASE_MS)).toBe(true);
      await queue.complete(second!, 'rescuer');
      expect(await queue.claim('anyone', LONG_LEASE_MS)).toBeNull();
    });

    it('runs a job once more when it was enqueued again during its lease', async () => {
      await queue.enqueue('b3', 'edited');
      const job = await queue.claim('w', LONG_LEASE_MS);
      await queue.enqueue('b3', 'edited'); // an edit arrives mid-solve
      await queue.complete(job!, 'w');
      const again = await queue.claim('w', LONG_LEASE_MS);
      expect(again).toMatchObject({ equationId: 'edited' });
      await queue.complete(again!, 'w');
      expect(await queue.claim('w', LONG_LEASE_MS)).toBeNull();
    });
  });
}
