import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadStoredDocument } from '../db/documents.ts';
import type { Client, RunningServer } from '../testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import type { TestDatabase } from '../testing/external.ts';
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  freshPostgres,
  probePostgres,
  probeRedis,
  uniqueName,
} from '../testing/external.ts';

const postgres = await probePostgres();
const redisProbe = await probeRedis();
const skip = postgres.skip ?? redisProbe.skip;

/**
 * Client updates fan out to the instance's own clients before they are stored, and to
 * other instances only after: another instance must never hold an edit that nobody will
 * store (see `RedisUpdateFanout`). The update log is held by a lock in PostgreSQL, so the
 * append waits while the test looks at who has the edit.
 */
describe.skipIf(skip !== null)(
  `fan-out across instances waits for the disk${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    const prefix = uniqueName('mmfan');
    let db: TestDatabase;
    let redis: Redis;
    const instances: RunningServer[] = [];
    const clients: Client[] = [];

    beforeAll(async () => {
      db = await freshPostgres();
      redis = new Redis(TEST_REDIS_URL);
      for (const name of ['a', 'b'])
        instances.push(
          await startServer({
            databaseUrl: TEST_DATABASE_URL,
            databaseSchema: db.env['DATABASE_SCHEMA'] ?? '',
            redisUrl: TEST_REDIS_URL,
            redisPrefix: prefix,
            instanceName: name,
          }),
        );
    });
    afterAll(async () => {
      for (const client of clients) client.destroy();
      for (const instance of instances) await instance.server.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await db?.drop();
    });

    it('a reader on the same instance gets the edit at once, one on another only once it is stored', async () => {
      const [a, b] = instances as [RunningServer, RunningServer];
      const owner = await signUp(a.url);
      const board = await newBoard(a.url, owner.token);
      const writer = await connect(a.wsUrl, board, owner.token);
      const near = await connect(a.wsUrl, board, owner.token);
      const far = await connect(b.wsUrl, board, owner.token);
      clients.push(writer, near, far);
      // Both instances have the board loaded and linked: a first edit reaches everyone.
      writer.doc.getArray('items').push(['warm-up']);
      await waitFor('the warm-up edit everywhere', () =>
        [near, far].every((c) => c.doc.getArray('items').length === 1),
      );

      const locker = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query(
          `LOCK TABLE ${db.env['DATABASE_SCHEMA'] ?? ''}.document_updates IN EXCLUSIVE MODE`,
        );
        writer.doc.getArray('items').push(['held']);
        await waitFor(
          'the reader on the same instance',
          () => near.doc.getArray('items').length === 2,
        );
        // The append is still blocked, so nothing is stored or acknowledged yet, and the
        // other instance must not have it.
        expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
        expect(far.doc.getArray('items').length).toBe(1);
      } finally {
        await locker.query('COMMIT');
        await locker.end();
      }
      await waitFor('the edit acknowledged', () => writer.provider.unsyncedChanges === 0);
      await waitFor(
        'the reader on the other instance',
        () => far.doc.getArray('items').length === 2,
      );
      const stored = await loadStoredDocument(db.db, board);
      expect(stored.updates.length + (stored.snapshot ? 1 : 0)).toBeGreaterThan(0);
    });
  },
);
