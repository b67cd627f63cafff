import { randomUUID } from 'node:crypto';
import type { Queryable } from './database.ts';
import { firstRow, toBytes, toDate } from './database.ts';

export interface User {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  totpKey: Uint8Array | null;
  createdAt: Date;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  totp_key: unknown;
  created_at: unknown;
}

const USER_COLUMNS = 'id, email, display_name, password_hash, totp_key, created_at';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    totpKey: row.totp_key == null ? null : toBytes(row.totp_key),
    createdAt: toDate(row.created_at),
  };
}

/** Emails compare case-insensitively; stored lowercased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(
  db: Queryable,
  input: { email: string; displayName: string; passwordHash: string | null },
): Promise<User> {
  const inserted = await db.query<UserRow>(
    `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)
     RETURNING ${USER_COLUMNS}`,
    [randomUUID(), normalizeEmail(input.email), input.displayName, input.passwordHash],
  );
  return toUser(firstRow(inserted));
}

export async function findUserByEmail(db: Queryable, email: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [
    normalizeEmail(email),
  ]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserById(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function setTotpKey(
  db: Queryable,
  userId: string,
  key: Uint8Array | null,
): Promise<void> {
  await db.query('UPDATE users SET totp_key = $2 WHERE id = $1', [userId, key]);
}

export async function findUserByOAuth(
  db: Queryable,
  provider: string,
  providerUserId: string,
): Promise<User | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS.split(', ')
      .map((c) => `u.${c}`)
      .join(', ')}
     FROM oauth_accounts a JOIN users u ON u.id = a.user_id
     WHERE a.provider = $1 AND a.provider_user_id = $2`,
    [provider, providerUserId],
  );
  return rows[0] ? toUser(rows[0]) : null;
}

export async function linkOAuthAccount(
  db: Queryable,
  provider: string,
  providerUserId: string,
  userId: string,
): Promise<void> {
  await db.query(
    `INSERT INTO oauth_accounts (provider, provider_user_id, user_id) VALUES ($1, $2, $3)
     ON CONFLICT (provider, provider_user_id) DO NOTHING`,
    [provider, providerUserId, userId],
  );
}

export async function listOAuthAccounts(
  db: Queryable,
  userId: string,
): Promise<{ provider: string; providerUserId: string }[]> {
  const { rows } = await db.query<{ provider: string; provider_user_id: string }>(
    'SELECT provider, provider_user_id FROM oauth_accounts WHERE user_id = $1 ORDER BY provider',
    [userId],
  );
  return rows.map((r) => ({ provider: r.provider, providerUserId: r.provider_user_id }));
}
