/** Test-only: a minimal OAuth 2.0 provider on loopback (authorization code + PKCE S256),
 * speaking the GitHub flavour (token endpoint, /user, /user/emails). */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeOAuthProvider {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Codes issued and exchanged, to assert on. */
  exchanged: number;
  close(): Promise<void>;
}

export async function startFakeOAuthProvider(profile: {
  id: number;
  login: string;
  email: string;
}): Promise<FakeOAuthProvider> {
  const clientId = 'test-client';
  const clientSecret = randomBytes(8).toString('hex');
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const tokens = new Set<string>();
  const state = { exchanged: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/authorize') {
      if (
        url.searchParams.get('client_id') !== clientId ||
        url.searchParams.get('code_challenge_method') !== 'S256'
      ) {
        return send(400, { error: 'invalid_request' });
      }
      const code = randomBytes(8).toString('hex');
      const redirectUri = url.searchParams.get('redirect_uri') ?? '';
      codes.set(code, { challenge: url.searchParams.get('code_challenge') ?? '', redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
        const authorized =
          req.headers.authorization === `Basic ${basic}` ||
          form.get('client_secret') === clientSecret;
        const grant = codes.get(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          !authorized ||
          !grant ||
          grant.challenge !== challenge ||
          grant.redirectUri !== form.get('redirect_uri')
        ) {
          return send(400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code') ?? '');
        const token = randomBytes(12).toString('hex');
        tokens.add(token);
        state.exchanged += 1;
        send(200, { access_token: token, token_type: 'bearer', scope: 'read:user user:email' });
      });
      return;
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!tokens.has(bearer)) return send(401, { message: 'Bad credentials' });
    if (url.pathname === '/user')
      return send(200, { id: profile.id, login: profile.login, name: null, email: null });
    if (url.pathname === '/user/emails')
      return send(200, [{ email: profile.email, primary: true, verified: true }]);
    send(404, {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    clientId,
    clientSecret,
    get exchanged() {
      return state.exchanged;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
