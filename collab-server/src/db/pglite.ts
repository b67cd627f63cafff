import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.ts';

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, in this process, with its
 * files in `dataDir` (or in memory when `dataDir` is undefined). One connection, so
 * PGlite serializes queries itself; a transaction holds it exclusively.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<Database> {
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(from === undefined ? {} : { loadDataDir: from }),
  });

  const run = async <Row>(
    target: Pick<PGlite, 'query'>,
    sql: string,
    params?: unknown[],
  ): Promise<QueryResult<Row>> => {
    const result = await target.query<Row>(sql, params);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  };

  const database: Database = {
    kind: 'pglite',
    query: (sql, params) => run(db, sql, params),
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) => {
        const wrapped: Queryable = {
          query: (sql, params) => run(tx, sql, params),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        };
        return fn(wrapped);
      }),
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {
      if (!db.closed) await db.close();
    },
  };
  instances.set(database, db);
  return database;
}

const instances = new WeakMap<Database, PGlite>();

/** A copy of a PGlite database's files, to open more instances from (`openPglite(…, dump)`):
 * far faster than creating and migrating a fresh one (tests make many). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const db = instances.get(database);
  if (!db) throw new Error('not a PGlite database');
  return db.dumpDataDir('none');
}
