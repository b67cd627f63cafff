/**
 * The few HTTP API calls the cluster tools need, made like any non-browser client
 * (`tokenInBody`, bearer token): an account and its boards.
 */

async function call(
  baseUrl: string,
  path: string,
  body: unknown,
  token?: string,
): Promise<Record<string, unknown>> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** Signs up a new account; resolves to its session token. */
export async function signUp(baseUrl: string, email: string): Promise<string> {
  const body = await call(baseUrl, '/api/auth/signup', {
    email,
    password: 'correct horse battery staple',
    tokenInBody: true,
  });
  return String(body['token']);
}

/** Creates a board owned by the token's account; resolves to its id. */
export async function createBoard(baseUrl: string, token: string, name: string): Promise<string> {
  const body = await call(baseUrl, '/api/boards', { name }, token);
  return String((body['board'] as { id: string }).id);
}
