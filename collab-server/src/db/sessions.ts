import type { Queryable } from './database.ts';
import { SQLITE_NOW, sql, toBoolean, toDate } from './database.ts';

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
  twoFactorVerified: boolean;
}

interface SessionRow {
  id: string;
  user_id: string;
  expires_at: unknown;
  two_factor_verified: unknown;
}

const toSession = (row: SessionRow): SessionRecord => ({
  id: row.id,
  userId: row.user_id,
  expiresAt: toDate(row.expires_at),
  twoFactorVerified: toBoolean(row.two_factor_verified),
});

export async function insertSession(db: Queryable, session: SessionRecord): Promise<void> {
  await db.query(
    'INSERT INTO sessions (id, user_id, expires_at, two_factor_verified) VALUES ($1, $2, $3, $4)',
    [session.id, session.userId, session.expiresAt, session.twoFactorVerified],
  );
}

export async function findSession(db: Queryable, id: string): Promise<SessionRecord | null> {
  const { rows } = await db.query<SessionRow>(
    'SELECT id, user_id, expires_at, two_factor_verified FROM sessions WHERE id = $1',
    [id],
  );
  return rows[0] ? toSession(rows[0]) : null;
}

export async function extendSession(db: Queryable, id: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
}

export async function markSessionTwoFactorVerified(db: Queryable, id: string): Promise<void> {
  await db.query('UPDATE sessions SET two_factor_verified = true WHERE id = $1', [id]);
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [id]);
}

export async function deleteUserSessions(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  return rowCount;
}

export async function listUserSessions(db: Queryable, userId: string): Promise<SessionRecord[]> {
  const { rows } = await db.query<SessionRow>(
    sql(db, {
      postgres: `SELECT id, user_id, expires_at, two_factor_verified FROM sessions
     WHERE user_id = $1 AND expires_at > now() ORDER BY expires_at DESC`,
      sqlite: `SELECT id, user_id, expires_at, two_factor_verified FROM sessions
     WHERE user_id = $1 AND expires_at > ${SQLITE_NOW} ORDER BY expires_at DESC`,
    }),
    [userId],
  );
  return rows.map(toSession);
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    sql(db, {
      postgres: 'DELETE FROM sessions WHERE expires_at <= now()',
      sqlite: `DELETE FROM sessions WHERE expires_at <= ${SQLITE_NOW}`,
    }),
  );
  return rowCount;
}

/** Which of `ids` are live sessions still (exist, unexpired, second factor done when the
 * user has one); for open sockets' recheck. */
export async function liveSessionIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    sql(db, {
      postgres: `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ANY($1) AND s.expires_at > now()
        AND (u.totp_key IS NULL OR s.two_factor_verified)`,
      sqlite: `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id IN (SELECT value FROM json_each($1)) AND s.expires_at > ${SQLITE_NOW}
        AND (u.totp_key IS NULL OR s.two_factor_verified)`,
    }),
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}
