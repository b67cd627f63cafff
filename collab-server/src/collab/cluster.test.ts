import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import type { Client, RunningServer } from '../testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import { startTcpProxy } from '../testing/tcp-proxy.ts';
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
/** Connect/disconnect cycles for the connection-leak check (upstream issue #1024). */
const CHURN_CYCLES = 30;

describe.skipIf(skip !== null)(
  `cluster: 3 instances over Redis${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    const prefix = uniqueName('mmtest');
    let pg: TestDatabase;
    let redis: Redis;
    const instances: RunningServer[] = [];

    beforeAll(async () => {
      pg = await freshPostgres();
      redis = new Redis(TEST_REDIS_URL);
      for (const name of ['a', 'b', 'c']) {
        instances.push(
          await startServer({
            databaseUrl: TEST_DATABASE_URL,
            databaseSchema: pg.env['DATABASE_SCHEMA'] ?? '',
            redisUrl: TEST_REDIS_URL,
            redisPrefix: prefix,
            instanceName: name,
          }),
        );
      }
    });
    afterAll(async () => {
      for (const instance of instances) await instance.server.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await pg?.drop();
    });

    /** Our instances' Redis connections, by id (named `<prefix>:<instance>`). */
    async function ourRedisClients(): Promise<string[]> {
      const list = (await redis.call('CLIENT', 'LIST')) as string;
      return list
        .split('\n')
        .filter((line) => line.includes(` name=${prefix}:`))
        .map((line) => /\bid=(\d+)/.exec(line)?.[1] ?? '')
        .sort();
    }

    it('converges documents and awareness across instances', async () => {
      const [a, b, c] = instances as [RunningServer, RunningServer, RunningServer];
      const owner = await signUp(a.url);
      const board = await newBoard(b.url, owner.token);
      const clients: Client[] = [];
      for (const instance of [a, b, c])
        clients.push(await connect(instance.wsUrl, board, owner.token));
      clients.forEach((client, i) => {
        client.doc.getArray('items').push([`from ${'abc'[i]}`]);
        client.provider.setAwarenessField('user', { name: `user-${'abc'[i]}` });
      });
      await waitFor('all three documents to converge', () =>
        clients.every((client) => client.doc.getArray('items').length === 3),
      );
      const contents = clients.map((client) =>
        JSON.stringify(client.doc.getArray('items').toArray()),
      );
      expect(new Set(contents).size).toBe(1);
      await waitFor('everyone to see everyone’s presence', () =>
        clients.every((client) => {
          const names = [...client.provider.awareness!.getStates().values()].map(
            (st) => (st['user'] as { name?: string } | undefined)?.name,
          );
          return ['user-a', 'user-b', 'user-c'].every((n) => names.includes(n));
        }),
      );
      for (const client of clients) client.destroy();
    });

    // A change used to cross as a state-vector exchange (SyncStep1, each peer's SyncStep2
    // and SyncStep1, the origin's SyncStep2): three messages per peer. Now it is the update
    // itself, once (collab/redis-update-fanout.ts).
    it('sends a change to the other instances as one update message', async () => {
      const [a, b, c] = instances as [RunningServer, RunningServer, RunningServer];
      const owner = await signUp(a.url);
      const board = await newBoard(a.url, owner.token);
      const clients: Client[] = [];
      for (const instance of [a, b, c])
        clients.push(await connect(instance.wsUrl, board, owner.token));
      const length = (client: Client) => client.doc.getArray('items').length;
      const settle = () => new Promise((r) => setTimeout(r, 300));
      clients[0]?.doc.getArray('items').push(['warm-up']);
      await waitFor('the warm-up edit everywhere', () => clients.every((cl) => length(cl) === 1));
      await settle(); // the load-time exchanges are over

      // Every sync message about this board, on its channel and on the reply channels.
      const listener = new Redis(TEST_REDIS_URL);
      const syncMessages: string[] = [];
      listener.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, data: Buffer) => {
        const decoder = decoding.createDecoder(data.subarray((data[0] ?? 0) + 1));
        if (decoding.readVarString(decoder) !== board) return;
        const type = decoding.readVarUint(decoder);
        const kind = { 0: 'sync', 4: 'sync reply' }[type];
        if (kind) syncMessages.push(`${kind} ${decoding.readVarUint(decoder)}`);
      });
      await listener.psubscribe(`${prefix}:collab*`);
      try {
        clients[1]?.doc.getArray('items').push(['one']);
        await waitFor('the edit everywhere', () => clients.every((cl) => length(cl) === 2));
        await settle();
        expect(syncMessages).toEqual(['sync 2']); // y-protocols: messageYjsUpdate
      } finally {
        listener.disconnect();
        for (const client of clients) client.destroy();
      }
    });

    it('keeps the Redis connection count flat over many connects and disconnects', async () => {
      const [a, b, c] = instances as [RunningServer, RunningServer, RunningServer];
      const owner = await signUp(a.url);
      const boards = [await newBoard(a.url, owner.token), await newBoard(a.url, owner.token)];
      const before = await ourRedisClients();
      expect(before.length).toBeGreaterThan(0);
      for (let i = 0; i < CHURN_CYCLES; i++) {
        const instance = [a, b, c][i % 3] as RunningServer;
        const client = await connect(instance.wsUrl, boards[i % 2] as string, owner.token);
        client.doc.getArray('items').push([i]);
        await waitFor('the edit to be acknowledged', () => client.provider.unsyncedChanges === 0);
        client.destroy();
      }
      // Same connections, same ids: none leaked, none churned (issue #1024 saw thousands
      // of short-lived connections while the current count looked stable).
      expect(await ourRedisClients()).toEqual(before);
    });

    // Found by the cluster fault test (infra, `npm run test:cluster`): Redis pub/sub keeps
    // nothing, so an edit published while an instance was cut off from Redis never
    // reached it, and a board left alone afterwards stayed different on each instance.
    it('brings an instance that lost Redis up to date with what it missed, once back', async () => {
      const [a] = instances as [RunningServer];
      const redisUrl = new URL(TEST_REDIS_URL);
      const proxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
      const cutOff = await startServer({
        databaseUrl: TEST_DATABASE_URL,
        databaseSchema: pg.env['DATABASE_SCHEMA'] ?? '',
        redisUrl: `redis://127.0.0.1:${proxy.port}`,
        redisPrefix: prefix,
        instanceName: 'cut-off',
      });
      try {
        const owner = await signUp(a.url);
        const board = await newBoard(a.url, owner.token);
        const writer = await connect(a.wsUrl, board, owner.token);
        const reader = await connect(cutOff.wsUrl, board, owner.token);
        const items = (client: Client) => client.doc.getArray<string>('items').toArray();
        writer.doc.getArray('items').push(['before']);
        await waitFor('the reader to see the first edit', () => items(reader).includes('before'));

        proxy.cut();
        writer.doc.getArray('items').push(['during']);
        await waitFor('the edit to be acknowledged', () => writer.provider.unsyncedChanges === 0);
        // Long enough for instance a to publish the edit, which nobody relays to cut-off.
        await new Promise((r) => setTimeout(r, 500));
        expect(items(reader)).toEqual(['before']);
        proxy.restore();

        // Nobody edits the board again: cut-off must catch up by itself.
        await waitFor('the reader to see the edit made while it was cut off', () =>
          items(reader).includes('during'),
        );
        expect(items(reader)).toEqual(items(writer));
        writer.destroy();
        reader.destroy();
      } finally {
        await cutOff.server.close();
        await proxy.close();
      }
    });
  },
);
