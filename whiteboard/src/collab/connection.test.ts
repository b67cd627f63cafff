import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStroke, listStrokes } from '@motionmath/protocol';
import { createServer } from '@motionmath/collab-server';
import type { CollabServer } from '@motionmath/collab-server';
import { BoardConnection } from './connection.ts';

/** Integration: BoardConnection against the real collab-server (port 0, in-memory PGlite). */

/** How long to wait for a sync across the real server before failing. */
const SYNC_TIMEOUT_MS = 10_000;
/** How long a refused update is given to (wrongly) arrive: several server round trips. */
const REFUSAL_WINDOW_MS = 500;

let server: CollabServer;
let wsUrl: string;

async function call(path: string, token: string | null, body?: unknown) {
  const response = await fetch(server.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return (await response.json()) as Record<string, unknown>;
}

async function signUp(name: string): Promise<string> {
  const r = await call('/api/auth/signup', null, {
    email: `${name}-${crypto.randomUUID()}@example.com`,
    password: 'correct horse battery',
    displayName: name,
    tokenInBody: true,
  });
  return String(r['token']);
}

async function until(what: string, check: () => boolean) {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const stroke = (x: number) => ({
  points: [
    { x, y: 0, pressure: 0.5, t: 0 },
    { x: x + 10, y: 10, pressure: 0.5, t: 16 },
  ],
  color: '#1e1e1e',
  width: 4,
  author: 'test',
  createdAt: 1,
});

beforeAll(async () => {
  server = await createServer({ port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent' });
  await server.listen();
  wsUrl = server.url.replace(/^http/, 'ws');
}, 30_000);

afterAll(async () => {
  await server?.close();
}, 30_000);

describe('BoardConnection with the real collab-server', () => {
  it('syncs edits and presence, keeps a viewer read-only, and merges offline edits on reconnect', async () => {
    const ownerToken = await signUp('owner');
    const viewerToken = await signUp('viewer');
    const board = (await call('/api/boards', ownerToken, { name: 'Test' }))['board'] as {
      id: string;
    };
    const link = await call(`/api/boards/${board.id}/share-links`, ownerToken, { role: 'viewer' });
    await call(`/api/share/${String(link['token'])}/accept`, viewerToken, {});

    const ownerDoc = new Y.Doc();
    const viewerDoc = new Y.Doc();
    const owner = new BoardConnection({
      url: wsUrl,
      boardId: board.id,
      doc: ownerDoc,
      token: ownerToken,
    });
    const viewer = new BoardConnection({
      url: wsUrl,
      boardId: board.id,
      doc: viewerDoc,
      token: viewerToken,
    });
    try {
      await until(
        'both online',
        () => owner.getState().status === 'online' && viewer.getState().status === 'online',
      );
      expect(owner.getState().readOnly).toBe(false);
      expect(viewer.getState().readOnly).toBe(true);

      addStroke(ownerDoc, stroke(0));
      await until('the viewer sees the stroke', () => listStrokes(viewerDoc).items.length === 1);

      owner.setUser({ id: 'u-owner', name: 'Owner', color: '#1864ab', role: 'owner' });
      owner.setCursor({ x: 5, y: 6 });
      await until('the viewer sees the owner’s cursor', () =>
        viewer.getState().peers.some((p) => p.user.name === 'Owner' && p.cursor?.x === 5),
      );

      // The server drops a viewer's updates even if its UI were bypassed.
      addStroke(viewerDoc, stroke(100));
      await new Promise((r) => setTimeout(r, REFUSAL_WINDOW_MS));
      expect(listStrokes(ownerDoc).items).toHaveLength(1);

      owner.goOffline();
      expect(owner.getState().status).toBe('offline');
      addStroke(ownerDoc, stroke(200));
      await new Promise((r) => setTimeout(r, REFUSAL_WINDOW_MS));
      expect(listStrokes(viewerDoc).items.filter((s) => s.points[0]?.x === 200)).toHaveLength(0);
      owner.goOnline();
      await until('the offline edit reaches the viewer', () =>
        listStrokes(viewerDoc).items.some((s) => s.points[0]?.x === 200),
      );
      await until('the owner is online again', () => owner.getState().status === 'online');
    } finally {
      owner.destroy();
      viewer.destroy();
    }
  }, 60_000);
});
