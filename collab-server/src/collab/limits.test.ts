import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { seededRandom, testSeed } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';
import { loadStoredDocument } from '../db/documents.ts';
import type { RunningServer } from '../testing/harness.ts';
import { api, connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';

/** Small limits so the tests hit them quickly. */
const LIMITS = {
  maxMessageBytes: 64 * 1024,
  maxDocumentBytes: 200 * 1024,
  messagesPerSecond: 100,
  messageBurst: 200,
};

let s: RunningServer;
let owner: { token: string };
beforeAll(async () => {
  s = await startServer({ limits: LIMITS });
  owner = await signUp(s.url);
});
afterAll(async () => {
  await s.server.close();
});

function frame(board: string, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, board);
  write(e);
  return encoding.toUint8Array(e);
}
const authFrame = (board: string, token: string) =>
  frame(board, (e) => {
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, token);
  });
const updateFrame = (board: string, update: Uint8Array) =>
  frame(board, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
  });
const step1Frame = (board: string, doc: Y.Doc) =>
  frame(board, (e) => {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
const awarenessFrame = (board: string, doc: Y.Doc) => {
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: 'fuzz' }, cursor: { x: 1, y: 2 } });
  return frame(board, (e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [doc.clientID]));
  });
};

/** A raw socket that records how the server closed it. */
function rawSocket(): Promise<{
  ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
}> {
  const ws = new WebSocket(s.wsUrl);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('error', () => {});
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

describe('limits', () => {
  it('closes a connection that sends an oversized message (1009)', async () => {
    const board = await newBoard(s.url, owner.token);
    const { ws, closed } = await rawSocket();
    ws.send(authFrame(board, owner.token));
    ws.send(new Uint8Array(LIMITS.maxMessageBytes + 1));
    expect((await closed).code).toBe(1009);
  });

  it('refuses updates that would grow a document past its limit (4413), keeping what was stored', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token, { reconnect: false });
    const closes: number[] = [];
    client.provider.on('close', ({ event }: { event: { code: number } }) =>
      closes.push(event.code),
    );
    const text = client.doc.getText('ink');
    for (let i = 0; i < 8; i++) text.insert(text.length, String(i).repeat(40 * 1024));
    await waitFor('the size limit to close the connection', () => closes.includes(4413));
    client.destroy();
    const stored = await loadStoredDocument(s.server.db, board);
    const total = stored.updates.reduce(
      (n, u) => n + u.byteLength,
      stored.snapshot?.byteLength ?? 0,
    );
    expect(total).toBeLessThanOrEqual(LIMITS.maxDocumentBytes);
    expect(total).toBeGreaterThan(0);
  });

  it('closes a connection that exceeds its message rate (4429)', async () => {
    const board = await newBoard(s.url, owner.token);
    const { ws, closed } = await rawSocket();
    ws.send(authFrame(board, owner.token));
    const doc = new Y.Doc();
    for (let i = 0; i < LIMITS.messageBurst + 50; i++) ws.send(awarenessFrame(board, doc));
    expect(await closed).toEqual({ code: 4429, reason: 'rate limit exceeded' });
  });

  it('closes on malformed frames with a reason', async () => {
    const cases: [Uint8Array | string, RegExp][] = [
      [new Uint8Array([0xff, 0xff, 0xff]), /malformed frame/],
      [frame('b', (e) => encoding.writeVarUint(e, 6)), /broadcastStateless is not allowed/],
      [frame('b', (e) => encoding.writeVarUint(e, 99)), /unknown message type 99/],
      [updateFrame('b', new Uint8Array([1, 2, 3, 4, 5])), /malformed frame/],
      ['hello', /text frames/],
    ];
    for (const [data, reason] of cases) {
      const { ws, closed } = await rawSocket();
      ws.send(data);
      const result = await closed;
      expect(result.code).toBe(4400);
      expect(result.reason).toMatch(reason);
    }
  });
});

/** Random bytes, or a valid frame with bytes flipped, cut, duplicated or inserted. */
function mutatedFrame(random: Random, valid: Uint8Array[]): Uint8Array {
  if (random.chance(0.15))
    return Uint8Array.from({ length: random.int(0, 64) }, () => random.int(0, 255));
  const bytes = [...random.pick(valid)];
  const edits = random.int(1, 4);
  for (let i = 0; i < edits; i++) {
    const at = random.int(0, Math.max(0, bytes.length - 1));
    switch (random.int(0, 3)) {
      case 0:
        bytes[at] = random.int(0, 255);
        break;
      case 1:
        bytes.length = at;
        break;
      case 2:
        bytes.splice(at, 0, ...bytes.slice(at, at + random.int(1, 8)));
        break;
      default:
        bytes.splice(at, 0, random.int(0, 255));
    }
  }
  return Uint8Array.from(bytes);
}

describe('fuzz', () => {
  it('survives random and mutated frames, and the board stays usable', async () => {
    const random = seededRandom(testSeed('collab-fuzz'));
    const board = await newBoard(s.url, owner.token);
    const source = new Y.Doc();
    const valid = [step1Frame(board, source), awarenessFrame(board, source)];
    source.on('update', (u: Uint8Array) => valid.push(updateFrame(board, u)));
    source.getArray('items').push([1, 'two', { three: 3 }]);
    source.getMap('meta').set('title', 'fuzz');
    source.getText('ink').insert(0, 'stroke');

    const FRAMES = 600;
    const closeCodes = new Map<number, number>();
    let sent = 0;
    while (sent < FRAMES) {
      const { ws, closed } = await rawSocket();
      ws.send(authFrame(board, owner.token));
      let open = true;
      void closed.then(({ code }) => {
        open = false;
        closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
      });
      for (let i = 0; i < 20 && open && sent < FRAMES; i++, sent++) {
        ws.send(mutatedFrame(random, valid));
        if (i % 5 === 4) await new Promise((r) => setTimeout(r, 5));
      }
      ws.close();
      await closed;
    }
    console.log(`[fuzz] ${FRAMES} frames; close codes`, Object.fromEntries(closeCodes));
    expect(closeCodes.get(4400) ?? 0).toBeGreaterThan(0);

    // The server is healthy and the board still works for real clients.
    expect((await api(s.url, 'GET', '/healthz')).status).toBe(200);
    const a = await connect(s.wsUrl, board, owner.token);
    const b = await connect(s.wsUrl, board, owner.token);
    a.doc.getArray('after').push(['still works']);
    await waitFor('the edit to reach the other client', () => b.doc.getArray('after').length === 1);
    a.destroy();
    b.destroy();
    // Everything stored applies cleanly.
    const stored = await loadStoredDocument(s.server.db, board);
    const check = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(check, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(check, update);
    expect(check.getArray('after').toArray()).toEqual(['still works']);
  });
});
