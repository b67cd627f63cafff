/** Findings 4, 5, 7 and 11: OAuth pre-account takeover, TOTP brute force and replay,
 * spoofable client addresses and lockouts, and upper-case shadow boards. */
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startServerWithFakeGitHub } from '../testing/github-server.ts';
import type { GitHubServer } from '../testing/github-server.ts';
import type { RunningServer } from '../testing/harness.ts';
import { api, newBoard, signUp } from '../testing/harness.ts';
import { RawSocket } from './raw-client.ts';

const VICTIM_EMAIL = 'victim@corp.example';
let s: RunningServer;
let github: GitHubServer;
beforeAll(async () => {
  github = await startServerWithFakeGitHub({ id: 9001, login: 'victim', email: VICTIM_EMAIL });
  s = github.server;
});
afterAll(() => github?.close());

describe('attack 4: pre-account takeover through OAuth', () => {
  it('never links a verified provider email to a password account made by someone else', async () => {
    const attacker = await signUp(s.url, VICTIM_EMAIL);
    const start = await fetch(`${s.url}/api/auth/oauth/github`, { redirect: 'manual' });
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const done = await fetch(authorize.headers.get('location') ?? '', {
      redirect: 'manual',
      headers: { cookie: cookieOf(start.headers) },
    });
    expect(done.status).toBe(409);
    expect(((await done.json()) as { error: string }).error).toMatch(
      /sign in with its password first/i,
    );
    // The attacker's account did not gain the GitHub identity.
    const rows = await s.server.db.query('SELECT 1 FROM oauth_accounts WHERE user_id = $1', [
      attacker.userId,
    ]);
    expect(rows.rows).toHaveLength(0);
  });
});

describe('attack 5: TOTP brute force and replay', () => {
  it('limits codes per account across sessions and refuses a used code', async () => {
    const user = await signUp(s.url);
    const setup = await api(s.url, 'POST', '/api/auth/totp/setup', { token: user.token });
    const key = decodeBase32IgnorePadding(String(setup.body['key']));
    const code = () => generateTOTP(key, 30, 6);
    expect(
      (
        await api(s.url, 'POST', '/api/auth/totp/enable', {
          token: user.token,
          body: { key: setup.body['key'], code: code() },
        })
      ).status,
    ).toBe(200);
    const halfSession = async () =>
      String(
        (
          await api(s.url, 'POST', '/api/auth/signin', {
            body: { email: user.email, password: 'correct horse battery', tokenInBody: true },
          })
        ).body['token'],
      );
    // A valid code, used twice: the second time it is refused.
    const good = code();
    const first = await halfSession();
    expect(
      (await api(s.url, 'POST', '/api/auth/totp/verify', { token: first, body: { code: good } }))
        .status,
    ).toBe(200);
    const second = await halfSession();
    expect(
      (await api(s.url, 'POST', '/api/auth/totp/verify', { token: second, body: { code: good } }))
        .status,
    ).toBe(401);
    // Guesses from fresh sessions share one budget per account.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const session = await halfSession();
      const wrong = String((Number(code()) + 1 + i) % 1_000_000).padStart(6, '0');
      statuses.push(
        (
          await api(s.url, 'POST', '/api/auth/totp/verify', {
            token: session,
            body: { code: wrong },
          })
        ).status,
      );
    }
    expect(statuses.filter((st) => st === 429).length).toBeGreaterThanOrEqual(3);
  });
});

describe('attack 7: spoofed addresses and lockouts', () => {
  it('ignores a made-up X-Forwarded-For without a trusted proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 55; i++) {
      const res = await api(s.url, 'POST', '/api/auth/signin', {
        body: { email: `nobody${i}@example.org`, password: 'wrong' },
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      });
      statuses.push(res.status);
    }
    // The per-address budget (50 per 15 min) still counts this one address.
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
  });
});

describe('attack 11: upper-case board ids', () => {
  it('refuses a shadow document under an upper-case board id', async () => {
    const user = await signUp(s.url);
    const board = await newBoard(s.url, user.token);
    const socket = new RawSocket(s.wsUrl);
    await expect(socket.auth(board.toUpperCase(), user.token)).rejects.toThrow(/lower case/);
    socket.close();
    expect(s.server.hocuspocus.documents.has(board.toUpperCase())).toBe(false);
  });
});
