/**
 * Test setup against a real collab-server: the calls a person's account makes before the
 * extension can connect (sign up, then the scoped token the whiteboard's connect page
 * issues). Any non-2xx answer fails with the server's reason.
 */

export async function callServer(
  baseUrl: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  bearer?: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export interface TestAccount {
  /** The account's session token (what the whiteboard holds as a cookie). */
  session: string;
  /** A `board:read` + `board:write` API token, as handed to the extension. */
  extensionToken: string;
}

export async function signUpWithExtensionToken(
  baseUrl: string,
  email: string,
): Promise<TestAccount> {
  const signup = await callServer(baseUrl, 'POST', '/api/auth/signup', {
    email,
    password: 'correct horse battery',
    tokenInBody: true,
  });
  const session = String(signup['token']);
  const scopes = ['board:read', 'board:write'];
  const created = await callServer(
    baseUrl,
    'POST',
    '/api/me/tokens',
    { name: 'extension', scopes },
    session,
  );
  return { session, extensionToken: String(created['token']) };
}
