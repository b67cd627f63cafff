import { randomUUID } from 'node:crypto';
import type { Queryable } from './database.ts';
import { SQLITE_NOW, firstRow, sql, toDate, toDateOrNull } from './database.ts';

export const BOARD_ROLES = ['owner', 'editor', 'viewer'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** Roles ordered by power, to compare "at least editor" and to merge grants. */
const ROLE_RANK: Record<BoardRole, number> = { viewer: 1, editor: 2, owner: 3 };

export function roleAtLeast(role: BoardRole, needed: BoardRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export function isBoardRole(value: unknown): value is BoardRole {
  return typeof value === 'string' && (BOARD_ROLES as readonly string[]).includes(value);
}

export interface Board {
  id: string;
  name: string;
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BoardWithRole extends Board {
  role: BoardRole;
}

interface BoardRow {
  id: string;
  name: string;
  owner_id: string;
  created_at: unknown;
  updated_at: unknown;
  role?: BoardRole;
}

const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  name: row.name,
  ownerId: row.owner_id,
  createdAt: toDate(row.created_at),
  updatedAt: toDate(row.updated_at),
});

export async function createBoard(db: Queryable, ownerId: string, name: string): Promise<Board> {
  const id = randomUUID();
  const inserted = await db.query<BoardRow>(
    `INSERT INTO boards (id, name, owner_id) VALUES ($1, $2, $3)
     RETURNING id, name, owner_id, created_at, updated_at`,
    [id, name, ownerId],
  );
  await db.query(`INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, 'owner')`, [
    id,
    ownerId,
  ]);
  return toBoard(firstRow(inserted));
}

export async function findBoard(db: Queryable, id: string): Promise<Board | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<BoardRow>(
    'SELECT id, name, owner_id, created_at, updated_at FROM boards WHERE id = $1',
    [id],
  );
  return rows[0] ? toBoard(rows[0]) : null;
}

export async function listBoardsForUser(db: Queryable, userId: string): Promise<BoardWithRole[]> {
  const { rows } = await db.query<BoardRow>(
    `SELECT b.id, b.name, b.owner_id, b.created_at, b.updated_at, m.role
     FROM board_members m JOIN boards b ON b.id = m.board_id
     WHERE m.user_id = $1 ORDER BY b.updated_at DESC`,
    [userId],
  );
  return rows.map((row) => ({ ...toBoard(row), role: row.role ?? 'viewer' }));
}

export async function renameBoard(db: Queryable, id: string, name: string): Promise<Board | null> {
  const { rows } = await db.query<BoardRow>(
    sql(db, {
      postgres: `UPDATE boards SET name = $2, updated_at = now() WHERE id = $1
     RETURNING id, name, owner_id, created_at, updated_at`,
      sqlite: `UPDATE boards SET name = $2, updated_at = ${SQLITE_NOW} WHERE id = $1
     RETURNING id, name, owner_id, created_at, updated_at`,
    }),
    [id, name],
  );
  return rows[0] ? toBoard(rows[0]) : null;
}

/** Deletes a board with its document (log + snapshot) and equation index. */
export async function deleteBoard(db: Queryable, id: string): Promise<boolean> {
  await db.query('DELETE FROM document_updates WHERE document = $1', [id]);
  await db.query('DELETE FROM document_snapshots WHERE document = $1', [id]);
  await db.query('DELETE FROM equations WHERE board_id = $1', [id]);
  const { rowCount } = await db.query('DELETE FROM boards WHERE id = $1', [id]);
  return rowCount > 0;
}

export async function getMemberRole(
  db: Queryable,
  boardId: string,
  userId: string,
): Promise<BoardRole | null> {
  if (!isUuid(boardId)) return null;
  const { rows } = await db.query<{ role: BoardRole }>(
    'SELECT role FROM board_members WHERE board_id = $1 AND user_id = $2',
    [boardId, userId],
  );
  return rows[0]?.role ?? null;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: BoardRole;
}

