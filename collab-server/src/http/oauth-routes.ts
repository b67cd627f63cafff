import { Hono } from 'hono';
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from 'arctic';
import type { OAuthProviderConfig } from '../config.ts';
import { createSession } from '../auth/sessions.ts';
import { createUser, findUserByEmail, findUserByOAuth, linkOAuthAccount } from '../db/users.ts';
import { audit, recordEvent } from '../db/events.ts';
import { readCookie, sessionCookie } from './cookies.ts';
import type { AppDeps, AppEnv } from './types.ts';
import { HttpError, clientIp } from './types.ts';

/** The short-lived cookies that carry OAuth state and the PKCE verifier across the
 * round trip to the provider (10 minutes is plenty to click "authorize"). */
const OAUTH_COOKIE_MAX_AGE_S = 10 * 60;
/** Give up on a provider that does not answer. */
const PROVIDER_TIMEOUT_MS = 10_000;

interface ProviderProfile {
  id: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

interface ProviderSpec {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userInfoEndpoint: string;
  scopes: string[];
  profile: (
    fetchJson: (url: string) => Promise<unknown>,
    userInfoEndpoint: string,
  ) => Promise<ProviderProfile>;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/**
 * GitHub and Google through arctic's generic `OAuth2Client` (authorization code + PKCE).
 * arctic's provider classes hard-code the real endpoints; the generic client takes them
 * as arguments, so production and the loopback test provider share this one code path.
 */
export const OAUTH_PROVIDERS: Record<'github' | 'google', ProviderSpec> = {
  github: {
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    userInfoEndpoint: 'https://api.github.com/user',
    scopes: ['read:user', 'user:email'],
    async profile(fetchJson, endpoint) {
      const user = asRecord(await fetchJson(endpoint));
      let email = typeof user['email'] === 'string' ? user['email'] : null;
      let verified = false;
      // The public profile email may be hidden; the emails API says which is verified.
      const emails = await fetchJson(`${endpoint}/emails`).catch(() => []);
      if (Array.isArray(emails)) {
        const primary = emails
          .map(asRecord)
          .find((e) => e['primary'] === true && e['verified'] === true);
        if (primary && typeof primary['email'] === 'string') {
          email = primary['email'];
          verified = true;
        }
      }
      return {
        id: String(user['id'] ?? ''),
        email,
        emailVerified: verified,
        name:
          typeof user['name'] === 'string'
            ? user['name']
            : typeof user['login'] === 'string'
              ? user['login']
              : null,
      };
    },
  },
  google: {
    authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenEndpoint: 'https://oauth2.googleapis.com/token',
    userInfoEndpoint: 'https://openidconnect.googleapis.com/v1/userinfo',
    scopes: ['openid', 'email', 'profile'],
    async profile(fetchJson, endpoint) {
      const info = asRecord(await fetchJson(endpoint));
      return {
        id: String(info['sub'] ?? ''),
        email: typeof info['email'] === 'string' ? info['email'] : null,
        emailVerified: info['email_verified'] === true,
        name: typeof info['name'] === 'string' ? info['name'] : null,
      };
    },
  },
};

export function oauthRoutes(deps: AppDeps) {
  const { db, config } = deps;
  const app = new Hono<AppEnv>();
  const configured = (name: string): [ProviderSpec, OAuthProviderConfig] | null => {
    if (name !== 'github' && name !== 'google') return null;
    const settings = config[name];
    return settings ? [OAUTH_PROVIDERS[name], settings] : null;
  };
  const cookie = (name: string, value: string, maxAge: number) =>
    [
      `${name}=${value}`,
      'HttpOnly',
      'SameSite=Lax',
      'Path=/api/auth/oauth',
      `Max-Age=${maxAge}`,
      ...(deps.origin().startsWith('https:') ? ['Secure'] : []),
    ].join('; ');
  const redirectUri = (provider: string) => `${deps.origin()}/api/auth/oauth/${provider}/callback`;

  app.get('/providers', (c) =>
    c.json({ providers: (['github', 'google'] as const).filter((p) => config[p]) }),
  );

  app.get('/:provider', (c) => {
    const provider = c.req.param('provider');
    const found = configured(provider);
    if (!found) throw new HttpError(404, 'this sign-in provider is not configured');
    const [spec, settings] = found;
    const client = new OAuth2Client(
      settings.clientId,
      settings.clientSecret,
      redirectUri(provider),
    );
    const state = generateState();
    const verifier = generateCodeVerifier();
    const url = client.createAuthorizationURLWithPKCE(
      settings.authorizationEndpoint ?? spec.authorizationEndpoint,
      state,
      CodeChallengeMethod.S256,
      verifier,
      spec.scopes,
    );
    c.header('Set-Cookie', cookie('mm_oauth_state', state, OAUTH_COOKIE_MAX_AGE_S), {
      append: true,
    });
    c.header('Set-Cookie', cookie('mm_oauth_verifier', verifier, OAUTH_COOKIE_MAX_AGE_S), {
      append: true,
    });
    return c.redirect(url.toString(), 302);
  });

  app.get('/:provider/callback', async (c) => {
    const provider = c.req.param('provider');
    const found = configured(provider);
    if (!found) throw new HttpError(404, 'this sign-in provider is not configured');
    const [spec, settings] = found;
    const cookies = c.req.header('cookie');
    const state = readCookie(cookies, 'mm_oauth_state');
    const verifier = readCookie(cookies, 'mm_oauth_verifier');
    const code = c.req.query('code');
    // The state must round-trip unchanged: otherwise this is a forged callback (CSRF).
    if (!state || !verifier || !code || c.req.query('state') !== state) {
      throw new HttpError(400, 'invalid OAuth callback (state mismatch or expired)');
    }
    const client = new OAuth2Client(
      settings.clientId,
      settings.clientSecret,
      redirectUri(provider),
    );
    let accessToken: string;
    try {
      const tokens = await client.validateAuthorizationCode(
        settings.tokenEndpoint ?? spec.tokenEndpoint,
        code,
        verifier,
      );
      accessToken = tokens.accessToken();
    } catch (error) {
      deps.logger.warn({ err: error, provider }, 'OAuth code exchange failed');
      throw new HttpError(401, 'the sign-in provider refused the code');
    }
    const fetchJson = async (url: string) => {
      const response = await fetch(url, {
        headers: {
          Authorization: `Bearer ${accessToken}`,
          Accept: 'application/json',
          'User-Agent': 'MotionMath',
        },
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      return response.json() as Promise<unknown>;
    };
    const profile = await spec.profile(
      fetchJson,
      settings.userInfoEndpoint ?? spec.userInfoEndpoint,
    );
    if (!profile.id) throw new HttpError(401, 'the sign-in provider returned no user id');

    let user = await findUserByOAuth(db, provider, profile.id);
    if (!user) {
      // Link to an existing account only on an email the provider verified.
      const existing =
        profile.email && profile.emailVerified ? await findUserByEmail(db, profile.email) : null;
      user =
        existing ??
        (await createUser(db, {
          email:
            profile.email && profile.emailVerified
              ? profile.email
              : `${provider}-${profile.id}@users.noreply.motionmath`,
          displayName: profile.name ?? `${provider} user`,
          passwordHash: null,
        }));
      await linkOAuthAccount(db, provider, profile.id, user.id);
      await recordEvent(db, { name: 'user.oauth.link', userId: user.id, props: { provider } });
    }
    const { token, session } = await createSession(db, user.id, user.totpKey === null);
    await audit(db, {
      actorId: user.id,
      action: 'auth.signin',
      target: user.id,
      ip: clientIp(c),
      details: { provider },
    });
    c.header(
      'Set-Cookie',
      sessionCookie(token, session.expiresAt, deps.origin().startsWith('https:')),
      { append: true },
    );
    c.header('Set-Cookie', cookie('mm_oauth_state', '', 0), { append: true });
    c.header('Set-Cookie', cookie('mm_oauth_verifier', '', 0), { append: true });
    return c.redirect(user.totpKey === null ? '/' : '/?twoFactor=required', 302);
  });

  return app;
}
