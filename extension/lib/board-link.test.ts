import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attachSolver, createServer } from '@motionmath/collab-server';
import type { AttachedSolver, CollabServer } from '@motionmath/collab-server';
import { listenOnFreePort } from '@motionmath/testkit';
import { callServer, signUpWithExtensionToken } from '../test/server-account.ts';
import { BoardLink, websocketUrl } from './board-link.ts';
import type { OutboxStore } from './board-link.ts';
import type { EquationDraft } from './messages.ts';
import { SerializedValue } from './serialized-value.ts';

/** How long the provider may take to reconnect (its backoff starts at 1 s and doubles). */
const RECONNECT_TIMEOUT_MS = 20_000;

async function waitFor(what: string, check: () => boolean, timeoutMs = RECONNECT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port that was free a moment ago: the server starts there later ("comes back online"). */
async function reservePort(): Promise<number> {
  const probe = createHttpServer();
  const port = await listenOnFreePort(probe);
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

/** The outbox as the background keeps it, over an in-memory value instead of storage. */
function memoryOutbox(): OutboxStore & { items: EquationDraft[] } {
  const value = {
    items: [] as EquationDraft[],
    getValue: async () => [...value.items],
    setValue: async (items: EquationDraft[]) => {
      value.items = [...items];
    },
  };
  const serialized = new SerializedValue(value);
  return {
    get items() {
      return value.items;
    },
    get: () => serialized.get(),
    update: (fn) => serialized.update(fn),
  };
}

const draft: EquationDraft = {
  id: 'eq-offline-1',
  latex: 'x+2=3',
  mathjs: 'x + 2 = 3',
  confidence: 0.8,
  alternatives: [{ latex: 'x+2=8', mathjs: 'x + 2 = 8', confidence: 0.1 }],
  strokes: [
    {
      points: [
        { x: 0, y: 0, t: 0 },
        { x: 30, y: 40, t: 100 },
      ],
    },
  ],
  createdAt: 1_700_000_000_000,
};

describe('BoardLink against a real collab-server with a solver worker', () => {
  let server: CollabServer | null = null;
  let solver: AttachedSolver | null = null;
  let link: BoardLink | null = null;
  let dataDir = '';

  afterEach(async () => {
    link?.destroy();
    await solver?.stop();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('queues while the server is down, sends when it is back, and reports the answer', async () => {
    const port = await reservePort();
    const serverUrl = `http://127.0.0.1:${port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'motionmath-link-'));
    const start = async () => {
      server = await createServer({ port, host: '127.0.0.1', dataDir, logLevel: 'silent' });
      solver = attachSolver(server, { workers: 1 });
      await server.listen();
    };
    // Earlier: the user signed in through the whiteboard and the extension got a token.
    await start();
    const { session, extensionToken: token } = await signUpWithExtensionToken(
      serverUrl,
      'a@example.org',
    );
    const created = await callServer(serverUrl, 'POST', '/api/boards', { name: 'b' }, session);
    const board = created['board'] as { id: string };

    // Now the server is unreachable: the equation waits in the outbox.
    await solver?.stop();
    await server?.close();
    const updates: { id: string; status: string; answer: string | null }[] = [];
    const outbox = memoryOutbox();
    link = new BoardLink({
      serverUrl,
      token,
      boardId: board.id,
      author: 'teacher',
      store: outbox,
      onUpdate: (id, status, answer) => updates.push({ id, status, answer }),
    });
    await link.send(draft);
    expect(updates).toEqual([{ id: draft.id, status: 'queued', answer: null }]);
    expect(outbox.items.map((d) => d.id)).toEqual([draft.id]);
    expect(link.status()).toMatchObject({ connected: false, queued: 1 });

    // Back online (same data): the provider reconnects, the outbox drains, the solver answers.
    await start();
    await waitFor('the answer', () => updates.some((u) => u.status === 'solved'));
    const solved = updates.find((u) => u.status === 'solved');
    expect(solved).toEqual({ id: draft.id, status: 'solved', answer: 'x = 1' });
    expect(outbox.items).toEqual([]);
    expect(link.status()).toMatchObject({ connected: true, queued: 0, error: null });
    expect(websocketUrl(`${serverUrl}/`)).toBe(`ws://127.0.0.1:${port}`);
  }, 60_000);

  it('a new link (a restarted service worker) reports the answer of an equation sent before', async () => {
    server = await createServer({ port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent' });
    await server.listen();
    const serverUrl = server.url;
    const { session, extensionToken: token } = await signUpWithExtensionToken(
      serverUrl,
      'b@example.org',
    );
    const created = await callServer(serverUrl, 'POST', '/api/boards', { name: 'b' }, session);
    const board = created['board'] as { id: string };
    const outbox = memoryOutbox();
    const options = { serverUrl, token, boardId: board.id, author: 'teacher', store: outbox };
    // No solver yet: the equation lands on the board and waits there.
    const first: string[] = [];
    link = new BoardLink({ ...options, onUpdate: (_id, status) => first.push(status) });
    await link.send(draft);
    await waitFor('the equation on the board', () => first.includes('pending'));
    expect(outbox.items).toEqual([]);
    link.destroy(); // the worker is stopped: its link and memory are gone

    solver = attachSolver(server, { workers: 1 });
    const later: { id: string; status: string; answer: string | null }[] = [];
    link = new BoardLink({
      ...options,
      onUpdate: (id, status, answer) => later.push({ id, status, answer }),
    });
    link.watch([draft.id]); // from the routes the new worker restored
    await waitFor('the answer', () => later.some((u) => u.status === 'solved'));
    expect(later.find((u) => u.status === 'solved')).toEqual({
      id: draft.id,
      status: 'solved',
      answer: 'x = 1',
    });
  }, 60_000);
});
