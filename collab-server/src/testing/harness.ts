/** Test-only helpers: a server on port 0, accounts and boards through the real HTTP API
 * (from testkit), and Hocuspocus providers that resolve once synced. */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { ServerConfigInput } from '../config.ts';
import { createServer } from '../server.ts';
import { freshEmbedded } from './external.ts';
import type { CollabServer } from '../server.ts';

/** How long a test waits for a condition before failing with its description. */
export const WAIT_TIMEOUT_MS = 15_000;

export async function waitFor(
  description: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = WAIT_TIMEOUT_MS,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface RunningServer {
  server: CollabServer;
  url: string;
  wsUrl: string;
}

export async function startServer(config: ServerConfigInput = {}): Promise<RunningServer> {
  // Without a database of its own, the server gets a clone of the migrated template.
  const database =
    config.database === undefined && config.databaseUrl === undefined
      ? { database: (await freshEmbedded()).db, closeDatabase: true }
      : {};
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logLevel: 'silent',
    checkResponses: true,
    ...database,
    ...config,
  });
  await server.listen();
  return { server, url: server.url, wsUrl: server.url.replace(/^http/, 'ws') };
}

// Accounts and boards through the HTTP API: the shared helpers (one copy for every
// workspace's tests, benches and tools).
export { apiRequest as api, newBoard, signUp } from '@motionmath/testkit';
export type { ApiResponse } from '@motionmath/testkit';

export interface Client {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  destroy(): void;
}

/** A provider on its own socket, resolved once authenticated and synced (or rejected
 * with the server's reason). */
export async function connect(
  wsUrl: string,
  board: string,
  token: string,
  options: { doc?: Y.Doc; reconnect?: boolean } = {},
): Promise<Client> {
  const doc = options.doc ?? new Y.Doc();
  // Without an explicit websocketProvider, the provider owns its socket (and these
  // reconnect settings), and destroy() closes both.
  const provider = new HocuspocusProvider({
    url: wsUrl,
    name: board,
    token,
    document: doc,
    ...(options.reconnect === false
      ? { maxAttempts: 1 }
      : { delay: 50, minDelay: 50, maxDelay: 500 }),
  });
  const destroy = () => provider.destroy();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`sync of ${board} timed out`)),
        WAIT_TIMEOUT_MS,
      );
      provider.on('synced', () => {
        clearTimeout(timer);
        resolve();
      });
      provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
        clearTimeout(timer);
        reject(new Error(`authentication failed: ${reason}`));
      });
    });
  } catch (error) {
    destroy();
    throw error;
  }
  return { provider, doc, destroy };
}
