import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadStoredDocument } from '../db/documents.ts';
import { issueSolverToken } from '../worker/solver-token.ts';
import { foldUpdates } from './durable-storage.ts';
import type { RunningServer } from '../testing/harness.ts';
import { api, connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';

let s: RunningServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s.server.close();
});

async function storedItems(board: string): Promise<unknown[]> {
  const stored = await loadStoredDocument(s.server.db, board);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, foldUpdates(stored.snapshot, stored.updates));
  return doc.getArray('items').toArray();
}

async function share(ownerToken: string, board: string, email: string, role: 'editor' | 'viewer') {
  const res = await api(s.url, 'PUT', `/api/boards/${board}/members`, {
    token: ownerToken,
    body: { email, role },
  });
  expect(res.status).toBe(200);
}

describe('WebSocket auth and roles', () => {
  it('drops a viewer’s updates: they reach neither other clients nor storage', async () => {
    const owner = await signUp(s.url);
    const viewer = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    await share(owner.token, board, viewer.email, 'viewer');

    const ownerClient = await connect(s.wsUrl, board, owner.token);
    const viewerClient = await connect(s.wsUrl, board, viewer.token);
    ownerClient.doc.getArray('items').push(['from owner']);
    await waitFor(
      'the viewer to receive the owner’s edit',
      () => viewerClient.doc.getArray('items').length === 1,
    );

    viewerClient.doc.getArray('items').push(['from viewer']);
    // Awareness travels after the update on the same connection, and the server handles
    // a connection's messages in order: once the owner sees it, the update was handled.
    viewerClient.provider.setAwarenessField('marker', 'after-edit');
    await waitFor('the viewer’s awareness to reach the owner', () =>
      [...ownerClient.provider.awareness!.getStates().values()].some(
        (st) => st['marker'] === 'after-edit',
      ),
    );
    expect(ownerClient.doc.getArray('items').toArray()).toEqual(['from owner']);
    const serverDoc = s.server.hocuspocus.documents.get(board);
    expect(serverDoc?.getArray('items').toArray()).toEqual(['from owner']);
    expect(await storedItems(board)).toEqual(['from owner']);
    // The viewer's edit stays unacknowledged on its side.
    expect(viewerClient.provider.unsyncedChanges).toBeGreaterThan(0);

    const fresh = await connect(s.wsUrl, board, owner.token);
    expect(fresh.doc.getArray('items').toArray()).toEqual(['from owner']);
    for (const c of [ownerClient, viewerClient, fresh]) c.destroy();
  });

  it('refuses strangers, bad tokens and unknown boards', async () => {
    const owner = await signUp(s.url);
    const stranger = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    await expect(connect(s.wsUrl, board, stranger.token, { reconnect: false })).rejects.toThrow(
      /no access/,
    );
    await expect(connect(s.wsUrl, board, 'not-a-token', { reconnect: false })).rejects.toThrow(
      /invalid or expired/,
    );
    await expect(
      connect(s.wsUrl, 'not-a-board', owner.token, { reconnect: false }),
    ).rejects.toThrow(/no access/);
  });

  it('applies API token scopes: board:read is read-only, solver edits any board', async () => {
    const owner = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    const mint = async (token: string, scopes: string[]) => {
      const res = await api(s.url, 'POST', '/api/me/tokens', {
        token,
        body: { name: 't', scopes },
      });
      expect(res.status).toBe(201);
      return String(res.body['token']);
    };
    const readToken = await mint(owner.token, ['board:read']);
    // Solver tokens are issued by operators, straight in the database (never by the API).
    const solverToken = await issueSolverToken(s.server.db, { name: 'worker' });

    const reader = await connect(s.wsUrl, board, readToken);
    expect(reader.provider.authorizedScope).toBe('readonly');
    const solver = await connect(s.wsUrl, board, solverToken);
    expect(solver.provider.authorizedScope).toBe('read-write');
    solver.doc.getArray('items').push(['step']);
    await waitFor(
      'the solver’s edit to be stored',
      async () => (await storedItems(board)).length === 1,
    );
    await waitFor('the reader to see it', () => reader.doc.getArray('items').length === 1);
    reader.destroy();
    solver.destroy();
  });

  it('accepts the session cookie only from an allowed Origin', async () => {
    const owner = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    const viaCookie = (origin: string) =>
      new Promise<string>((resolve) => {
        // Browsers send the cookie and Origin themselves; ws lets us set both.
        class BrowserLikeSocket extends WebSocket {
          constructor(url: string) {
            super(url, { headers: { Origin: origin, Cookie: `mm_session=${owner.token}` } });
          }
        }
        const socket = new HocuspocusProviderWebsocket({
          url: s.wsUrl,
          maxAttempts: 1,
          WebSocketPolyfill: BrowserLikeSocket,
        });
        const finish = (result: string) => {
          provider.destroy();
          socket.destroy();
          resolve(result);
        };
        const provider = new HocuspocusProvider({
          websocketProvider: socket,
          name: board,
          token: '',
          onSynced: () => finish('synced'),
          onAuthenticationFailed: ({ reason }) => finish(reason),
        });
        provider.attach();
      });
    expect(await viaCookie(s.url)).toBe('synced');
    expect(await viaCookie('https://evil.example')).toMatch(/allowed Origin/);
  });
});
