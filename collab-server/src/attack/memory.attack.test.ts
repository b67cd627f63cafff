/** Finding 1: one free account crashed the server out of memory: boards filled with tiny
 * map entries (cheap encoded, 20–50× that in heap), unlimited boards and sign-ups. */
import { seededRandom, testSeed } from '@motionmath/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../testing/harness.ts';
import { api, signUp, startServer } from '../testing/harness.ts';
import { RawSocket, tinyEntries, updateFrame } from './raw-client.ts';

const MIB = 2 ** 20;
/** Small caps, so the attack reaches them in seconds; the defaults scale them up. */
const LIMITS = {
  maxDocumentMemoryBytes: 24 * MIB,
  maxLoadedMemoryBytes: 64 * MIB,
  maxLoadedDocumentsPerOwner: 3,
};
const QUOTAS = { maxBoardsPerUser: 4, signupsPerAddressPerHour: 3 };
/** The configured ceiling this test holds the server to: the loaded-memory budget plus
 * the server's own baseline slack. */
const HEAP_CEILING_BYTES = LIMITS.maxLoadedMemoryBytes + 192 * MIB;

let s: RunningServer;
beforeAll(async () => {
  s = await startServer({ limits: LIMITS, quotas: QUOTAS });
});
afterAll(async () => {
  await s?.server.close();
});

describe('attack 1: memory exhaustion by one account', () => {
  it('limits sign-ups per address and boards per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < QUOTAS.signupsPerAddressPerHour + 1; i++) {
      const res = await api(s.url, 'POST', '/api/auth/signup', {
        body: { email: `flood${i}-${Date.now()}@example.org`, password: 'correct horse battery' },
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, QUOTAS.signupsPerAddressPerHour).every((st) => st === 201)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('keeps the heap under its ceiling while boards are filled with tiny entries', async () => {
    const random = seededRandom(testSeed('attack memory'));
    // A fresh server: the sign-up test used this one's address quota.
    const server = await startServer({ limits: LIMITS, quotas: QUOTAS });
    try {
      const attacker = await signUp(server.url);
      const boards: string[] = [];
      for (let i = 0; i < QUOTAS.maxBoardsPerUser + 1; i++) {
        const res = await api(server.url, 'POST', '/api/boards', {
          token: attacker.token,
          body: { name: `b${i}` },
        });
        if (res.status === 201) boards.push(String((res.body['board'] as { id: string }).id));
        else expect(res.status).toBe(403);
      }
      expect(boards).toHaveLength(QUOTAS.maxBoardsPerUser);
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      let peak = heapBefore;
      let refused = 0;
      const holders: RawSocket[] = [];
      for (const board of boards) {
        const socket = new RawSocket(server.wsUrl);
        try {
          await socket.auth(board, attacker.token);
        } catch (error) {
          // Past the per-owner cap of loaded boards: refused before it loads.
          expect(String(error)).toMatch(/boards open already/);
          refused += 1;
          socket.close();
          continue;
        }
        const doc = new Y.Doc();
        // ~60 000 entries ≈ 600 KB an update, well under the message cap.
        for (let offset = 0; socket.ws.readyState === socket.ws.OPEN; offset += 60_000) {
          const ack = socket.next((d) => (d.arr[d.pos] === 8 ? true : undefined));
          socket.send(updateFrame(board, tinyEntries(doc, 55_000 + random.int(0, 10_000), offset)));
          await Promise.race([ack, socket.closed]);
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        const closed = await socket.closed;
        expect(closed.code).toBe(4413);
        // The attacker keeps the full board loaded with a socket that only listens.
        const holder = new RawSocket(server.wsUrl);
        await holder.auth(board, attacker.token);
        holders.push(holder);
        expect(server.server.storage.totalMemory).toBeLessThanOrEqual(LIMITS.maxLoadedMemoryBytes);
      }
      console.log(
        `[attack] heap ${(heapBefore / MIB).toFixed(0)} → peak ${(peak / MIB).toFixed(0)} MiB ` +
          `(ceiling ${(HEAP_CEILING_BYTES / MIB).toFixed(0)} MiB above start), loaded estimate ` +
          `${(server.server.storage.totalMemory / MIB).toFixed(1)} MiB, boards refused ${refused}`,
      );
      expect(refused).toBeGreaterThanOrEqual(1);
      for (const holder of holders) holder.close();
      expect(peak - heapBefore).toBeLessThan(HEAP_CEILING_BYTES);
      expect((await api(server.url, 'GET', '/healthz')).status).toBe(200);
    } finally {
      await server.server.close();
    }
  });
});
