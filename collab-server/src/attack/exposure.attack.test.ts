/** Findings 12, 13 and 14: the extension connect flow (tokens for any extension id, one
 * more on every Allow, pages that could be framed), what a scoped token or a viewer could
 * read (every board name, every member's email, `/metrics`), and data kept forever
 * (expired sessions, analytics and audit rows). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareBoard } from '@motionmath/testkit';
import type { RunningServer } from '../testing/harness.ts';
import { api, newBoard, signUp, startServer } from '../testing/harness.ts';

const KNOWN_EXTENSION = 'chrome-extension://knownextensionidknownextensionid';
const METRICS_TOKEN = 'metrics-secret-for-the-test';
const DAY_MS = 24 * 60 * 60 * 1000;

let s: RunningServer;
beforeAll(async () => {
  s = await startServer({
    allowedOrigins: [KNOWN_EXTENSION],
    metricsToken: METRICS_TOKEN,
    eventRetentionDays: 30,
    auditRetentionDays: 365,
    // The test runs the job itself, at a chosen time.
    retentionIntervalMs: 0,
  });
});
afterAll(async () => {
  await s?.server.close();
});

const extensionToken = (session: string, extensionOrigin: string) =>
  api(s.url, 'POST', '/api/me/tokens', {
    token: session,
    body: { name: 'MotionMath extension', scopes: ['board:read', 'board:write'], extensionOrigin },
  });

describe('attack 12: the extension connect flow', () => {
  it('gives a token only to an extension the server knows, one per extension', async () => {
    const user = await signUp(s.url);
    const unknown = await extensionToken(
      user.token,
      'chrome-extension://someotherextensionidxxxxxxxxxxxx',
    );
    expect(unknown.status).toBe(403);
    expect(String(unknown.body['error'])).toContain('ALLOWED_ORIGINS');
    const first = await extensionToken(user.token, KNOWN_EXTENSION);
    const second = await extensionToken(user.token, KNOWN_EXTENSION);
    expect([first.status, second.status]).toEqual([201, 201]);
    const list = await api(s.url, 'GET', '/api/me/tokens', { token: user.token });
    const tokens = list.body['tokens'] as { id: string; name: string }[];
    // The second Allow replaced the first token: it no longer works.
    expect(tokens.map((t) => t.id)).toEqual([second.body['id']]);
    expect(tokens[0]?.name).toBe(`MotionMath extension · ${KNOWN_EXTENSION}`);
    const old = await api(s.url, 'GET', '/api/me', { token: String(first.body['token']) });
    expect(old.status).toBe(401);
  });

  it('no response may be framed', async () => {
    for (const path of ['/', '/healthz', '/api/me', '/openapi.json']) {
      const response = await api(s.url, 'GET', path);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('content-security-policy'), path).toContain(
        "frame-ancestors 'none'",
      );
    }
  });
});

describe('attack 13: what a scoped token, a viewer or anyone can read', () => {
  it('a token pinned to one board lists only that board', async () => {
    const owner = await signUp(s.url);
    const pinnedBoard = await newBoard(s.url, owner.token, 'Pinned');
    await newBoard(s.url, owner.token, 'Private plans');
    const created = await api(s.url, 'POST', '/api/me/tokens', {
      token: owner.token,
      body: { name: 'one board', scopes: ['board:read'], boardId: pinnedBoard },
    });
    const listed = await api(s.url, 'GET', '/api/boards', { token: String(created.body['token']) });
    const boards = listed.body['boards'] as { id: string; name: string }[];
    expect(boards.map((b) => b.name)).toEqual(['Pinned']);
  });

  it('member emails are shown to the owner only', async () => {
    const owner = await signUp(s.url);
    const viewer = await signUp(s.url);
    const board = await newBoard(s.url, owner.token);
    await shareBoard(s.url, owner.token, board, viewer.token, 'viewer');
    const emailsSeenBy = async (token: string) => {
      const res = await api(s.url, 'GET', `/api/boards/${board}/members`, { token });
      expect(res.status).toBe(200);
      return (res.body['members'] as { email?: string }[]).map((m) => m.email);
    };
    expect((await emailsSeenBy(owner.token)).sort()).toEqual([owner.email, viewer.email].sort());
    expect(await emailsSeenBy(viewer.token)).toEqual([undefined, undefined]);
  });

  it('/metrics needs the metrics token; readiness tells others only its status', async () => {
    expect((await api(s.url, 'GET', '/metrics')).status).toBe(401);
    const user = await signUp(s.url);
    expect((await api(s.url, 'GET', '/metrics', { token: user.token })).status).toBe(401);
    const metrics = await api(s.url, 'GET', '/metrics', { token: METRICS_TOKEN });
    expect(metrics.status).toBe(200);
    expect(String(metrics.body['text'])).toContain('# HELP');
    const anyone = await api(s.url, 'GET', '/readyz');
    expect(anyone.body).toEqual({ status: 'ready' });
    const operator = await api(s.url, 'GET', '/readyz', { token: METRICS_TOKEN });
    expect(operator.body).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });
});

describe('attack 14: nothing kept forever', () => {
  it('purges expired sessions and rows past their retention, and keeps the rest', async () => {
    const user = await signUp(s.url);
    const { db } = s.server;
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
    await db.query(
      `INSERT INTO sessions (id, user_id, expires_at) VALUES ('expired-session', $1, $2)`,
      [user.userId, daysAgo(1)],
    );
    await db.query(
      `INSERT INTO analytics_events (name, user_id, created_at) VALUES
         ('old.event', $1, $2), ('recent.event', $1, $3)`,
      [user.userId, daysAgo(31), daysAgo(29)],
    );
    await db.query(
      `INSERT INTO audit_log (actor_id, action, created_at) VALUES
         ($1, 'old.audit', $2), ($1, 'recent.audit', $3)`,
      [user.userId, daysAgo(366), daysAgo(364)],
    );
    await s.server.retention.runOnce(now);
    const count = async (sql: string) =>
      Number((await db.query<{ n: string }>(sql, [user.userId])).rows[0]?.n);
    expect(
      await count(
        `SELECT count(*) AS n FROM sessions WHERE user_id = $1 AND id = 'expired-session'`,
      ),
    ).toBe(0);
    // The live session (from sign-up) still works.
    expect((await api(s.url, 'GET', '/api/me', { token: user.token })).status).toBe(200);
    const names = async (sql: string) =>
      (await db.query<{ name: string }>(sql, [user.userId])).rows.map((r) => r.name);
    expect(
      await names(
        `SELECT name FROM analytics_events WHERE user_id = $1 AND name LIKE '%.event' ORDER BY name`,
      ),
    ).toEqual(['recent.event']);
    expect(
      await names(
        `SELECT action AS name FROM audit_log WHERE actor_id = $1 AND action LIKE '%.audit'`,
      ),
    ).toEqual(['recent.audit']);
  });
});
