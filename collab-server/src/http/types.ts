import type { Context } from 'hono';
import type { Principal } from '../auth/principal.ts';
import type { RateLimiter } from '../auth/rate-limit.ts';
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/** Everything route handlers need, built once per server. */
export interface AppDeps {
  config: ServerConfig;
  db: Database;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** The origin browsers use to reach us (known once listening). */
  origin: () => string;
  isAllowedOrigin: (origin: string | null) => boolean;
  /** Closes live WebSocket connections to a board (deleted board, removed member). */
  closeBoardConnections: (boardId: string) => void;
  /** Writes a renamed board's title into its live document, so every open whiteboard
   * shows the new name at once (the database row alone reaches only new page loads). */
  retitleBoardDocument: (boardId: string, title: string) => Promise<void>;
  readiness: () => Promise<Record<string, 'ok' | string>>;
  metricsText: () => Promise<{ contentType: string; body: string }>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal | null;
    /** True when the principal came from the session cookie (CSRF rules apply). */
    viaCookie: boolean;
  };
}

export type AppContext = Context<AppEnv>;

/** A client error with an HTTP status, rendered as `{ "error": message }`. */
export class HttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 503;
  constructor(status: HttpError['status'], message: string) {
    super(message);
    this.status = status;
  }
}

export function requirePrincipal(c: AppContext): Principal {
  const principal = c.get('principal');
  if (!principal) throw new HttpError(401, 'sign in required');
  return principal;
}

/** Routes that manage the account itself accept a browser session only, never an API
 * token: a leaked extension token must not be able to mint tokens or delete the user. */
export function requireSession(c: AppContext): Extract<Principal, { kind: 'session' }> {
  const principal = requirePrincipal(c);
  if (principal.kind !== 'session')
    throw new HttpError(403, 'this needs a signed-in session, not an API token');
  return principal;
}

/** Reads a JSON object body; anything else is a 400. */
export async function jsonBody(c: AppContext): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

export function stringField(
  body: Record<string, unknown>,
  name: string,
  options: { min?: number; max: number; optional?: false },
): string;
export function stringField(
  body: Record<string, unknown>,
  name: string,
  options: { min?: number; max: number; optional: true },
): string | undefined;
export function stringField(
  body: Record<string, unknown>,
  name: string,
  options: { min?: number; max: number; optional?: boolean },
): string | undefined {
  const value = body[name];
  if (value === undefined && options.optional) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, `${name} must be a string`);
  const min = options.min ?? 1;
  if (value.length < min || value.length > options.max) {
    throw new HttpError(400, `${name} must be ${min}–${options.max} characters`);
  }
  return value;
}

export function clientIp(c: AppContext): string {
  // Behind a proxy, X-Forwarded-For's first hop is the client; else the socket address.
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
