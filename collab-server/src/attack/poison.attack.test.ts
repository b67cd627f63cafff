/** Finding 9: a 21-byte update whose item is its own origin was acknowledged and stored,
 * then broke every compaction; NUL in an equation broke the index and the HTTP API. */
import { addEquation } from '@motionmath/protocol';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStoredDocument } from '../db/documents.ts';
import type { RunningServer } from '../testing/harness.ts';
import { api, connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import { RawSocket, updateFrame } from './raw-client.ts';

/** One item (client 7, clock 0) whose origin is itself. */
function selfOriginUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, 1); // structs of this client
  encoding.writeVarUint(e, 7); // client
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 0x80 | 4); // has origin, string content
  encoding.writeVarUint(e, 7);
  encoding.writeVarUint(e, 0); // origin: (7, 0), the item itself
  encoding.writeVarString(e, 'poison');
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

let s: RunningServer;
let user: { token: string };
beforeAll(async () => {
  s = await startServer({ compactAfterUpdates: 1 });
  user = await signUp(s.url);
});
afterAll(async () => {
  await s?.server.close();
});

describe('attack 9: poison updates and control characters', () => {
  it('refuses a self-referencing item: not acknowledged, not stored', async () => {
    const board = await newBoard(s.url, user.token);
    const socket = new RawSocket(s.wsUrl);
    await socket.auth(board, user.token);
    socket.send(updateFrame(board, selfOriginUpdate()));
    const closed = await socket.closed;
    expect(closed.code).toBe(4400);
    expect(closed.reason).toMatch(/refers to itself/);
    // Stored: the server's own board meta, nothing of client 7.
    const stored = await loadStoredDocument(s.server.db, board);
    for (const update of [stored.snapshot, ...stored.updates].filter((u) => u !== null))
      expect(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).has(7)).toBe(false);
  });

  it('keeps indexing a board that holds an equation with U+0000, and the API answers 400', async () => {
    const board = await newBoard(s.url, user.token);
    const client = await connect(s.wsUrl, board, user.token);
    try {
      const base = {
        source: 'typed',
        mathjs: 'x',
        confidence: 1,
        author: 'a',
        x: 0,
        y: 0,
      } as const;
      addEquation(client.doc, { ...base, latex: 'x\u0000=1', now: Date.now() });
      addEquation(client.doc, { ...base, latex: 'y=2', now: Date.now() });
      await waitFor('the clean equation to be indexed', async () => {
        const res = await api(s.url, 'GET', '/api/equations/search?q=y%3D2', { token: user.token });
        return (
          Array.isArray(res.body['equations']) && (res.body['equations'] as unknown[]).length > 0
        );
      });
    } finally {
      client.destroy();
    }
    const search = await api(s.url, 'GET', '/api/equations/search?q=%00', { token: user.token });
    expect(search.status).toBe(400);
    const rename = await api(s.url, 'PATCH', `/api/boards/${board}`, {
      token: user.token,
      body: { name: 'a\u0000b' },
    });
    expect(rename.status).toBe(400);
    const signin = await api(s.url, 'POST', '/api/auth/signin', {
      body: { email: 'a\u0000@example.org', password: 'x' },
    });
    expect(signin.status).toBe(400);
  });
});
