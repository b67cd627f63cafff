import type { Queryable } from './database.ts';
import { sql, toDate, toJson } from './database.ts';

/** Product analytics: what happened, not who said what (no document content). */
export async function recordEvent(
  db: Queryable,
  event: { name: string; userId?: string | null; boardId?: string | null; props?: object },
): Promise<void> {
  await db.query(
    sql(db, {
      postgres:
        'INSERT INTO analytics_events (name, user_id, board_id, props) VALUES ($1, $2, $3, $4::jsonb)',
      sqlite:
        'INSERT INTO analytics_events (name, user_id, board_id, props) VALUES ($1, $2, $3, $4)',
    }),
    [event.name, event.userId ?? null, event.boardId ?? null, JSON.stringify(event.props ?? {})],
  );
}

/** Security-relevant actions (sign-in, role changes, deletions), kept for review. */
export async function audit(
  db: Queryable,
  entry: {
    actorId: string | null;
    action: string;
    target?: string | null;
    ip?: string | null;
    details?: object;
  },
): Promise<void> {
  await db.query(
    sql(db, {
      postgres:
        'INSERT INTO audit_log (actor_id, action, target, ip, details) VALUES ($1, $2, $3, $4, $5::jsonb)',
      sqlite:
        'INSERT INTO audit_log (actor_id, action, target, ip, details) VALUES ($1, $2, $3, $4, $5)',
    }),
    [
      entry.actorId,
      entry.action,
      entry.target ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  );
}

export interface AuditEntry {
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export async function auditEntriesFor(db: Queryable, actorId: string): Promise<AuditEntry[]> {
  const { rows } = await db.query<{
    actor_id: string | null;
    action: string;
    target: string | null;
    details: unknown;
    created_at: unknown;
  }>(
    'SELECT actor_id, action, target, details, created_at FROM audit_log WHERE actor_id = $1 ORDER BY id',
    [actorId],
  );
  return rows.map((r) => ({
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    details: toJson<Record<string, unknown>>(r.details),
    createdAt: toDate(r.created_at),
  }));
}
