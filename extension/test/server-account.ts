/**
 * Test setup against a real collab-server: the calls a person's account makes before the
 * extension can connect (sign up, then the scoped token the whiteboard's connect page
 * issues), through testkit's shared account helpers. Any non-2xx answer fails with the
 * server's reason.
 */
import { apiRequest, newApiToken, signUp } from '@motionmath/testkit';

export async function callServer(
  baseUrl: string,
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
  bearer?: string,
): Promise<Record<string, unknown>> {
  const res = await apiRequest(baseUrl, method, path, {
    body,
    ...(bearer ? { token: bearer } : {}),
  });
  if (res.status < 200 || res.status > 299)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
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
  const { token: session } = await signUp(baseUrl, email);
  const extensionToken = await newApiToken(
    baseUrl,
    session,
    ['board:read', 'board:write'],
    'extension',
  );
  return { session, extensionToken };
}
