import { getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ProvidersSchema } from '@motionmath/protocol';
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from 'arctic';
import type { OAuthProviderConfig } from '../config.ts';
import { createSession } from '../auth/sessions.ts';
import { OAuthLinkError, resolveOAuthUser } from '../auth/oauth-link.ts';
import type { ProviderProfile } from '../auth/oauth-link.ts';
import { audit, recordEvent } from '../db/events.ts';
import { setSessionCookie } from './cookies.ts';
import { errorResponse, jsonContent, PUBLIC, route, routes } from './route-kit.ts';
import type { AppContext, AppDeps } from './types.ts';
import { HttpError, clientIp } from './types.ts';

/** The short-lived cookies that carry OAuth state and the PKCE verifier across the
 * round trip to the provider (10 minutes is plenty to click "authorize"). */
const OAUTH_COOKIE_MAX_AGE_S = 10 * 60;
const STATE_COOKIE = 'mm_oauth_state';
const VERIFIER_COOKIE = 'mm_oauth_verifier';
/** Give up on a provider that does not answer. */
const PROVIDER_TIMEOUT_MS = 10_000;

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

const providerParams = z.object({
  provider: z.string().meta({ description: 'github or google' }),
});
const listProviders = route({
  method: 'get',
  path: '/providers',
  summary: 'OAuth providers configured on this server',
  tags: ['auth'],
  security: PUBLIC,
  responses: { 200: jsonContent(ProvidersSchema, 'Providers') },
});
const start = route({
  method: 'get',
  path: '/{provider}',
  summary: 'Start OAuth sign-in (redirects to the provider)',
  tags: ['auth'],
  security: PUBLIC,
  request: { params: providerParams },
  responses: {
    302: { description: 'Redirect to the provider' },
    404: errorResponse('Not configured'),
  },
});
const callback = route({
  method: 'get',
  path: '/{provider}/callback',
  summary: 'OAuth redirect target: signs in and redirects to /',
  tags: ['auth'],
  security: PUBLIC,
  request: { params: providerParams },
  responses: {
    302: { description: 'Signed in' },
    400: errorResponse('State mismatch'),
    401: errorResponse('Provider refused'),
    404: errorResponse('Not configured'),
    409: errorResponse('The email belongs to another account (sign in to it to link)'),
  },
});

export function oauthRoutes(deps: AppDeps) {
  const { db, config } = deps;
  const configured = (name: string): [ProviderSpec, OAuthProviderConfig] | null => {
    if (name !== 'github' && name !== 'google') return null;
    const settings = config[name];
    return settings ? [OAUTH_PROVIDERS[name], settings] : null;
  };
  const secure = () => deps.origin().startsWith('https:');
  const setOAuthCookie = (c: AppContext, name: string, value: string, maxAge: number) =>
    setCookie(c, name, value, {
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth/oauth',
      maxAge,
      secure: secure(),
    });
  const redirectUri = (provider: string) => `${deps.origin()}/api/auth/oauth/${provider}/callback`;

  return routes()
    .openapi(listProviders, (c) =>
      c.json({ providers: (['github', 'google'] as const).filter((p) => config[p]) }, 200),
    )
    .openapi(start, (c) => {
      const { provider } = c.req.valid('param');
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
      setOAuthCookie(c, STATE_COOKIE, state, OAUTH_COOKIE_MAX_AGE_S);
      setOAuthCookie(c, VERIFIER_COOKIE, verifier, OAUTH_COOKIE_MAX_AGE_S);
      return c.redirect(url.toString(), 302);
    })
    .openapi(callback, async (c) => {
      const { provider } = c.req.valid('param');
      const found = configured(provider);
      if (!found) throw new HttpError(404, 'this sign-in provider is not configured');
      const [spec, settings] = found;
      const state = getCookie(c, STATE_COOKIE);
      const verifier = getCookie(c, VERIFIER_COOKIE);
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

      const principal = c.get('principal');
      const resolved = await resolveOAuthUser(
        db,
        provider,
        profile,
        principal?.kind === 'session' ? principal.user : null,
      ).catch((error: unknown) => {
        if (error instanceof OAuthLinkError) throw new HttpError(409, error.message);
        throw error;
      });
      const { user } = resolved;
      if (resolved.linked)
        await recordEvent(db, { name: 'user.oauth.link', userId: user.id, props: { provider } });
      const { token, session } = await createSession(db, user.id, user.totpKey === null);
      await audit(db, {
        actorId: user.id,
        action: 'auth.signin',
        target: user.id,
        ip: clientIp(c),
        details: { provider },
      });
      setSessionCookie(c, token, session.expiresAt, secure());
      setOAuthCookie(c, STATE_COOKIE, '', 0);
      setOAuthCookie(c, VERIFIER_COOKIE, '', 0);
      return c.redirect(user.totpKey === null ? '/' : '/?twoFactor=required', 302);
    });
}
