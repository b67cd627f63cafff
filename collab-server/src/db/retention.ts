import type { Queryable } from './database.ts';

/** How long what is not needed any more is kept. 0 days = kept forever. */
export interface RetentionPolicy {
  /** Product analytics rows (`analytics_events`). */
  eventRetentionDays: number;
  /** Security audit rows (`audit_log`): kept longer, for reviews after an incident. */
  auditRetentionDays: number;
}

export interface PurgeCounts {
  sessions: number;
  apiTokens: number;
  shareLinks: number;
  events: number;
  audit: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** An owner's list of share links still shows a link as expired or revoked this long. */
const ENDED_SHARE_LINK_DAYS = 30;

/**
 * Deletes expired credentials and rows past their retention. Expired sessions, tokens
 * and links are already refused when used; deleting them keeps the tables (and a leak
 * of them) small. Idempotent, so every instance of a cluster may run it.
 */
export async function purgeExpired(
  db: Queryable,
  policy: RetentionPolicy,
  now: Date = new Date(),
): Promise<PurgeCounts> {
  const olderThan = async (table: string, days: number) => {
    if (days <= 0) return 0;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    return (await db.query(`DELETE FROM ${table} WHERE created_at < $1`, [cutoff])).rowCount;
  };
  const expired = async (sql: string) => (await db.query(sql, [now])).rowCount;
  return {
    sessions: await expired('DELETE FROM sessions WHERE expires_at <= $1'),
    apiTokens: await expired(
      'DELETE FROM api_tokens WHERE expires_at IS NOT NULL AND expires_at <= $1',
    ),
    shareLinks: (
      await db.query('DELETE FROM share_links WHERE expires_at <= $1 OR revoked_at <= $1', [
        new Date(now.getTime() - ENDED_SHARE_LINK_DAYS * DAY_MS),
      ])
    ).rowCount,
    events: await olderThan('analytics_events', policy.eventRetentionDays),
    audit: await olderThan('audit_log', policy.auditRetentionDays),
  };
}
