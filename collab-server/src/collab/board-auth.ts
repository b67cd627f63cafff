import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import type { Database } from '../db/database.ts';
import { boardRoleFor, principalFromToken } from '../auth/principal.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import type { Logger } from '../logger.ts';
import type { CollabContext } from './context.ts';

export interface BoardAuthOptions {
  db: Database;
  logger: Logger;
  /** Origins whose pages may connect with the session cookie. */
  isAllowedOrigin: (origin: string | null) => boolean;
}

/** Thrown to refuse a connection; Hocuspocus sends the reason to the provider. */
function deny(reason: string): Error & { reason: string } {
  return Object.assign(new Error(reason), { reason });
}

/**
 * WebSocket authentication. The provider's token is a session token or an API token;
 * with no token, the session cookie counts, but only from an allowed Origin (a page on
 * another site must not ride on the user's cookie: cross-site WebSocket hijacking).
 * The document name is the board id. Viewers get a read-only connection: Hocuspocus
 * then refuses their document updates (and DurableStorage never stores them).
 */
export class BoardAuth implements Extension {
  priority = 100;
  extensionName = 'board-auth';
  private readonly options: BoardAuthOptions;

  constructor(options: BoardAuthOptions) {
    this.options = options;
  }

  async onAuthenticate(payload: onAuthenticatePayload): Promise<CollabContext> {
    const { token, requestHeaders, documentName, connectionConfig } = payload;
    let bearer = token;
    let via: CollabContext['via'] = token.startsWith('mmat_') ? 'api-token' : 'session';
    if (!bearer) {
      if (!this.options.isAllowedOrigin(requestHeaders.get('origin'))) {
        throw deny('cookie authentication needs an allowed Origin');
      }
      bearer = readCookie(requestHeaders.get('cookie'), SESSION_COOKIE) ?? '';
      via = 'cookie';
    }
    if (!bearer) throw deny('sign in required');
    const principal = await principalFromToken(this.options.db, bearer);
    if (!principal) throw deny('invalid or expired token');
    const role = await boardRoleFor(this.options.db, principal, documentName);
    if (!role) throw deny('no access to this board');
    connectionConfig.readOnly = role === 'viewer';
    this.options.logger.debug(
      { documentName, userId: principal.user.id, role, via },
      'connection authenticated',
    );
    return { userId: principal.user.id, role, via };
  }
}
