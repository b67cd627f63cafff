import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { HealthSchema, ReadinessSchema } from '@motionmath/protocol';
import { clientAddress } from '../auth/client-address.ts';
import { LimitError } from '../auth/limits.ts';
import { principalFromToken } from '../auth/principal.ts';
import { SESSION_COOKIE } from './cookies.ts';
import { extensionCors } from './cors.ts';
import { accountRoutes } from './account-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { boardRoutes, searchRoutes, shareRoutes } from './board-routes.ts';
import { oauthRoutes } from './oauth-routes.ts';
import { SAMPLES_PATH, samplesRoutes } from './samples-routes.ts';
import { OPENAPI_INFO, registerSecuritySchemes } from './openapi.ts';
import { isOperator } from './operator-access.ts';
import {
  errorResponse,
  jsonContent,
  PUBLIC,
  ResponseMismatchError,
  route,
  routes,
} from './route-kit.ts';
import type { AppDeps } from './types.ts';
import { HttpError } from './types.ts';

/** JSON bodies are small (names, emails, codes); 64 KiB bounds what a client can make
 * us buffer and parse. */
const MAX_BODY_BYTES = 64 * 1024;
/** Longer client-sent request ids are replaced by our own (they end up in every log line). */
const MAX_REQUEST_ID_LENGTH = 64;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const health = route({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness',
  tags: ['operations'],
  security: PUBLIC,
  responses: { 200: jsonContent(HealthSchema, 'Alive') },
});
const readiness = route({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: database and Redis reachable (checks only for operators)',
  tags: ['operations'],
  security: PUBLIC,
  responses: {
    200: jsonContent(ReadinessSchema, 'Ready'),
    503: jsonContent(ReadinessSchema, 'Not ready'),
  },
});
const metrics = route({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics (Bearer METRICS_TOKEN, or loopback when none is set)',
  tags: ['operations'],
  security: PUBLIC,
  responses: {
    200: {
      description: 'Prometheus text format',
      content: { 'text/plain': { schema: z.string() } },
    },
    401: errorResponse('METRICS_TOKEN needed'),
  },
});
const openapiDocument = route({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  tags: ['operations'],
  security: PUBLIC,
  responses: { 200: jsonContent(z.record(z.string(), z.unknown()), 'OpenAPI 3.1') },
});

/**
 * The HTTP API (Hono with `@hono/zod-openapi`). Hono because it is small, fast,
 * dependency-free and built on the web-standard Request/Response, so handlers are plain
 * functions that tests can call, and the same app runs on Node through @hono/node-server
 * next to the WebSocket server. Every route is declared once (route-kit.ts): that gives
 * its validation, its `/openapi.json` entry and the typed client (`AppType`).
 */
export function createApp(deps: AppDeps) {
  const app = routes();

  app.use(requestId({ limitLength: MAX_REQUEST_ID_LENGTH }));
  // No page of ours may be framed (the extension's connect page once could be, for
  // clickjacking its Allow button): `frame-ancestors 'none'` and the older X-Frame-Options
  // on every response. The cross-origin policies stay off: the extension calls the API
  // from its own origin (CORS), and OAuth sign-in returns through a top-level redirect.
  app.use(
    secureHeaders({
      xFrameOptions: 'DENY',
      contentSecurityPolicy: { frameAncestors: ["'none'"] },
      crossOriginResourcePolicy: false,
      crossOriginOpenerPolicy: false,
      strictTransportSecurity: false,
    }),
  );
  app.use(async (c, next) => {
    const log = deps.logger.child({ requestId: c.get('requestId') });
    c.set('log', log);
    c.set('checkResponses', deps.config.checkResponses);
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
      ?.incoming;
    c.set(
      'clientAddress',
      clientAddress(
        incoming?.socket?.remoteAddress,
        c.req.header('x-forwarded-for'),
        deps.config.trustedProxyHops,
      ),
    );
    const started = performance.now();
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
    // Hono's own client errors (malformed JSON, …) keep their status.
    if (error instanceof HTTPException && error.status < 500)
      return c.json({ error: error.message }, error.status);
    if (error instanceof LimitError) {
      if (error.retryAfterMs > 0)
        c.header('Retry-After', String(Math.ceil(error.retryAfterMs / 1000)));
      return c.json({ error: error.message }, error.status);
    }
    c.get('log').error({ err: error }, 'request failed');
    // A contract break is a bug to show in the failing test, not to hide.
    const message = error instanceof ResponseMismatchError ? error.message : 'internal error';
    return c.json({ error: message, requestId: c.get('requestId') }, 500);
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));

  app.use('/api/*', extensionCors(deps.isAllowedOrigin));

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
    const cookieToken = getCookie(c, SESSION_COOKIE) ?? null;
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

  registerSecuritySchemes(app.openAPIRegistry);
  let document: Record<string, unknown> | null = null;
  const api = app
    .route('/api/auth/oauth', oauthRoutes(deps))
    .route('/api/auth', authRoutes(deps))
    .route(SAMPLES_PATH, samplesRoutes(deps))
    .route('/api/me', accountRoutes(deps))
    .route('/api/boards', boardRoutes(deps))
    .route('/api/share', shareRoutes(deps))
    .route('/api/equations', searchRoutes(deps))
    .openapi(health, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readiness, async (c) => {
      const checks = await deps.readiness();
      const ready = Object.values(checks).every((v) => v === 'ok');
      // Probes need only the status code; the checks' messages are for operators.
      const detail = isOperator(c, deps.config.metricsToken) ? { checks } : {};
      return ready
        ? c.json({ status: 'ready' as const, ...detail }, 200)
        : c.json({ status: 'unavailable' as const, ...detail }, 503);
    })
    .openapi(metrics, async (c) => {
      if (!isOperator(c, deps.config.metricsToken))
        return c.json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' }, 401);
      const { contentType, body } = await deps.metricsText();
      return c.text(body, 200, { 'Content-Type': contentType });
    })
    .openapi(openapiDocument, (c) => {
      // Built on first request, once every route is registered.
      document ??= app.getOpenAPI31Document(OPENAPI_INFO) as unknown as Record<string, unknown>;
      return c.json(document, 200);
    });

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
  return api;
}

/** The whole HTTP API as a type, for `hc<AppType>()` clients (`hono/client`). */
export type AppType = ReturnType<typeof createApp>;
