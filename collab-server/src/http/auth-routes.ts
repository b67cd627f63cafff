import { Hono } from 'hono';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import {
  invalidateAllSessions,
  invalidateSession,
  createSession,
  validateSessionToken,
} from '../auth/sessions.ts';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  dummyPasswordHash,
  hashPassword,
  verifyPassword,
} from '../auth/password.ts';
import { generateTotpKey, totpUri, verifyTotp } from '../auth/totp.ts';
import { API_TOKEN_PREFIX, generateToken, hashToken } from '../auth/secrets.ts';
import { markSessionTwoFactorVerified } from '../db/sessions.ts';
import { createUser, findUserByEmail, setTotpKey } from '../db/users.ts';
import type { User } from '../db/users.ts';
import {
  API_TOKEN_SCOPES,
  deleteApiToken,
  insertApiToken,
  listApiTokens,
} from '../db/api-tokens.ts';
import type { ApiTokenScope } from '../db/api-tokens.ts';
import { findBoard, isUuid } from '../db/boards.ts';
import { audit, recordEvent } from '../db/events.ts';
import { deleteAccount, exportUserData } from '../db/account-data.ts';
import { getPersonalSamples } from '../db/samples.ts';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies.ts';
import type { AppContext, AppDeps, AppEnv } from './types.ts';
import {
  HttpError,
  clientIp,
  jsonBody,
  requirePrincipal,
  requireSession,
  stringField,
} from './types.ts';

/** Sign-in attempts per email per window: enough for typos, too few to guess. */
const SIGN_IN_ATTEMPTS_PER_EMAIL = 10;
/** Per client address: a bit more, since several people may share one NAT. */
const SIGN_IN_ATTEMPTS_PER_IP = 50;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Second-factor codes per session per window: 6 digits must not be brute-forced. */
const TOTP_ATTEMPTS = 5;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 100;
/** API tokens expire after this many days unless asked otherwise (at most a year). */
const MAX_API_TOKEN_DAYS = 365;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Without a working rate limiter (Redis down) sign-in is refused, never unlimited. */
async function limited<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch {
    throw new HttpError(
      503,
      'sign-in is unavailable right now (rate limiter unreachable), try again later',
    );
  }
}

export function publicUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    twoFactorEnabled: user.totpKey !== null,
    createdAt: user.createdAt,
  };
}

