import { API_TOKEN_SCOPES } from '@motionmath/protocol';
import type { ApiTokenScope } from '@motionmath/protocol';
import type { Queryable } from './database.ts';
import { SQLITE_NOW, sql, toDate, toDateOrNull, toTextArray } from './database.ts';

// What an API token may do is part of the API contract (API_TOKEN_SCOPES in protocol):
// `board:read`/`board:write` act on the boards the owner can reach (optionally pinned to
// one board); `solver` lets a worker write steps on any board.
export type { ApiTokenScope };

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  scopes: ApiTokenScope[];
  boardId: string | null;
  expiresAt: Date | null;
  createdAt: Date;
}

interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  scopes: unknown;
  board_id: string | null;
  expires_at: unknown;
  created_at: unknown;
}

const COLUMNS = 'id, user_id, name, scopes, board_id, expires_at, created_at';

const toToken = (row: ApiTokenRow): ApiTokenRecord => ({
  id: row.id,
  userId: row.user_id,
  name: row.name,
  scopes: toTextArray(row.scopes).filter((s): s is ApiTokenScope =>
    (API_TOKEN_SCOPES as readonly string[]).includes(s),
  ),
  boardId: row.board_id,
  expiresAt: toDateOrNull(row.expires_at),
  createdAt: toDate(row.created_at),
});

export async function insertApiToken(db: Queryable, token: Omit<ApiTokenRecord, 'createdAt'>) {
  await db.query(
    `INSERT INTO api_tokens (id, user_id, name, scopes, board_id, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [token.id, token.userId, token.name, token.scopes, token.boardId, token.expiresAt],
  );
}

/** Finds a live (unexpired) token by its hash and stamps its last use. */
export async function useApiToken(db: Queryable, id: string): Promise<ApiTokenRecord | null> {
  const { rows } = await db.query<ApiTokenRow>(
    sql(db, {
      postgres: `UPDATE api_tokens SET last_used_at = now()
     WHERE id = $1 AND (expires_at IS NULL OR expires_at > now()) RETURNING ${COLUMNS}`,
      sqlite: `UPDATE api_tokens SET last_used_at = ${SQLITE_NOW}
     WHERE id = $1 AND (expires_at IS NULL OR expires_at > ${SQLITE_NOW}) RETURNING ${COLUMNS}`,
    }),
    [id],
  );
  return rows[0] ? toToken(rows[0]) : null;
}

export async function listApiTokens(db: Queryable, userId: string): Promise<ApiTokenRecord[]> {
  const { rows } = await db.query<ApiTokenRow>(
    `SELECT ${COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at`,
    [userId],
  );
  return rows.map(toToken);
}

/** Revokes a token by its id (the hash; safe to show, it cannot be used to sign in). */
export async function deleteApiToken(db: Queryable, userId: string, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM api_tokens WHERE user_id = $1 AND id = $2', [
    userId,
    id,
  ]);
  return rowCount > 0;
}

/** Revokes a user's tokens of one name (an extension's previous token); returns their ids. */
export async function deleteApiTokensNamed(
  db: Queryable,
  userId: string,
  name: string,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'DELETE FROM api_tokens WHERE user_id = $1 AND name = $2 RETURNING id',
    [userId, name],
  );
  return rows.map((r) => r.id);
}

/** Revokes every API token of a user (sign-out everywhere); returns how many. */
export async function deleteUserApiTokens(db: Queryable, userId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM api_tokens WHERE user_id = $1', [userId]);
  return rowCount;
}

/** Which of `ids` are live tokens still (exist, unexpired); for open sockets' recheck. */
export async function liveApiTokenIds(db: Queryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    sql(db, {
      postgres: `SELECT id FROM api_tokens WHERE id = ANY($1) AND (expires_at IS NULL OR expires_at > now())`,
      sqlite: `SELECT id FROM api_tokens WHERE id IN (SELECT value FROM json_each($1))
       AND (expires_at IS NULL OR expires_at > ${SQLITE_NOW})`,
    }),
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}
