/** Test-only: a server on port 0 whose GitHub sign-in points at a fake provider, and
 * the cookie header a browser would send back. Shared by the API and attack suites. */
import { startFakeOAuthProvider } from './fake-oauth.ts';
import type { FakeOAuthProvider } from './fake-oauth.ts';
import { startServer } from './harness.ts';
import type { RunningServer } from './harness.ts';

export interface GitHubServer {
  server: RunningServer;
  oauth: FakeOAuthProvider;
  close(): Promise<void>;
}

export async function startServerWithFakeGitHub(profile: {
  id: number;
  login: string;
  email: string;
}): Promise<GitHubServer> {
  const oauth = await startFakeOAuthProvider(profile);
  const server = await startServer({
    github: {
      clientId: oauth.clientId,
      clientSecret: oauth.clientSecret,
      authorizationEndpoint: `${oauth.url}/authorize`,
      tokenEndpoint: `${oauth.url}/token`,
      userInfoEndpoint: `${oauth.url}/user`,
    },
  });
  return {
    server,
    oauth,
    close: async () => {
      await server.server.close();
      await oauth.close();
    },
  };
}

/** The `cookie` header for the cookies a response set (cleared ones left out). */
export const cookieOf = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c && !c.endsWith('='))
    .join('; ');
