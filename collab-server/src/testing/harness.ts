/** Test-only helpers: a server on port 0, accounts and boards through the real HTTP API,
 * and Hocuspocus providers that resolve once synced. */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { ServerConfig } from '../config.ts';
import { createServer } from '../server.ts';
import { freshPglite } from './external.ts';
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

export async function startServer(config: Partial<ServerConfig> = {}): Promise<RunningServer> {
  // Without a database of its own, the server gets a clone of the migrated template.
  const database =
    config.database === undefined && config.databaseUrl === undefined
      ? { database: (await freshPglite()).db, closeDatabase: true }
      : {};
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logLevel: 'silent',
    ...database,
    ...config,
  });
  await server.listen();
  return { server, url: server.url, wsUrl: server.url.replace(/^http/, 'ws') };
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Calls the HTTP API as a non-browser client (bearer token, no Origin). */
export async function api(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    redirect: 'manual',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { text };
  }
  return { status: response.status, body, headers: response.headers };
}

let accountCounter = 0;

/** Signs up a fresh user; returns its session token and id. */
export async function signUp(
  baseUrl: string,
  email?: string,
): Promise<{ token: string; userId: string; email: string }> {
  const address = email ?? `user${++accountCounter}-${Date.now()}@example.org`;
  const res = await api(baseUrl, 'POST', '/api/auth/signup', {
    body: { email: address, password: 'correct horse battery', tokenInBody: true },
  });
  if (res.status !== 201)
    throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: String(res.body['token']),
    userId: String((res.body['user'] as { id: string }).id),
    email: address,
  };
}

export async function newBoard(
  baseUrl: string,
  token: string,
  name = 'Test board',
): Promise<string> {
  const res = await api(baseUrl, 'POST', '/api/boards', { token, body: { name } });
  if (res.status !== 201)
    throw new Error(`create board failed: ${res.status} ${JSON.stringify(res.body)}`);
  return String((res.body['board'] as { id: string }).id);
}

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
