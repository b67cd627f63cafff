import type { Database, Queryable } from './database.ts';
import { toDate, toJson } from './database.ts';
import { deleteBoard, listBoardsForUser } from './boards.ts';
import { listApiTokens } from './api-tokens.ts';
import { equationHistory } from './equations.ts';
import { auditEntriesFor } from './events.ts';
import { listUserSessions } from './sessions.ts';
import { findUserById, listOAuthAccounts } from './users.ts';

/** Most equations exported per board: a board holding more is a bug or abuse, and the
 * export must stay a reasonable single JSON response. */
const EXPORT_EQUATIONS_PER_BOARD = 10_000;

/** Everything we hold about a user, as JSON (GDPR access / portability). Secrets (the
 * password hash, the TOTP key, token hashes) are described, never exported. */
export async function exportUserData(db: Queryable, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) return null;
  const boards = await listBoardsForUser(db, userId);
  const boardsWithEquations = [];
  for (const board of boards) {
    boardsWithEquations.push({
      id: board.id,
      name: board.name,
      role: board.role,
      createdAt: board.createdAt,
      equations:
        board.role === 'owner'
          ? await equationHistory(db, board.id, EXPORT_EQUATIONS_PER_BOARD)
          : [],
    });
  }
  const events = await db.query<{
    name: string;
    board_id: string | null;
    props: unknown;
    created_at: unknown;
  }>(
    'SELECT name, board_id, props, created_at FROM analytics_events WHERE user_id = $1 ORDER BY id',
    [userId],
  );
  return {
    exportedAt: new Date().toISOString(),
    user: {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      createdAt: user.createdAt,
      hasPassword: user.passwordHash !== null,
      twoFactorEnabled: user.totpKey !== null,
    },
    oauthAccounts: await listOAuthAccounts(db, userId),
    sessions: (await listUserSessions(db, userId)).map((s) => ({ expiresAt: s.expiresAt })),
    apiTokens: (await listApiTokens(db, userId)).map((t) => ({
      name: t.name,
      scopes: t.scopes,
      boardId: t.boardId,
      createdAt: t.createdAt,
      expiresAt: t.expiresAt,
    })),
    boards: boardsWithEquations,
    auditLog: await auditEntriesFor(db, userId),
    analyticsEvents: events.rows.map((e) => ({
      name: e.name,
      boardId: e.board_id,
      props: toJson(e.props),
      createdAt: toDate(e.created_at),
    })),
  };
}

/** Deletes the user, the boards they own (documents included) and everything keyed to
 * them; shared audit entries keep the action but lose the actor (ON DELETE SET NULL).
 * Returns the ids of the deleted boards so live connections can be closed. */
export async function deleteAccount(db: Database, userId: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const owned = await tx.query<{ id: string }>('SELECT id FROM boards WHERE owner_id = $1', [
      userId,
    ]);
    for (const { id } of owned.rows) await deleteBoard(tx, id);
    await tx.query('DELETE FROM users WHERE id = $1', [userId]);
    return owned.rows.map((row) => row.id);
  });
}
