import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { Database, Queryable, QueryResult } from './database.ts';

/** How long a statement waits for another process's write lock (two servers, or the
 * solver-token CLI, on one file) before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
/** Prepared statements kept per connection: the repositories have about a hundred. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * The embedded SQLite (`node:sqlite`, built into Node 24), in the calling thread; the
 * server runs it in its own thread (sqlite-thread.ts). `file` is a path, or `:memory:`.
 *
 * Durability: WAL with `synchronous = FULL`, so every COMMIT (one per update-log batch)
 * is fsynced before its promise resolves, and so before any update in it is
 * acknowledged: a SIGKILL, and a power cut, lose nothing acknowledged.
 *
 * One connection, synchronous: each statement runs to completion when called. A
 * transaction's callback is async (its queries come from the main thread), so
 * everything on this connection goes through one queue: a statement arriving while a
 * transaction is open waits for its COMMIT instead of running inside it.
 * `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails halfway
 * on another process's lock; that also makes `SELECT … FOR UPDATE` unnecessary.
 */
export function openSqlite(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
  db.exec(`PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);

  const statements = new Map<string, StatementSync>();
  const prepare = (sql: string): StatementSync => {
    let statement = statements.get(sql);
    if (statement) {
      // Re-insert: the Map's order is then least recently used first.
      statements.delete(sql);
    } else {
      statement = db.prepare(sql);
      if (statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(sql, statement);
    return statement;
  };

  const run = <Row>(sql: string, params?: unknown[]): QueryResult<Row> => {
    const statement = prepare(sql);
    // `$1`, `$2`… are named parameters in SQLite (a repeated `$1` is one parameter, as
    // in PostgreSQL), bound by name.
    const named: Record<string, SQLInputValue> = {};
    params?.forEach((value, i) => (named[`$${i + 1}`] = bindValue(value)));
    if (statement.columns().length > 0) {
      const rows = statement.all(named).map((row) => ({ ...row }) as Row);
      return { rows, rowCount: rows.length };
    }
    const { changes } = statement.run(named);
    return { rows: [], rowCount: Number(changes) };
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(op: () => T | Promise<T>): Promise<T> => {
    const result = queue.then(op);
    queue = result.catch(() => {});
    return result;
  };

  return {
    kind: 'sqlite',
    dialect: 'sqlite',
    query: (sql, params) => serialized(() => run(sql, params)),
    exec: (sql) => serialized(() => db.exec(sql)),
    transaction: (fn) =>
      serialized(async () => {
        let open = true;
        const inside = <T>(op: () => T): Promise<T> => {
          if (!open) return Promise.reject(new Error('the transaction has ended'));
          try {
            return Promise.resolve(op());
          } catch (error) {
            return Promise.reject(error);
          }
        };
        const tx: Queryable = {
          dialect: 'sqlite',
          query: (sql, params) => inside(() => run(sql, params)),
          exec: (sql) => inside(() => db.exec(sql)),
        };
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(tx);
          open = false;
          db.exec('COMMIT');
          return result;
        } catch (error) {
          open = false;
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }),
    ping: () => serialized(() => void db.prepare('SELECT 1').get()),
    close: () =>
      serialized(() => {
        statements.clear();
        if (db.isOpen) db.close();
      }),
  };
}

/** A parameter as SQLite stores it: times as ISO-8601 text (the format of `SQLITE_NOW`,
 * so text comparison is time comparison), booleans as 0/1, arrays (`text[]`) as JSON. */
function bindValue(value: unknown): SQLInputValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Array.isArray(value)) return JSON.stringify(value);
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    value instanceof Uint8Array
  )
    return value;
  throw new TypeError(`cannot bind a ${typeof value} parameter to SQLite`);
}