export function authRoutes(deps: AppDeps) {
  const { db, rateLimiter } = deps;
  const secure = () => deps.origin().startsWith('https:');
  const app = new Hono<AppEnv>();

  /** Starts a session: cookie for browsers; the token in the body only when asked for
   * (`tokenInBody`, for non-browser clients), since script-readable tokens defeat HttpOnly. */
  const startSession = async (
    c: AppContext,
    user: User,
    twoFactorVerified: boolean,
    tokenInBody: boolean,
  ) => {
    const { token, session } = await createSession(db, user.id, twoFactorVerified);
    c.header('Set-Cookie', sessionCookie(token, session.expiresAt, secure()), { append: true });
    return {
      user: publicUser(user),
      twoFactorRequired: !twoFactorVerified,
      expiresAt: session.expiresAt,
      ...(tokenInBody ? { token } : {}),
    };
  };

  app.post('/signup', async (c) => {
    const body = await jsonBody(c);
    const email = stringField(body, 'email', { max: MAX_EMAIL_LENGTH });
    const password = stringField(body, 'password', {
      min: MIN_PASSWORD_LENGTH,
      max: MAX_PASSWORD_LENGTH,
    });
    const displayName =
      stringField(body, 'displayName', { max: MAX_NAME_LENGTH, optional: true }) ??
      email.split('@')[0] ??
      email;
    if (!EMAIL_PATTERN.test(email.trim())) throw new HttpError(400, 'email is not valid');
    if (await findUserByEmail(db, email))
      throw new HttpError(409, 'an account with this email exists');
    const user = await createUser(db, {
      email,
      displayName,
      passwordHash: await hashPassword(password),
    });
    await audit(db, { actorId: user.id, action: 'auth.signup', target: user.id, ip: clientIp(c) });
    await recordEvent(db, { name: 'user.signup', userId: user.id, props: { method: 'password' } });
    return c.json(await startSession(c, user, true, body['tokenInBody'] === true), 201);
  });

  app.post('/signin', async (c) => {
    const body = await jsonBody(c);
    const email = stringField(body, 'email', { max: MAX_EMAIL_LENGTH }).trim().toLowerCase();
    const password = stringField(body, 'password', { max: MAX_PASSWORD_LENGTH });
    const ip = clientIp(c);
    for (const [key, limit] of [
      [`signin:email:${email}`, SIGN_IN_ATTEMPTS_PER_EMAIL],
      [`signin:ip:${ip}`, SIGN_IN_ATTEMPTS_PER_IP],
    ] as const) {
      const { allowed, retryAfterMs } = await limited(() =>
        rateLimiter.hit(key, limit, SIGN_IN_WINDOW_MS),
      );
      if (!allowed) {
        c.header('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
        throw new HttpError(429, 'too many sign-in attempts, try again later');
      }
    }
    const user = await findUserByEmail(db, email);
    const ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
    if (!user || !ok) {
      await audit(db, {
        actorId: user?.id ?? null,
        action: 'auth.signin.failed',
        target: email,
        ip,
      });
      throw new HttpError(401, 'wrong email or password');
    }
    await rateLimiter.reset(`signin:email:${email}`);
    await audit(db, { actorId: user.id, action: 'auth.signin', target: user.id, ip });
    return c.json(await startSession(c, user, user.totpKey === null, body['tokenInBody'] === true));
  });

  /** The bearer or cookie token of this request, for session-level operations. */
  const rawSessionToken = (c: AppContext): string | null => {
    const header = c.req.header('authorization');
    if (header?.startsWith('Bearer ')) return header.slice(7).trim();
    return readCookie(c.req.header('cookie'), SESSION_COOKIE);
  };

  app.post('/totp/verify', async (c) => {
    const token = rawSessionToken(c);
    const valid =
      token && !token.startsWith(API_TOKEN_PREFIX) ? await validateSessionToken(db, token) : null;
    if (!valid) throw new HttpError(401, 'sign in first');
    if (!valid.user.totpKey) throw new HttpError(400, 'two-factor authentication is not enabled');
    const { allowed } = await limited(() =>
      rateLimiter.hit(`totp:${valid.session.id}`, TOTP_ATTEMPTS, SIGN_IN_WINDOW_MS),
    );
    if (!allowed) throw new HttpError(429, 'too many codes tried, sign in again later');
    const body = await jsonBody(c);
    if (!verifyTotp(valid.user.totpKey, stringField(body, 'code', { max: 10 }))) {
      await audit(db, { actorId: valid.user.id, action: 'auth.totp.failed', ip: clientIp(c) });
      throw new HttpError(401, 'wrong code');
    }
    await markSessionTwoFactorVerified(db, valid.session.id);
    return c.json({ user: publicUser(valid.user), twoFactorRequired: false });
  });

  app.post('/totp/setup', async (c) => {
    const { user } = requireSession(c);
    const key = generateTotpKey();
    return c.json({
      key: encodeBase32UpperCaseNoPadding(key),
      uri: totpUri('MotionMath', user.email, key),
    });
  });

  app.post('/totp/enable', async (c) => {
    const { user } = requireSession(c);
    const body = await jsonBody(c);
    let key: Uint8Array;
    try {
      key = decodeBase32IgnorePadding(stringField(body, 'key', { max: 64 }));
    } catch {
      throw new HttpError(400, 'key must be base32');
    }
    if (!verifyTotp(key, stringField(body, 'code', { max: 10 })))
      throw new HttpError(400, 'wrong code');
    await setTotpKey(db, user.id, key);
    await audit(db, {
      actorId: user.id,
      action: 'auth.totp.enable',
      target: user.id,
      ip: clientIp(c),
    });
    return c.json({ twoFactorEnabled: true });
  });

  app.post('/totp/disable', async (c) => {
    const { user } = requireSession(c);
    const body = await jsonBody(c);
    if (!user.totpKey || !verifyTotp(user.totpKey, stringField(body, 'code', { max: 10 }))) {
      throw new HttpError(400, 'wrong code');
    }
    await setTotpKey(db, user.id, null);
    await audit(db, {
      actorId: user.id,
      action: 'auth.totp.disable',
      target: user.id,
      ip: clientIp(c),
    });
    return c.json({ twoFactorEnabled: false });
  });

  // Pages ask "who is signed in?" on every load; a 401 there would be an error in every
  // signed-out visitor's console, so this answers 200 with `user: null` instead.
  app.get('/session', (c) => {
    const principal = c.get('principal');
    return c.json({ user: principal ? publicUser(principal.user) : null });
  });

  app.post('/signout', async (c) => {
    const token = rawSessionToken(c);
    if (token && !token.startsWith(API_TOKEN_PREFIX)) await invalidateSession(db, hashToken(token));
    c.header('Set-Cookie', clearedSessionCookie(secure()));
    return c.body(null, 204);
  });

  app.post('/signout-everywhere', async (c) => {
    const { user } = requireSession(c);
    const count = await invalidateAllSessions(db, user.id);
    await audit(db, {
      actorId: user.id,
      action: 'auth.signout.all',
      target: user.id,
      ip: clientIp(c),
      details: { count },
    });
    c.header('Set-Cookie', clearedSessionCookie(secure()));
    return c.json({ signedOut: count });
  });

  return app;
}

export function accountRoutes(deps: AppDeps) {
  const { db } = deps;
  const app = new Hono<AppEnv>();

  app.get('/', (c) => c.json({ user: publicUser(requirePrincipal(c).user) }));

  app.get('/export', async (c) => {
    const { user } = requireSession(c);
    const data = await exportUserData(db, user.id);
    // The handwriting samples are the user's data too (db/samples.ts).
    const samples = await getPersonalSamples(db, user.id);
    await audit(db, {
      actorId: user.id,
      action: 'account.export',
      target: user.id,
      ip: clientIp(c),
    });
    c.header('Content-Disposition', 'attachment; filename="motionmath-export.json"');
    return c.json(data && { ...data, personalSamples: samples?.samples ?? null });
  });

  app.delete('/', async (c) => {
    const { user } = requireSession(c);
    const body = await jsonBody(c);
    // Typing the email again guards against a mis-click (and a stray script).
    if (
      stringField(body, 'confirmEmail', { max: MAX_EMAIL_LENGTH }).trim().toLowerCase() !==
      user.email
    ) {
      throw new HttpError(400, 'confirmEmail must be your email');
    }
    const boards = await deleteAccount(db, user.id);
    for (const boardId of boards) deps.closeBoardConnections(boardId);
    await audit(db, {
      actorId: null,
      action: 'account.delete',
      target: user.id,
      ip: clientIp(c),
      details: { boards: boards.length },
    });
    c.header('Set-Cookie', clearedSessionCookie(deps.origin().startsWith('https:')));
    return c.json({ deleted: true, boards: boards.length });
  });

  app.get('/tokens', async (c) => {
    const { user } = requireSession(c);
    const tokens = await listApiTokens(db, user.id);
    return c.json({
      tokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        scopes: t.scopes,
        boardId: t.boardId,
        expiresAt: t.expiresAt,
        createdAt: t.createdAt,
      })),
    });
  });

  app.post('/tokens', async (c) => {
    const { user } = requireSession(c);
    const body = await jsonBody(c);
    const name = stringField(body, 'name', { max: MAX_NAME_LENGTH });
    const scopes = body['scopes'];
    if (
      !Array.isArray(scopes) ||
      scopes.length === 0 ||
      !scopes.every((s): s is ApiTokenScope => (API_TOKEN_SCOPES as readonly unknown[]).includes(s))
    ) {
      throw new HttpError(400, `scopes must be a non-empty list of ${API_TOKEN_SCOPES.join(', ')}`);
    }
    if (scopes.includes('solver')) {
      // A solver token writes on every board of every user: only an operator, with
      // database access, issues one (`npm run solver-token -w @motionmath/collab-server`).
      throw new HttpError(403, 'solver tokens are issued by operators, not through the API');
    }
    const boardId =
      body['boardId'] === undefined || body['boardId'] === null ? null : String(body['boardId']);
    if (boardId !== null && (!isUuid(boardId) || !(await findBoard(db, boardId)))) {
      throw new HttpError(400, 'boardId is not a board');
    }
    const days = body['expiresInDays'] === undefined ? 90 : Number(body['expiresInDays']);
    if (!Number.isInteger(days) || days < 1 || days > MAX_API_TOKEN_DAYS) {
      throw new HttpError(400, `expiresInDays must be an integer 1–${MAX_API_TOKEN_DAYS}`);
    }
    const token = API_TOKEN_PREFIX + generateToken();
    const id = hashToken(token);
    const expiresAt = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    await insertApiToken(db, { id, userId: user.id, name, scopes, boardId, expiresAt });
    await audit(db, {
      actorId: user.id,
      action: 'token.create',
      target: id,
      ip: clientIp(c),
      details: { scopes },
    });
    return c.json({ id, token, name, scopes, boardId, expiresAt }, 201);
  });

  app.delete('/tokens/:id', async (c) => {
    const { user } = requireSession(c);
    if (!(await deleteApiToken(db, user.id, c.req.param('id'))))
      throw new HttpError(404, 'no such token');
    await audit(db, {
      actorId: user.id,
      action: 'token.revoke',
      target: c.req.param('id'),
      ip: clientIp(c),
    });
    return c.body(null, 204);
  });

  return app;
}
