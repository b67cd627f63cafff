import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { serveStatic } from '@hono/node-server/serve-static';
import { principalFromToken } from '../auth/principal.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { accountRoutes, authRoutes } from './auth-routes.ts';
import { boardRoutes, searchRoutes, shareRoutes } from './board-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { SAMPLES_PATH, samplesRoutes } from './samples-routes.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import type { AppDeps, AppEnv } from './types.ts';
import { HttpError } from './types.ts';

/** JSON bodies are small (names, emails, codes); 64 KiB bounds what a client can make
 * us buffer and parse. */
const MAX_BODY_BYTES = 64 * 1024;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The HTTP API (Hono). Hono because it is small, fast, dependency-free and built on the
 * web-standard Request/Response, so handlers are plain functions that tests can call,
 * and the same app runs on Node through @hono/node-server next to the WebSocket server.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    const log = deps.logger.child({ requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
    c.get('log').error({ err: error }, 'request failed');
    return c.json({ error: 'internal error', requestId: c.get('requestId') }, 500);
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));

  const generalBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => c.json({ error: 'body too large' }, 413),
  });
  // The personal samples file is larger by nature (ink); its route sets its own limit.
  app.use('/api/*', (c, next) =>
    c.req.path === SAMPLES_PATH ? next() : generalBodyLimit(c, next),
  );

  // Who is calling: `Authorization: Bearer` (session or API token) or the session cookie.
  // Cookie-authenticated writes must come from an allowed Origin (CSRF); a bearer token
  // is never sent by a browser on its own, so it needs no such check.
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('authorization');
    const cookieToken = readCookie(c.req.header('cookie'), SESSION_COOKIE);
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const origin = c.req.header('origin') ?? null;
    if (UNSAFE_METHODS.has(c.req.method) && !bearer && (cookieToken || origin !== null)) {
      if (!deps.isAllowedOrigin(origin)) throw new HttpError(403, 'cross-origin request refused');
    }
    const token = bearer ?? cookieToken;
    c.set('principal', token ? await principalFromToken(deps.db, token) : null);
    c.set('viaCookie', !bearer && cookieToken !== null);
    await next();
  });

  app.route('/api/auth/oauth', oauthRoutes(deps));
  app.route('/api/auth', authRoutes(deps));
  app.route(SAMPLES_PATH, samplesRoutes(deps));
  app.route('/api/me', accountRoutes(deps));
  app.route('/api/boards', boardRoutes(deps));
  app.route('/api/share', shareRoutes(deps));
  app.route('/api/equations', searchRoutes(deps));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every((v) => v === 'ok');
    return c.json({ status: ready ? 'ready' : 'unavailable', checks }, ready ? 200 : 503);
  });
  app.get('/metrics', async (c) => {
    const { contentType, body } = await deps.metricsText();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
  app.get('/openapi.json', (c) => c.json(OPENAPI_DOCUMENT));

  const dist = deps.config.whiteboardDist;
  if (dist && existsSync(resolve(dist, 'index.html'))) {
    // serveStatic resolves `root` against the working directory.
    const root = relative(process.cwd(), resolve(dist)) || '.';
    app.use('/*', serveStatic({ root }));
    // Client-side routes (e.g. /board/<id>, /share/<token>) get the app shell; unknown
    // API paths stay JSON 404s.
    const shell = serveStatic({ root, path: 'index.html' });
    app.use('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : shell(c, next)));
  } else {
    app.get('/', (c) =>
      c.json({
        name: 'MotionMath collab-server',
        api: '/openapi.json',
        note: 'the whiteboard is not built; run its build to serve it here',
      }),
    );
  }
  return app;
}
