import type { Queryable } from './database.ts';
import { SQLITE_NOW, sql, toDate, toJson } from './database.ts';

/**
 * A user's personal handwriting samples (the recognizer's `exportSamples()` file), one
 * row per user. The server stores the file as validated JSON and never interprets the
 * strokes: recognition runs on the device.
 */
export interface StoredSamples {
  /** The samples file, as last saved. */
  samples: unknown;
  updatedAt: Date;
}

export async function getPersonalSamples(
  db: Queryable,
  userId: string,
): Promise<StoredSamples | null> {
  const { rows } = await db.query<{ samples: unknown; updated_at: unknown }>(
    'SELECT samples, updated_at FROM personal_samples WHERE user_id = $1',
    [userId],
  );
  const row = rows[0];
  return row ? { samples: toJson(row.samples), updatedAt: toDate(row.updated_at) } : null;
}

/** Replaces the user's samples (last writer wins: the client always sends the whole set). */
export async function putPersonalSamples(
  db: Queryable,
  userId: string,
  samples: unknown,
): Promise<Date> {
  const { rows } = await db.query<{ updated_at: unknown }>(
    sql(db, {
      postgres: `INSERT INTO personal_samples (user_id, samples) VALUES ($1, $2::jsonb)
     ON CONFLICT (user_id) DO UPDATE SET samples = EXCLUDED.samples, updated_at = now()
     RETURNING updated_at`,
      sqlite: `INSERT INTO personal_samples (user_id, samples) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET samples = excluded.samples, updated_at = ${SQLITE_NOW}
     RETURNING updated_at`,
    }),
    [userId, JSON.stringify(samples)],
  );
  return rows[0] ? toDate(rows[0].updated_at) : new Date();
}
