import { mkdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database.ts';

/**
 * The embedded default: PostgreSQL compiled to WebAssembly, in this process, with its
 * files in `dataDir` (or in memory when `dataDir` is undefined). One connection, so
 * PGlite serializes queries itself; a transaction holds it exclusively.
 */
export async function openPglite(dataDir?: string, from?: Blob): Promise<Database> {
  keepWasmCode();
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
    dialect: 'postgres',
    query: (sql, params) => run(db, sql, params),
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (fn) =>
      db.transaction((tx) => {
        const wrapped: Queryable = {
          dialect: 'postgres',
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

/**
 * Turns off V8's garbage collection of WebAssembly code, once per process, before the
 * first PGlite compiles. Why: that collection runs across every isolate of the process (the
 * PGlite thread, the main thread, test workers) and frees the baseline code of functions
 * that tiered up; in the V8 of Node 24 one such free sometimes misses the process-wide
 * registry of JIT allocations and aborts the whole process
 * ("Check failed: jit_page_->allocations_.erase(addr) == 1", SIGTRAP; nodejs/node#64500,
 * seen in one of our CI runs). With the collection off, that free never happens. The cost
 * is the dead baseline code staying mapped: about 0.5 MB per PGlite (`--trace-wasm-code-gc`
 * on a 3,000-insert churn), and no measurable change in speed (20.5 s with, 19.7 s
 * without). V8 reads the flag whenever code dies, so setting it at run time works; the
 * trace shows no collection afterwards.
 */
let wasmCodeKept = false;
function keepWasmCode(): void {
  if (wasmCodeKept) return;
  setFlagsFromString('--no-wasm-code-gc');
  wasmCodeKept = true;
}

const instances = new WeakMap<Database, PGlite>();

/** A copy of a PGlite database's files, to open more instances from (`openPglite(…, dump)`):
 * far faster than creating and migrating a fresh one (tests make many). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const db = instances.get(database);
  if (!db) throw new Error('not a PGlite database');
  return db.dumpDataDir('none');
}
