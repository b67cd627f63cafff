import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** Origins of browser extension pages and service workers. */
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/;
/** How long a browser may cache a preflight answer (s). */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for the MotionMath browser extension: its pages and service worker call the API
 * with a bearer token from `chrome-extension://<id>` / `moz-extension://<uuid>`. Only
 * extension origins that are configured (`ALLOWED_ORIGINS`) get an answer; any other
 * origin, web pages included, gets no CORS headers, as before.
 */
export function extensionCors(
  isAllowedOrigin: (origin: string | null) => boolean,
): MiddlewareHandler {
  return cors({
    origin: (origin) => (EXTENSION_ORIGIN.test(origin) && isAllowedOrigin(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    // Bearer tokens only: cookies never go along from the extension.
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_S,
  });
}
