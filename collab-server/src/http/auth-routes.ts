import { getCookie } from 'hono/cookie';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import {
  invalidateAllSessions,
  invalidateSession,
  createSession,
  validateSessionToken,
} from '../auth/sessions.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../auth/password.ts';
import { generateTotpKey, totpUri, verifyTotp } from '../auth/totp.ts';
import { API_TOKEN_PREFIX, hashToken } from '../auth/secrets.ts';
import { markSessionTwoFactorVerified } from '../db/sessions.ts';
import { createUser, findUserByEmail, setTotpKey } from '../db/users.ts';
import type { User } from '../db/users.ts';
import { deleteUserApiTokens } from '../db/api-tokens.ts';
import { audit, recordEvent } from '../db/events.ts';
import {
  MaybeUserResultSchema,
  SessionResultSchema,
  SignedOutSchema,
  SignInBodySchema,
  SignUpBodySchema,
  TotpCodeBodySchema,
  TotpEnableBodySchema,
  TotpSetupSchema,
  TotpVerifiedSchema,
  TwoFactorStateSchema,
} from '@motionmath/protocol';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './cookies.ts';
import {
  errorResponse,
  jsonBody,
  jsonContent,
  noContent,
  PUBLIC,
  route,
  routes,
  SESSION_ONLY,
} from './route-kit.ts';
import type { AppContext, AppDeps } from './types.ts';
import { HttpError, clientIp, requireSession } from './types.ts';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function publicUser(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    twoFactorEnabled: user.totpKey !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

const signUp = route({
  method: 'post',
  path: '/signup',
  summary: 'Create an account with email and password (argon2id) and sign in',
  tags: ['auth'],
  security: PUBLIC,
  request: { body: jsonBody(SignUpBodySchema) },
  responses: {
    201: jsonContent(SessionResultSchema, 'Signed in'),
    400: errorResponse('Invalid input'),
    409: errorResponse('Email taken'),
    429: errorResponse('Too many sign-ups from this address'),
  },
});
const signIn = route({
  method: 'post',
  path: '/signin',
  summary: 'Sign in; with TOTP enabled the session needs /api/auth/totp/verify next',
  tags: ['auth'],
  security: PUBLIC,
  request: { body: jsonBody(SignInBodySchema) },
  responses: {
    200: jsonContent(SessionResultSchema, 'Signed in'),
    401: errorResponse('Wrong email or password'),
    429: errorResponse('Too many attempts'),
    503: errorResponse('Rate limiter unreachable'),
  },
});
const totpVerify = route({
  method: 'post',
  path: '/totp/verify',
  summary: 'Complete sign-in with the second factor',
  tags: ['auth'],
  security: SESSION_ONLY,
  request: { body: jsonBody(TotpCodeBodySchema) },
  responses: {
    200: jsonContent(TotpVerifiedSchema, 'Verified'),
    401: errorResponse('Wrong code'),
    429: errorResponse('Too many codes'),
  },
});
const totpSetup = route({
  method: 'post',
  path: '/totp/setup',
  summary: 'Generate a TOTP key (not active until enabled)',
  tags: ['auth'],
  security: SESSION_ONLY,
  responses: { 200: jsonContent(TotpSetupSchema, 'Key and otpauth URI') },
});
const totpEnable = route({
  method: 'post',
  path: '/totp/enable',
  summary: 'Enable TOTP with a key and a current code',
  tags: ['auth'],
  security: SESSION_ONLY,
  request: { body: jsonBody(TotpEnableBodySchema) },
  responses: {
    200: jsonContent(TwoFactorStateSchema, 'Enabled'),
    400: errorResponse('Wrong code'),
  },
});
const totpDisable = route({
  method: 'post',
  path: '/totp/disable',
  summary: 'Disable TOTP (needs a current code)',
  tags: ['auth'],
  security: SESSION_ONLY,
  request: { body: jsonBody(TotpCodeBodySchema) },
  responses: {
    200: jsonContent(TwoFactorStateSchema, 'Disabled'),
    400: errorResponse('Wrong code'),
  },
});
const sessionInfo = route({
  method: 'get',
  path: '/session',
  summary: 'The signed-in user, or null (never 401)',
  tags: ['auth'],
  security: PUBLIC,
  responses: { 200: jsonContent(MaybeUserResultSchema, 'User or null') },
});
const signOut = route({
  method: 'post',
  path: '/signout',
  summary: 'Sign out this session',
  tags: ['auth'],
  security: PUBLIC,
  responses: { 204: noContent },
});
const signOutEverywhere = route({
  method: 'post',
  path: '/signout-everywhere',
  summary: 'Revoke every session of the user',
  tags: ['auth'],
  security: SESSION_ONLY,
  responses: {
    200: jsonContent(SignedOutSchema, 'Count revoked'),
    401: errorResponse('Not signed in'),
  },
});

export function authRoutes(deps: AppDeps) {
  const { db, authLimits } = deps;
  const secure = () => deps.origin().startsWith('https:');

  /** Starts a session: cookie for browsers; the token in the body only when asked for
   * (`tokenInBody`, for non-browser clients), since script-readable tokens defeat HttpOnly. */
  const startSession = async (
    c: AppContext,
    user: User,
    twoFactorVerified: boolean,
    tokenInBody: boolean,
  ) => {
    const { token, session } = await createSession(db, user.id, twoFactorVerified);
    setSessionCookie(c, token, session.expiresAt, secure());
    return {
      user: publicUser(user),
      twoFactorRequired: !twoFactorVerified,
      expiresAt: session.expiresAt.toISOString(),
      ...(tokenInBody ? { token } : {}),
    };
  };

  /** The bearer or cookie token of this request, for session-level operations. */
  const rawSessionToken = (c: AppContext): string | null => {
    const header = c.req.header('authorization');
    if (header?.startsWith('Bearer ')) return header.slice(7).trim();
    return getCookie(c, SESSION_COOKIE) ?? null;
  };

  return (
    routes()
      .openapi(signUp, async (c) => {
        const body = c.req.valid('json');
        const { email, password } = body;
        const displayName = body.displayName ?? email.split('@')[0] ?? email;
        if (!EMAIL_PATTERN.test(email.trim())) throw new HttpError(400, 'email is not valid');
        await authLimits.checkSignUp(clientIp(c));
        if (await findUserByEmail(db, email))
          throw new HttpError(409, 'an account with this email exists');
        const user = await createUser(db, {
          email,
          displayName,
          passwordHash: await hashPassword(password),
        });
        await audit(db, {
          actorId: user.id,
          action: 'auth.signup',
          target: user.id,
          ip: clientIp(c),
        });
        await recordEvent(db, {
          name: 'user.signup',
          userId: user.id,
          props: { method: 'password' },
        });
        return c.json(await startSession(c, user, true, body.tokenInBody === true), 201);
      })
      .openapi(signIn, async (c) => {
        const body = c.req.valid('json');
        const email = body.email.trim().toLowerCase();
        const { password } = body;
        const ip = clientIp(c);
        await authLimits.checkSignIn(email, ip);
        const user = await findUserByEmail(db, email);
        const ok = user?.passwordHash
          ? await verifyPassword(user.passwordHash, password)
          : await verifyPassword(await dummyPasswordHash(), password).then(() => false);
        if (!user || !ok) {
          await authLimits.signInFailed(email);
          await audit(db, {
            actorId: user?.id ?? null,
            action: 'auth.signin.failed',
            target: email,
            ip,
          });
          throw new HttpError(401, 'wrong email or password');
        }
        await authLimits.signInSucceeded(email);
        await audit(db, { actorId: user.id, action: 'auth.signin', target: user.id, ip });
        return c.json(
          await startSession(c, user, user.totpKey === null, body.tokenInBody === true),
          200,
        );
      })
      .openapi(totpVerify, async (c) => {
        const token = rawSessionToken(c);
        const valid =
          token && !token.startsWith(API_TOKEN_PREFIX)
            ? await validateSessionToken(db, token)
            : null;
        if (!valid) throw new HttpError(401, 'sign in first');
        if (!valid.user.totpKey)
          throw new HttpError(400, 'two-factor authentication is not enabled');
        await authLimits.checkTotp(valid.user.id);
        const { code } = c.req.valid('json');
        if (!verifyTotp(valid.user.totpKey, code)) {
          await audit(db, { actorId: valid.user.id, action: 'auth.totp.failed', ip: clientIp(c) });
          throw new HttpError(401, 'wrong code');
        }
        if (!(await authLimits.useTotpCode(valid.user.id, code)))
          throw new HttpError(401, 'this code was used already; wait for the next one');
        await markSessionTwoFactorVerified(db, valid.session.id);
        return c.json({ user: publicUser(valid.user), twoFactorRequired: false as const }, 200);
      })
      .openapi(totpSetup, (c) => {
        const { user } = requireSession(c);
        const key = generateTotpKey();
        return c.json(
          { key: encodeBase32UpperCaseNoPadding(key), uri: totpUri('MotionMath', user.email, key) },
          200,
        );
      })
      .openapi(totpEnable, async (c) => {
        const { user } = requireSession(c);
        const body = c.req.valid('json');
        let key: Uint8Array;
        try {
          key = decodeBase32IgnorePadding(body.key);
        } catch {
          throw new HttpError(400, 'key must be base32');
        }
        if (!verifyTotp(key, body.code)) throw new HttpError(400, 'wrong code');
        await setTotpKey(db, user.id, key);
        await audit(db, {
          actorId: user.id,
          action: 'auth.totp.enable',
          target: user.id,
          ip: clientIp(c),
        });
        return c.json({ twoFactorEnabled: true }, 200);
      })
      .openapi(totpDisable, async (c) => {
        const { user } = requireSession(c);
        if (!user.totpKey || !verifyTotp(user.totpKey, c.req.valid('json').code)) {
          throw new HttpError(400, 'wrong code');
        }
        await setTotpKey(db, user.id, null);
        await audit(db, {
          actorId: user.id,
          action: 'auth.totp.disable',
          target: user.id,
          ip: clientIp(c),
        });
        return c.json({ twoFactorEnabled: false }, 200);
      })
      // Pages ask "who is signed in?" on every load; a 401 there would be an error in every
      // signed-out visitor's console, so this answers 200 with `user: null` instead.
      .openapi(sessionInfo, (c) => {
        const principal = c.get('principal');
        return c.json({ user: principal ? publicUser(principal.user) : null }, 200);
      })
      .openapi(signOut, async (c) => {
        const token = rawSessionToken(c);
        if (token && !token.startsWith(API_TOKEN_PREFIX)) {
          await invalidateSession(db, hashToken(token));
          deps.closeCredentialConnections('session', hashToken(token));
        }
        clearSessionCookie(c, secure());
        return c.body(null, 204);
      })
      .openapi(signOutEverywhere, async (c) => {
        const { user } = requireSession(c);
        const count = await invalidateAllSessions(db, user.id);
        // Everywhere means every credential: API tokens too, and every open socket.
        const tokens = await deleteUserApiTokens(db, user.id);
        deps.closeUserConnections(user.id);
        await audit(db, {
          actorId: user.id,
          action: 'auth.signout.all',
          target: user.id,
          ip: clientIp(c),
          details: { count, tokens },
        });
        clearSessionCookie(c, secure());
        return c.json({ signedOut: count }, 200);
      })
  );
}
