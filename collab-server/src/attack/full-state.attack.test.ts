/** Finding 2: any reader, a viewer included, froze everyone with full-state requests
 * (sync step 1 with an empty state vector) whose replies it never read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../testing/harness.ts';
import { api, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import {
  AckProbe,
  RawSocket,
  authFrame,
  ackBound,
  baselineAcks,
  fullStateRequest,
  acksDuring,
  percentile,
  rejections,
  report,
  updateFrame,
} from './raw-client.ts';

/** A board of ~4 MiB, written in 512 KiB updates (half the message cap). */
const BOARD_BYTES = 4 * 1024 * 1024;
const CHUNK_BYTES = 512 * 1024;
/** The attack: 50 requests, replies never read. */
const REQUESTS = 50;

let s: RunningServer;
let board: string;
let viewerToken: string;
let probe: AckProbe;
beforeAll(async () => {
  s = await startServer();
  const owner = await signUp(s.url);
  const viewer = await signUp(s.url);
  const victim = await signUp(s.url);
  board = await newBoard(s.url, owner.token);
  const shared = await api(s.url, 'PUT', `/api/boards/${board}/members`, {
    token: owner.token,
    body: { email: viewer.email, role: 'viewer' },
  });
  expect(shared.status).toBe(200);
  viewerToken = viewer.token;
  // The owner fills the board (a pasted-image-sized blob per update).
  const writer = new RawSocket(s.wsUrl);
  await writer.auth(board, owner.token);
  const doc = new Y.Doc();
  for (let written = 0; written < BOARD_BYTES; written += CHUNK_BYTES) {
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    doc.getArray('blobs').push([new Uint8Array(CHUNK_BYTES).fill(written & 0xff)]);
    writer.send(updateFrame(board, update!));
    await writer.next((d) => (d.arr[d.pos] === 8 ? true : undefined));
  }
  writer.close();
  probe = await AckProbe.open(s.wsUrl, await newBoard(s.url, victim.token), victim.token);
});
afterAll(async () => {
  probe?.socket.close();
  await s?.server.close();
});

describe('attack 2: full-state requests never read', () => {
  it('charges them by size, cuts the reader off, and everyone else keeps working', async () => {
    const baseline = await baselineAcks(probe);
    const heapBefore = process.memoryUsage().heapUsed;
    const attacker = new RawSocket(s.wsUrl);
    await attacker.auth(board, viewerToken);
    attacker.ws.pause(); // never read a reply
    probe.start();
    for (let i = 0; i < REQUESTS; i++) attacker.send(fullStateRequest(board));
    // The server cuts it off (over its byte budget, or as a slow reader), without a
    // closing handshake that would wait behind the unread replies.
    await waitFor(
      'the server to cut the reader off',
      async () =>
        (await rejections(s.server, 'full-state-rate')) +
          (await rejections(s.server, 'slow-reader')) >
        0,
    );
    const during = await acksDuring(probe, 30);
    attacker.close();
    report('during 50 unread full-state requests', during);
    expect(percentile(during, 99)).toBeLessThan(ackBound(baseline));
    expect((await api(s.url, 'GET', '/healthz')).status).toBe(200);
    const grown = process.memoryUsage().heapUsed - heapBefore;
    console.log(`[attack] heap growth after the attack: ${(grown / 2 ** 20).toFixed(1)} MiB`);
    // 50 replies of 4 MiB would be 200 MiB; at most the burst (two) may have been built.
    expect(grown).toBeLessThan(64 * 2 ** 20);
  });

  it('cuts off a reader that queues full-state requests while the board loads', async () => {
    // A board no one has open: Hocuspocus would queue every request until it is loaded,
    // then encode the whole board once per request, uncharged.
    const owner = await signUp(s.url);
    const idle = await newBoard(s.url, owner.token);
    const before = await rejections(s.server, 'full-state-rate');
    const reader = new RawSocket(s.wsUrl);
    await reader.opened;
    reader.send(authFrame(idle, owner.token));
    for (let i = 0; i < 5; i++) reader.send(fullStateRequest(idle));
    expect((await reader.closed).code).toBe(1006); // terminated, no closing handshake
    expect(await rejections(s.server, 'full-state-rate')).toBe(before + 1);
    // A provider's own pattern (one request, maybe a second after auth) is served.
    const provider = new RawSocket(s.wsUrl);
    await provider.opened;
    provider.send(authFrame(idle, owner.token));
    provider.send(fullStateRequest(idle));
    await provider.synced(idle);
    provider.close();
  });

  it('answers a reader that keeps asking slowly from one cached encoding', async () => {
    const reader = new RawSocket(s.wsUrl);
    await reader.auth(board, viewerToken);
    const replies: number[] = [];
    for (let i = 0; i < 2; i++) {
      const reply = reader.next((d) =>
        d.arr[d.pos] === 0 && d.arr[d.pos + 1] === 1 ? d.arr.length : undefined,
      );
      reader.send(fullStateRequest(board));
      replies.push(await reply);
    }
    // The whole board, both times (the second from the cache).
    for (const bytes of replies) expect(bytes).toBeGreaterThan(BOARD_BYTES);
    reader.close();
  });
});
