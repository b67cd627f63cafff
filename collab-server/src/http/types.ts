import type { Context } from 'hono';
import type { RequestIdVariables } from 'hono/request-id';
import type { Principal } from '../auth/principal.ts';
import type { AuthLimits } from '../auth/limits.ts';
import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';

/** Everything route handlers need, built once per server. */
export interface AppDeps {
  config: ServerConfig;
  db: Database;
  logger: Logger;
  /** Sign-in, sign-up, second-factor and board-creation limits (auth/limits.ts). */
  authLimits: AuthLimits;
  /** The origin browsers use to reach us (known once listening). */
  origin: () => string;
  isAllowedOrigin: (origin: string | null) => boolean;
  /** Closes live WebSocket connections to a board (deleted board, removed member). */
  closeBoardConnections: (boardId: string) => void;
  /** Closes the live WebSocket connections of a user, or of one credential (a session
   * or API token id), the moment it is revoked (collab/registry.ts). */
  closeUserConnections: (userId: string) => void;
  closeCredentialConnections: (kind: 'session' | 'api-token', id: string) => void;
  /** Writes a renamed board's title into its live document, so every open whiteboard
   * shows the new name at once (the database row alone reaches only new page loads). */
  retitleBoardDocument: (boardId: string, title: string) => Promise<void>;
  readiness: () => Promise<Record<string, 'ok' | string>>;
  metricsText: () => Promise<{ contentType: string; body: string }>;
}

export interface AppEnv {
  Variables: RequestIdVariables & {
    /** Parse every response against its route's schema (test servers; see route-kit.ts). */
    checkResponses: boolean;
    log: Logger;
    principal: Principal | null;
    /** True when the principal came from the session cookie (CSRF rules apply). */
    viaCookie: boolean;
    /** The client address, after the trusted-proxy rule (auth/client-address.ts). */
    clientAddress: string;
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

export function clientIp(c: AppContext): string {
  return c.get('clientAddress');
}
