import type { Queryable } from '../db/database.ts';
import type { ApiTokenRecord, ApiTokenScope } from '../db/api-tokens.ts';
import { useApiToken } from '../db/api-tokens.ts';
import { getMemberRole, roleAtLeast } from '../db/boards.ts';
import type { BoardRole } from '../db/boards.ts';
import type { SessionRecord } from '../db/sessions.ts';
import { findUserById } from '../db/users.ts';
import type { User } from '../db/users.ts';
import { API_TOKEN_PREFIX, hashToken } from './secrets.ts';
import { validateSessionToken } from './sessions.ts';

/** Who is making a request: a signed-in session, or an API token acting for its owner. */
export type Principal =
  | { kind: 'session'; user: User; session: SessionRecord }
  | { kind: 'api-token'; user: User; token: ApiTokenRecord };

/** Resolves a bearer token of either kind; null when unknown, expired or revoked. A
 * session whose second factor is still pending does not count as signed in. */
export async function principalFromToken(db: Queryable, token: string): Promise<Principal | null> {
  if (token.startsWith(API_TOKEN_PREFIX)) {
    const record = await useApiToken(db, hashToken(token));
    if (!record) return null;
    const user = await findUserById(db, record.userId);
    return user ? { kind: 'api-token', user, token: record } : null;
  }
  const valid = await validateSessionToken(db, token);
  if (!valid) return null;
  if (valid.user.totpKey !== null && !valid.session.twoFactorVerified) return null;
  return { kind: 'session', user: valid.user, session: valid.session };
}

export function hasScope(principal: Principal, scope: ApiTokenScope): boolean {
  return principal.kind === 'session' || principal.token.scopes.includes(scope);
}

/**
 * The role a principal holds on a board, after token scopes: a `solver` token edits any
 * board (workers serve everyone); `board:write`/`board:read` cap the owner's own role at
 * editor/viewer, on the pinned board only when the token is pinned.
 */
export async function boardRoleFor(
  db: Queryable,
  principal: Principal,
  boardId: string,
): Promise<BoardRole | null> {
  if (principal.kind === 'api-token') {
    const { token } = principal;
    if (token.scopes.includes('solver')) return 'editor';
    if (token.boardId !== null && token.boardId !== boardId) return null;
  }
  const role = await getMemberRole(db, boardId, principal.user.id);
  if (!role || principal.kind === 'session') return role;
  const { scopes } = principal.token;
  if (scopes.includes('board:write')) return roleAtLeast(role, 'editor') ? 'editor' : role;
  if (scopes.includes('board:read')) return 'viewer';
  return null;
}
