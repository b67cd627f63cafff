import type { Queryable } from '../db/database.ts';
import {
  deleteSession,
  deleteUserSessions,
  extendSession,
  findSession,
  insertSession,
} from '../db/sessions.ts';
import type { SessionRecord } from '../db/sessions.ts';
import { findUserById } from '../db/users.ts';
import type { User } from '../db/users.ts';
import { generateToken, hashToken } from './secrets.ts';

/** Sessions live 30 days and slide: used within the last 15 days of their life they are
 * pushed out again, so active users stay signed in and idle sessions die (Lucia guide). */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const SESSION_RENEW_WITHIN_MS = 15 * 24 * 60 * 60 * 1000;

export interface ValidSession {
  session: SessionRecord;
  user: User;
}

/** Creates a session and returns the token (shown once, never stored). */
export async function createSession(
  db: Queryable,
  userId: string,
  twoFactorVerified: boolean,
  now = Date.now(),
): Promise<{ token: string; session: SessionRecord }> {
  const token = generateToken();
  const session: SessionRecord = {
    id: hashToken(token),
    userId,
    expiresAt: new Date(now + SESSION_LIFETIME_MS),
    twoFactorVerified,
  };
  await insertSession(db, session);
  return { token, session };
}

/** Looks a token up by its hash; deletes it when expired, extends it when due. */
export async function validateSessionToken(
  db: Queryable,
  token: string,
  now = Date.now(),
): Promise<ValidSession | null> {
  const id = hashToken(token);
  const session = await findSession(db, id);
  if (!session) return null;
  if (now >= session.expiresAt.getTime()) {
    await deleteSession(db, id);
    return null;
  }
  if (now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
    session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
    await extendSession(db, id, session.expiresAt);
  }
  const user = await findUserById(db, session.userId);
  if (!user) return null;
  return { session, user };
}

export async function invalidateSession(db: Queryable, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** "Sign out everywhere". */
export async function invalidateAllSessions(db: Queryable, userId: string): Promise<number> {
  return deleteUserSessions(db, userId);
}
