import type { Queryable } from './database.ts';
import { SQLITE_NOW, firstRow, sql, toBytes, toNumber } from './database.ts';

/**
 * The durable home of board documents: an append-only log of Yjs updates plus one
 * snapshot per document. Invariants:
 * - a row in `document_updates` is never lost before it is folded into the snapshot;
 * - compaction deletes exactly the rows it folded (not "everything up to seq N"): an
 *   identity value is allocated before its row commits, so a concurrent append can
 *   commit with a smaller seq than one already folded.
 */

export async function appendUpdate(db: Queryable, document: string, update: Uint8Array) {
  await appendUpdates(db, [{ document, update }]);
}

/** Appends several updates in one statement (rows get their seq in list order). Two
 * array parameters whatever the batch size: a multi-row VALUES list of 2 parameters per
 * row cost PGlite ~100 ms to parse and plan at 100 rows, under load (README, "Where
 * the time goes"). The updates travel as hex text (`decode` makes them bytea): both
 * drivers serialize a text array the same way. In SQLite the arrays arrive as JSON text
 * (sqlite.ts binds arrays so), read with `json_each`, whose `key` is the index. */
export async function appendUpdates(
  db: Queryable,
  rows: readonly { document: string; update: Uint8Array }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    sql(db, {
      postgres: `INSERT INTO document_updates (document, update)
     SELECT d, decode(h, 'hex') FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(d, h, n)
     ORDER BY n`,
      sqlite: `INSERT INTO document_updates (document, "update")
     SELECT d.value, unhex(h.value) FROM json_each($1) AS d JOIN json_each($2) AS h ON h.key = d.key
     ORDER BY d.key`,
    }),
    [
      rows.map((row) => row.document),
      rows.map((row) =>
        Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength).toString(
          'hex',
        ),
      ),
    ],
  );
}

export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Updates not yet folded into the snapshot, in append order. */
  updates: Uint8Array[];
}

/** Reads the snapshot and the log tail in ONE statement, so a concurrent compaction
 * cannot make us miss rows (it commits either wholly before or after our read). */
export async function loadStoredDocument(db: Queryable, document: string): Promise<StoredDocument> {
  const { rows } = await db.query<{ kind: number; data: unknown }>(
    sql(db, {
      postgres: `SELECT 0 AS kind, state AS data, 0::bigint AS seq FROM document_snapshots WHERE document = $1
     UNION ALL
     SELECT 1 AS kind, update AS data, seq FROM document_updates WHERE document = $1
     ORDER BY kind, seq`,
      sqlite: `SELECT 0 AS kind, state AS data, 0 AS seq FROM document_snapshots WHERE document = $1
     UNION ALL
     SELECT 1 AS kind, "update" AS data, seq FROM document_updates WHERE document = $1
     ORDER BY kind, seq`,
    }),
    [document],
  );
  let snapshot: Uint8Array | null = null;
  const updates: Uint8Array[] = [];
  for (const row of rows) {
    if (row.kind === 0) snapshot = toBytes(row.data);
    else updates.push(toBytes(row.data));
  }
  return { snapshot, updates };
}

export async function countLogEntries(db: Queryable, document: string): Promise<number> {
  const { rows } = await db.query<{ n: unknown }>(
    'SELECT count(*) AS n FROM document_updates WHERE document = $1',
    [document],
  );
  return toNumber(rows[0]?.n ?? 0);
}

/**
 * Folds the log into the snapshot. `merge` combines the old snapshot (if any) and the
 * updates into one state update (the caller does the Yjs work). Serialized per document
 * by a row lock on the snapshot, so two instances never fold the same rows twice (SQLite:
 * by `BEGIN IMMEDIATE`, which holds the database's write lock).
 * Returns how many log rows were folded.
 */
export async function compactDocument(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  document: string,
  merge: (snapshot: Uint8Array | null, updates: Uint8Array[]) => Uint8Array,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO document_snapshots (document, state, last_seq) VALUES ($1, $2, 0)
       ON CONFLICT (document) DO NOTHING`,
      [document, new Uint8Array()],
    );
    const current = await tx.query<{ state: unknown }>(
      sql(tx, {
        postgres: 'SELECT state FROM document_snapshots WHERE document = $1 FOR UPDATE',
        sqlite: 'SELECT state FROM document_snapshots WHERE document = $1',
      }),
      [document],
    );
    const state = toBytes(firstRow(current).state);
    const log = await tx.query<{ seq: unknown; update: unknown }>(
      sql(tx, {
        postgres: 'SELECT seq, update FROM document_updates WHERE document = $1 ORDER BY seq',
        sqlite: 'SELECT seq, "update" FROM document_updates WHERE document = $1 ORDER BY seq',
      }),
      [document],
    );
    if (log.rows.length === 0) return 0;
    const seqs = log.rows.map((row) => toNumber(row.seq));
    const merged = merge(
      state.byteLength > 0 ? state : null,
      log.rows.map((row) => toBytes(row.update)),
    );
    await tx.query(
      sql(tx, {
        postgres: `UPDATE document_snapshots SET state = $2, last_seq = GREATEST(last_seq, $3), updated_at = now()
       WHERE document = $1`,
        sqlite: `UPDATE document_snapshots SET state = $2, last_seq = max(last_seq, $3),
         updated_at = ${SQLITE_NOW} WHERE document = $1`,
      }),
      [document, merged, Math.max(...seqs)],
    );
    await tx.query(
      sql(tx, {
        postgres: 'DELETE FROM document_updates WHERE document = $1 AND seq = ANY($2::bigint[])',
        sqlite: `DELETE FROM document_updates
         WHERE document = $1 AND seq IN (SELECT value FROM json_each($2))`,
      }),
      [document, seqs],
    );
    return seqs.length;
  });
}
