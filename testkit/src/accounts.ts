/**
 * Accounts and boards on a running collab-server, through its real HTTP API, for tests,
 * benchmarks and the cluster tools: the one copy of "sign up, create a board". Calls are
 * made like any non-browser client (bearer token, token in the body, no Origin). Any
 * unexpected status fails with the server's reason.
 */

/** The password every test account gets (long enough for the server's minimum). */
export const TEST_PASSWORD = 'correct horse battery';

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Calls the HTTP API; the body is parsed JSON (`{ text }` when it is not JSON). */
export async function apiRequest(
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

/** `apiRequest`, failing unless the answer has the `expected` status. */
async function expectStatus(
  expected: number,
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown },
): Promise<Record<string, unknown>> {
  const res = await apiRequest(baseUrl, method, path, options);
  if (res.status !== expected)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface TestAccount {
  /** The account's session token (what a browser holds as its cookie). */
  token: string;
  userId: string;
  email: string;
}

let accountCounter = 0;

/** Signs up a fresh account (a unique email unless given) and returns its session. */
export async function signUp(
  baseUrl: string,
  email = `user${++accountCounter}-${Date.now()}-${process.pid}@example.org`,
): Promise<TestAccount> {
  const body = await expectStatus(201, baseUrl, 'POST', '/api/auth/signup', {
    body: { email, password: TEST_PASSWORD, tokenInBody: true },
  });
  const user = body['user'] as { id?: unknown } | undefined;
  if (typeof body['token'] !== 'string' || typeof user?.id !== 'string')
    throw new Error(`signup answered without a token or user: ${JSON.stringify(body)}`);
  return { token: body['token'], userId: user.id, email };
}

/** Creates a board owned by the token's account; resolves to its id. */
export async function newBoard(baseUrl: string, token: string, name = 'Test board') {
  const body = await expectStatus(201, baseUrl, 'POST', '/api/boards', {
    token,
    body: { name },
  });
  const id = (body['board'] as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string')
    throw new Error(`board created without an id: ${JSON.stringify(body)}`);
  return id;
}

/** A scoped API token of the session's account (as the whiteboard hands the extension). */
export async function newApiToken(
  baseUrl: string,
  sessionToken: string,
  scopes: readonly string[] = ['board:read', 'board:write'],
  name = 'test token',
): Promise<string> {
  const body = await expectStatus(201, baseUrl, 'POST', '/api/me/tokens', {
    token: sessionToken,
    body: { name, scopes },
  });
  if (typeof body['token'] !== 'string')
    throw new Error(`token created without a token: ${JSON.stringify(body)}`);
  return body['token'];
}

/** Gives `memberToken`'s account a role on the board the way people do it: the owner
 * creates a share link, the member accepts it. */
export async function shareBoard(
  baseUrl: string,
  ownerToken: string,
  boardId: string,
  memberToken: string,
  role: 'editor' | 'viewer',
): Promise<void> {
  const link = await expectStatus(201, baseUrl, 'POST', `/api/boards/${boardId}/share-links`, {
    token: ownerToken,
    body: { role },
  });
  await expectStatus(200, baseUrl, 'POST', `/api/share/${String(link['token'])}/accept`, {
    token: memberToken,
  });
}
