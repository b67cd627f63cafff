import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStroke, listStrokes } from '@motionmath/protocol';
import { createServer } from '@motionmath/collab-server';
import type { CollabServer } from '@motionmath/collab-server';
import { newBoard, shareBoard, signUp } from '@motionmath/testkit';
import { BoardConnection } from './connection.ts';

/** Integration: BoardConnection against the real collab-server (port 0, in-memory PGlite). */

/** How long to wait for a sync across the real server before failing. */
const SYNC_TIMEOUT_MS = 10_000;
/** Starting the server (PGlite in memory) takes seconds on a loaded 2-core machine. */
const SERVER_START_TIMEOUT_MS = 120_000;

let server: CollabServer;
let wsUrl: string;

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
}, SERVER_START_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
}, SERVER_START_TIMEOUT_MS);

describe('BoardConnection with the real collab-server', () => {
  it('syncs edits and presence, keeps a viewer read-only, and merges offline edits on reconnect', async () => {
    const ownerToken = (await signUp(server.url)).token;
    const viewerToken = (await signUp(server.url)).token;
    const board = { id: await newBoard(server.url, ownerToken, 'Test') };
    await shareBoard(server.url, ownerToken, board.id, viewerToken, 'viewer');

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

      // The server drops a viewer's updates even if its UI were bypassed. The viewer's
      // cursor, sent after the stroke on the same connection, reaching the owner is the
      // positive signal that the server has handled the stroke (and dropped it).
      viewer.setUser({ id: 'u-viewer', name: 'Viewer', color: '#2b8a3e', role: 'viewer' });
      addStroke(viewerDoc, stroke(100));
      viewer.setCursor({ x: 42, y: 42 });
      await until('the owner sees the viewer’s cursor after the stroke', () =>
        owner.getState().peers.some((p) => p.user.name === 'Viewer' && p.cursor?.x === 42),
      );
      expect(listStrokes(ownerDoc).items).toHaveLength(1);

      owner.goOffline();
      expect(owner.getState().status).toBe('offline');
      addStroke(ownerDoc, stroke(200));
      // Offline, the edit waits unacknowledged and the server has dropped the owner's
      // connection (the viewer sees them leave): signals that the server has not had it.
      await until('the offline edit is kept unsynced', () => owner.getState().unsynced > 0);
      await until('the viewer sees the owner leave', () =>
        viewer.getState().peers.every((p) => p.user.name !== 'Owner'),
      );
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
