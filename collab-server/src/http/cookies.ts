import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { parse } from 'hono/utils/cookie';

/** The session cookie: HttpOnly (no script can read it), SameSite=Lax (not sent on
 * cross-site subrequests), Secure on https. Set and cleared with `hono/cookie`. */
export const SESSION_COOKIE = 'mm_session';

/** One cookie from a raw `Cookie` header (the WebSocket upgrade has no Hono context). */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  return parse(header, name)[name] ?? null;
}

const sessionCookieOptions = (secure: boolean) =>
  ({ httpOnly: true, sameSite: 'Lax', path: '/', secure }) as const;

export function setSessionCookie(c: Context, token: string, expiresAt: Date, secure: boolean) {
  setCookie(c, SESSION_COOKIE, token, {
    ...sessionCookieOptions(secure),
    maxAge: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
  });
}

export function clearSessionCookie(c: Context, secure: boolean) {
  deleteCookie(c, SESSION_COOKIE, sessionCookieOptions(secure));
}
