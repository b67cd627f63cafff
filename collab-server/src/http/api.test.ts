import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { ApiResponse, RunningServer } from '../testing/harness.ts';
import { readMeta } from '@motionmath/protocol';
import type * as Y from 'yjs';
import { api, connect, newBoard, signUp, waitFor } from '../testing/harness.ts';
import { cookieOf, startServerWithFakeGitHub } from '../testing/github-server.ts';
import type { GitHubServer } from '../testing/github-server.ts';
import type { FakeOAuthProvider } from '../testing/fake-oauth.ts';

let s: RunningServer;
let oauth: FakeOAuthProvider;
let github: GitHubServer;
beforeAll(async () => {
  github = await startServerWithFakeGitHub({ id: 4242, login: 'octo', email: 'octo@example.org' });
  ({ server: s, oauth } = github);
});
afterAll(() => github?.close());

describe('accounts and sessions', () => {
  it('signs up, signs in with a hardened cookie, and signs out', async () => {
    const email = `ada-${Date.now()}@example.org`;
    const up = await api(s.url, 'POST', '/api/auth/signup', {
      body: { email, password: 'analytical engine' },
    });
    expect(up.status).toBe(201);
    expect(up.body['token']).toBeUndefined();
    const cookie = up.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^mm_session=[a-z2-7]+;/);
    // Hardened: script-proof, not sent cross-site, site-wide, expiring; not Secure on http.
    const attributes = cookie.split('; ').slice(1).sort();
    expect(attributes).toEqual([
      'HttpOnly',
      expect.stringMatching(/^Max-Age=\d+$/),
      'Path=/',
      'SameSite=Lax',
    ]);

    expect(
      (
        await api(s.url, 'POST', '/api/auth/signin', {
          body: { email, password: 'wrong password' },
        })
      ).status,
    ).toBe(401);
    const signin = await api(s.url, 'POST', '/api/auth/signin', {
      body: { email: email.toUpperCase(), password: 'analytical engine', tokenInBody: true },
    });
    expect(signin.status).toBe(200);
    const token = String(signin.body['token']);
    expect((await api(s.url, 'GET', '/api/me', { token })).body['user']).toMatchObject({ email });

    // The database holds only the SHA-256 of the token.
    const stored = await s.server.db.query<{ id: string }>('SELECT id FROM sessions');
    expect(stored.rows.some((r) => r.id === token)).toBe(false);

    expect((await api(s.url, 'GET', '/api/auth/session', { token })).body['user']).toMatchObject({
      email,
    });
    expect((await api(s.url, 'POST', '/api/auth/signout', { token })).status).toBe(204);
    const signedOut = await api(s.url, 'GET', '/api/auth/session', { token });
    expect(signedOut.status).toBe(200);
    expect(signedOut.body['user']).toBeNull();
    expect((await api(s.url, 'GET', '/api/me', { token })).status).toBe(401);
  });

  it('signs out everywhere', async () => {
    const user = await signUp(s.url);
    const second = await api(s.url, 'POST', '/api/auth/signin', {
      body: { email: user.email, password: 'correct horse battery', tokenInBody: true },
    });
    const other = String(second.body['token']);
    const res = await api(s.url, 'POST', '/api/auth/signout-everywhere', { token: user.token });
    expect(res.body['signedOut']).toBe(2);
    expect((await api(s.url, 'GET', '/api/me', { token: other })).status).toBe(401);
  });

  it('slows down sign-in attempts per email, without locking the owner out', async () => {
    const user = await signUp(s.url);
    const attempts: ApiResponse[] = [];
    for (let i = 0; i < 8; i++) {
      attempts.push(
        await api(s.url, 'POST', '/api/auth/signin', {
          body: { email: user.email, password: `guess-${i}` },
        }),
      );
    }
    const statuses = attempts.map((a) => a.status);
    expect(statuses.slice(0, 5).every((st) => st === 401)).toBe(true);
    expect(statuses.slice(5).every((st) => st === 429)).toBe(true);
    // A short wait, not a 15-minute lockout: then the right password works.
    const wait = Number(attempts[7]?.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    const right = await api(s.url, 'POST', '/api/auth/signin', {
      body: { email: user.email, password: 'correct horse battery' },
    });
    expect(right.status).toBe(200);
  });

  it('refuses cookie-authenticated writes from other origins (CSRF)', async () => {
    const user = await signUp(s.url);
    const cookie = `mm_session=${user.token}`;
    const create = (origin?: string) =>
      api(s.url, 'POST', '/api/boards', {
        body: { name: 'x' },
        headers: { cookie, ...(origin ? { origin } : {}) },
      });
    expect((await create()).status).toBe(403);
    expect((await create('https://evil.example')).status).toBe(403);
    expect((await create(s.url)).status).toBe(201);
    // Reads need no Origin.
    expect((await api(s.url, 'GET', '/api/boards', { headers: { cookie } })).status).toBe(200);
  });

  it('requires the TOTP second factor once enabled', async () => {
    const user = await signUp(s.url);
    const setup = await api(s.url, 'POST', '/api/auth/totp/setup', { token: user.token });
    const key = String(setup.body['key']);
    expect(String(setup.body['uri'])).toMatch(/^otpauth:\/\/totp\//);
    const code = () => generateTOTP(decodeBase32IgnorePadding(key), 30, 6);
    expect(
      (
        await api(s.url, 'POST', '/api/auth/totp/enable', {
          token: user.token,
          body: { key, code: '000000' === code() ? '111111' : '000000' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await api(s.url, 'POST', '/api/auth/totp/enable', {
          token: user.token,
          body: { key, code: code() },
        })
      ).status,
    ).toBe(200);

    const signin = await api(s.url, 'POST', '/api/auth/signin', {
      body: { email: user.email, password: 'correct horse battery', tokenInBody: true },
    });
    expect(signin.body['twoFactorRequired']).toBe(true);
    const half = String(signin.body['token']);
    expect((await api(s.url, 'GET', '/api/me', { token: half })).status).toBe(401);
    expect(
      (await api(s.url, 'POST', '/api/auth/totp/verify', { token: half, body: { code: '12345x' } }))
        .status,
    ).toBe(401);
    expect(
      (await api(s.url, 'POST', '/api/auth/totp/verify', { token: half, body: { code: code() } }))
        .status,
    ).toBe(200);
    expect((await api(s.url, 'GET', '/api/me', { token: half })).body['user']).toMatchObject({
      twoFactorEnabled: true,
    });
  });

  it('signs in with GitHub through a loopback OAuth provider', async () => {
    const start = await fetch(`${s.url}/api/auth/oauth/github`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const flowCookies = cookieOf(start.headers);
    const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
    const callback = authorize.headers.get('location') ?? '';
    expect(callback.startsWith(`${s.url}/api/auth/oauth/github/callback?`)).toBe(true);

    // A callback with a forged state is refused.
    const forged = await fetch(callback.replace(/state=[^&]+/, 'state=forged'), {
      redirect: 'manual',
      headers: { cookie: flowCookies },
    });
    expect(forged.status).toBe(400);

    const done = await fetch(callback, { redirect: 'manual', headers: { cookie: flowCookies } });
    expect(done.status).toBe(302);
    const session = cookieOf(done.headers);
    expect(session).toMatch(/mm_session=/);
    const me = await api(s.url, 'GET', '/api/me', { headers: { cookie: session } });
    expect(me.body['user']).toMatchObject({ email: 'octo@example.org' });
    expect(oauth.exchanged).toBe(1);
    expect((await api(s.url, 'GET', '/api/auth/oauth/google')).status).toBe(404);
  });
});

describe('API tokens', () => {
  it('creates scoped tokens that cannot manage the account', async () => {
    const user = await signUp(s.url);
    const created = await api(s.url, 'POST', '/api/me/tokens', {
      token: user.token,
      body: { name: 'extension', scopes: ['board:read'] },
    });
    expect(created.status).toBe(201);
    const token = String(created.body['token']);
    expect(token.startsWith('mmat_')).toBe(true);
    // A solver token writes on every board: even a signed-in user may not mint one.
    const solverToken = await api(s.url, 'POST', '/api/me/tokens', {
      token: user.token,
      body: { name: 'worker', scopes: ['solver'] },
    });
    expect(solverToken.status).toBe(403);
    expect((await api(s.url, 'GET', '/api/boards', { token })).status).toBe(200);
    expect(
      (
        await api(s.url, 'POST', '/api/me/tokens', {
          token,
          body: { name: 'x', scopes: ['solver'] },
        })
      ).status,
    ).toBe(403);
    expect((await api(s.url, 'POST', '/api/boards', { token, body: { name: 'x' } })).status).toBe(
      403,
    );
    expect(
      (
        await api(s.url, 'POST', '/api/me/tokens', {
          token: user.token,
          body: { name: 'x', scopes: ['root'] },
        })
      ).status,
    ).toBe(400);
    const listed = await api(s.url, 'GET', '/api/me/tokens', { token: user.token });
    expect((listed.body['tokens'] as unknown[]).length).toBe(1);
    expect(
      (
        await api(s.url, 'DELETE', `/api/me/tokens/${String(created.body['id'])}`, {
          token: user.token,
        })
      ).status,
    ).toBe(204);
    expect((await api(s.url, 'GET', '/api/boards', { token })).status).toBe(401);
  });
});

/** The document's title, or null before its meta exists. */
const titleOf = (doc: Y.Doc): string | null => {
  try {
    return readMeta(doc).title;
  } catch {
    return null;
  }
};

describe('boards', () => {
  it('creates, lists, renames and deletes with role checks', async () => {
    const owner = await signUp(s.url);
    const editor = await signUp(s.url);
    const stranger = await signUp(s.url);
    const board = await newBoard(s.url, owner.token, 'Algebra');
    await api(s.url, 'PUT', `/api/boards/${board}/members`, {
      token: owner.token,
      body: { email: editor.email, role: 'editor' },
    });
    const list = await api(s.url, 'GET', '/api/boards', { token: editor.token });
    expect(list.body['boards']).toMatchObject([{ id: board, name: 'Algebra', role: 'editor' }]);
    expect(
      (
        await api(s.url, 'PATCH', `/api/boards/${board}`, {
          token: editor.token,
          body: { name: 'Calculus' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await api(s.url, 'GET', `/api/boards/${board}`, { token: stranger.token })).status,
    ).toBe(404);
    expect(
      (await api(s.url, 'DELETE', `/api/boards/${board}`, { token: editor.token })).status,
    ).toBe(403);
    const members = await api(s.url, 'GET', `/api/boards/${board}/members`, {
      token: editor.token,
    });
    expect((members.body['members'] as { role: string }[]).map((m) => m.role)).toEqual([
      'owner',
      'editor',
    ]);
    expect(
      (
        await api(s.url, 'PUT', `/api/boards/${board}/members`, {
          token: owner.token,
          body: { email: editor.email, role: 'owner' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await api(s.url, 'DELETE', `/api/boards/${board}`, { token: owner.token })).status,
    ).toBe(204);
    expect((await api(s.url, 'GET', `/api/boards/${board}`, { token: owner.token })).status).toBe(
      404,
    );
  });

  it('shows a rename live to everyone on the board and to later loads', async () => {
    const owner = await signUp(s.url);
    const board = await newBoard(s.url, owner.token, 'Algebra');
    const watcher = await connect(s.wsUrl, board, owner.token);
    try {
      await waitFor('the initial title', () => titleOf(watcher.doc) === 'Algebra');
      const res = await api(s.url, 'PATCH', `/api/boards/${board}`, {
        token: owner.token,
        body: { name: 'Algebra II' },
      });
      expect(res.status).toBe(200);
      await waitFor('the new title', () => titleOf(watcher.doc) === 'Algebra II');
    } finally {
      watcher.destroy();
    }
    // Nobody has it open now: the rename loads the document and stores the new title.
    await api(s.url, 'PATCH', `/api/boards/${board}`, {
      token: owner.token,
      body: { name: 'Geometry' },
    });
    const later = await connect(s.wsUrl, board, owner.token);
    try {
      expect(titleOf(later.doc)).toBe('Geometry');
    } finally {
      later.destroy();
    }
  });

  it('shares through links with a role and an expiry', async () => {
    const owner = await signUp(s.url);
    const guest = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    const link = await api(s.url, 'POST', `/api/boards/${board}/share-links`, {
      token: owner.token,
      body: { role: 'viewer', expiresInHours: 1 },
    });
    expect(link.status).toBe(201);
    expect(String(link.body['url'])).toContain('/share/');
    const accepted = await api(s.url, 'POST', `/api/share/${String(link.body['token'])}/accept`, {
      token: guest.token,
    });
    expect(accepted.body).toEqual({ boardId: board, role: 'viewer' });
    expect(
      (
        await api(s.url, 'PATCH', `/api/boards/${board}`, {
          token: guest.token,
          body: { name: 'mine' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await api(s.url, 'DELETE', `/api/boards/${board}/share-links/${String(link.body['id'])}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    // The owner's list tells when each link was made, expires and was revoked.
    const listed = await api(s.url, 'GET', `/api/boards/${board}/share-links`, {
      token: owner.token,
    });
    const [only] = listed.body['shareLinks'] as Record<string, unknown>[];
    expect(only?.['id']).toBe(link.body['id']);
    expect(Date.parse(String(only?.['createdAt']))).toBeLessThanOrEqual(
      Date.parse(String(only?.['expiresAt'])),
    );
    expect(only?.['revokedAt']).toEqual(expect.any(String));
    expect(
      (
        await api(s.url, 'POST', `/api/share/${String(link.body['token'])}/accept`, {
          token: guest.token,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api(s.url, 'POST', `/api/boards/${board}/share-links`, {
          token: owner.token,
          body: { role: 'owner' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('my data (GDPR)', () => {
  it('exports everything and deletes the account with its boards', async () => {
    const user = await signUp(s.url);
    const board = await newBoard(s.url, user.token, 'Private');
    const exported = await api(s.url, 'GET', '/api/me/export', { token: user.token });
    expect(exported.status).toBe(200);
    expect(exported.body['user']).toMatchObject({ email: user.email, hasPassword: true });
    expect(exported.body['boards']).toMatchObject([{ id: board, name: 'Private', role: 'owner' }]);
    expect(JSON.stringify(exported.body)).not.toMatch(/argon2/);
    expect(
      (
        await api(s.url, 'DELETE', '/api/me', {
          token: user.token,
          body: { confirmEmail: 'someone@else.org' },
        })
      ).status,
    ).toBe(400);
    const deleted = await api(s.url, 'DELETE', '/api/me', {
      token: user.token,
      body: { confirmEmail: user.email },
    });
    expect(deleted.body).toEqual({ deleted: true, boards: 1 });
    expect((await api(s.url, 'GET', '/api/me', { token: user.token })).status).toBe(401);
    expect((await s.server.db.query('SELECT 1 FROM boards WHERE id = $1', [board])).rows).toEqual(
      [],
    );
  });
});

describe('operations', () => {
  it('serves health, readiness, metrics and request ids', async () => {
    expect((await api(s.url, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await api(s.url, 'GET', '/readyz')).body).toEqual({
      status: 'ready',
      checks: { database: 'ok' },
    });
    const metrics = await fetch(`${s.url}/metrics`);
    const text = await metrics.text();
    for (const name of [
      'motionmath_ws_connections',
      'motionmath_documents_loaded',
      'motionmath_ws_messages_total',
      'motionmath_update_latency_seconds',
    ]) {
      expect(text).toContain(name);
    }
    const res = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect((await api(s.url, 'POST', '/api/boards', { body: 'x'.repeat(100_000) })).status).toBe(
      413,
    );
    expect((await api(s.url, 'POST', '/api/auth/signup', { body: [1, 2] })).status).toBe(400);
  });

  it('documents every route in /openapi.json, and only existing routes', async () => {
    const doc = (await api(s.url, 'GET', '/openapi.json')).body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const routes = new Set(
      s.server.app.routes
        .filter((r) => r.method !== 'ALL' && !r.path.includes('*') && r.path !== '/')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method} ${path}`),
      ),
    );
    expect([...routes].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !routes.has(r))).toEqual([]);
    expect(routes.size).toBeGreaterThan(25);
    // Every JSON answer has a real schema (a component or named properties), not a bare
    // `{ type: 'object' }`.
    const bare = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).flatMap(([method, op]) =>
        Object.entries((op as { responses: Record<string, { content?: unknown }> }).responses)
          .filter(([, r]) => {
            const schema = (r.content as Record<string, { schema: Record<string, unknown> }>)?.[
              'application/json'
            ]?.schema;
            return (
              schema && !schema['$ref'] && !schema['properties'] && !schema['additionalProperties']
            );
          })
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    );
    expect(bare).toEqual([]);
  });
});