export async function listMembers(db: Queryable, boardId: string): Promise<Member[]> {
  const { rows } = await db.query<{
    user_id: string;
    email: string;
    display_name: string;
    role: BoardRole;
  }>(
    `SELECT m.user_id, u.email, u.display_name, m.role
     FROM board_members m JOIN users u ON u.id = m.user_id
     WHERE m.board_id = $1 ORDER BY m.created_at`,
    [boardId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
  }));
}

/** Adds a member or changes their role. Returns the role actually held afterwards. */
export async function setMember(
  db: Queryable,
  boardId: string,
  userId: string,
  role: BoardRole,
): Promise<void> {
  await db.query(
    `INSERT INTO board_members (board_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (board_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [boardId, userId, role],
  );
}

/** Grants `role` unless the user already holds a stronger one (used by share links). */
export async function grantAtLeast(
  db: Queryable,
  boardId: string,
  userId: string,
  role: BoardRole,
): Promise<BoardRole> {
  const current = await getMemberRole(db, boardId, userId);
  if (current && roleAtLeast(current, role)) return current;
  await setMember(db, boardId, userId, role);
  return role;
}

export async function removeMember(
  db: Queryable,
  boardId: string,
  userId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `DELETE FROM board_members WHERE board_id = $1 AND user_id = $2 AND role <> 'owner'`,
    [boardId, userId],
  );
  return rowCount > 0;
}

export interface ShareLink {
  id: string;
  boardId: string;
  role: Exclude<BoardRole, 'owner'>;
  expiresAt: Date;
  revokedAt: Date | null;
}

interface ShareLinkRow {
  id: string;
  board_id: string;
  role: Exclude<BoardRole, 'owner'>;
  expires_at: unknown;
  revoked_at: unknown;
}

const toShareLink = (row: ShareLinkRow): ShareLink => ({
  id: row.id,
  boardId: row.board_id,
  role: row.role,
  expiresAt: toDate(row.expires_at),
  revokedAt: toDateOrNull(row.revoked_at),
});

export async function insertShareLink(
  db: Queryable,
  link: Omit<ShareLink, 'revokedAt'> & { createdBy: string },
): Promise<void> {
  await db.query(
    `INSERT INTO share_links (id, board_id, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [link.id, link.boardId, link.role, link.createdBy, link.expiresAt],
  );
}

/** A share link that is neither expired nor revoked. */
export async function findLiveShareLink(db: Queryable, id: string): Promise<ShareLink | null> {
  const { rows } = await db.query<ShareLinkRow>(
    sql(db, {
      postgres: `SELECT id, board_id, role, expires_at, revoked_at FROM share_links
     WHERE id = $1 AND revoked_at IS NULL AND expires_at > now()`,
      sqlite: `SELECT id, board_id, role, expires_at, revoked_at FROM share_links
     WHERE id = $1 AND revoked_at IS NULL AND expires_at > ${SQLITE_NOW}`,
    }),
    [id],
  );
  return rows[0] ? toShareLink(rows[0]) : null;
}

/** A board's links, oldest first, with when each was made (the owner's list shows it). */
export async function listShareLinks(
  db: Queryable,
  boardId: string,
): Promise<(ShareLink & { createdAt: Date })[]> {
  const { rows } = await db.query<ShareLinkRow & { created_at: unknown }>(
    `SELECT id, board_id, role, expires_at, revoked_at, created_at FROM share_links
     WHERE board_id = $1 ORDER BY created_at`,
    [boardId],
  );
  return rows.map((row) => ({ ...toShareLink(row), createdAt: toDate(row.created_at) }));
}

export async function revokeShareLink(
  db: Queryable,
  boardId: string,
  id: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    sql(db, {
      postgres:
        'UPDATE share_links SET revoked_at = now() WHERE board_id = $1 AND id = $2 AND revoked_at IS NULL',
      sqlite: `UPDATE share_links SET revoked_at = ${SQLITE_NOW}
       WHERE board_id = $1 AND id = $2 AND revoked_at IS NULL`,
    }),
    [boardId, id],
  );
  return rowCount > 0;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Board ids are UUIDs; checking first avoids a PostgreSQL cast error on junk input. */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** Boards a user owns (the board quota). */
export async function countOwnedBoards(db: Queryable, userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM boards WHERE owner_id = $1',
    [userId],
  );
  return Number(rows[0]?.n ?? 0);
}
