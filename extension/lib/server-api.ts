/** The few collab-server HTTP calls the extension makes, with a scoped API token. */

export interface BoardSummary {
  id: string;
  name: string;
}

async function call<T>(serverUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, serverUrl), {
    headers: { authorization: `Bearer ${token}` },
    credentials: 'omit',
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

export async function fetchAccount(serverUrl: string, token: string): Promise<string> {
  const body = await call<{ user: { id: string; email?: string; displayName?: string } }>(
    serverUrl,
    token,
    '/api/me',
  );
  return body.user.displayName || body.user.email || body.user.id;
}

export async function fetchBoards(serverUrl: string, token: string): Promise<BoardSummary[]> {
  const body = await call<{ boards: { id: string; name?: string; title?: string }[] }>(
    serverUrl,
    token,
    '/api/boards',
  );
  return body.boards.map((b) => ({ id: b.id, name: b.name ?? b.title ?? b.id }));
}

/**
 * The user's personal handwriting samples (taught on the whiteboard by correcting a
 * misread symbol): the recognizer's `exportSamples()` file, passed to `importSamples()`.
 */
export async function fetchPersonalSamples(serverUrl: string, token: string): Promise<unknown> {
  return call<unknown>(serverUrl, token, '/api/me/samples');
}

/**
 * "Sign in through the whiteboard" (the contract the whiteboard implements): the options
 * page opens `<server>/extension/connect?redirect=<connect page URL>&state=<nonce>`; after
 * sign-in and the user's consent, the whiteboard creates a token with
 * `POST /api/me/tokens {name, scopes: ['board:read','board:write']}` and navigates to
 * `<redirect>#token=<token>&state=<nonce>&server=<origin>`. The connect page accepts it
 * only if `state` is the one this extension stored, so a page cannot plant its own token.
 */
export const CONNECT_PATH = '/extension/connect';
export const CONNECT_STATE_KEY = 'connectState';
