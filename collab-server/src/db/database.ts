/**
 * The storage seam. The repositories speak SQL through this small interface, in one of
 * two dialects: PostgreSQL (a `pg` pool, or the embedded PGlite) and SQLite (the embedded
 * `node:sqlite`). Most statements are the same text in both; where one differs, the
 * repository holds both strings side by side and picks by `dialect` (never a translator:
 * each string is what runs). The helpers below turn either dialect's row values (dates,
 * booleans, JSON, arrays, bytes, bigints) into one TypeScript shape.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export type Dialect = 'postgres' | 'sqlite';

/** The embedded engines (EMBEDDED_DB), the default first. */
export const EMBEDDED_DBS = ['sqlite', 'pglite'] as const;
export type EmbeddedDb = (typeof EMBEDDED_DBS)[number];

export interface Queryable {
  /** Which SQL the statements must be written in. */
  readonly dialect: Dialect;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /** `postgres` for a pg pool; `pglite` and `sqlite` for the embedded databases. */
  readonly kind: 'postgres' | 'pglite' | 'sqlite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap round trip, for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Converts a PostgreSQL `bigint` (a string in `pg`, a number in PGlite) to a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  throw new TypeError(`expected a numeric column, got ${typeof value}`);
}

/** A `bytea` / BLOB column as a plain Uint8Array (pg gives a Buffer, PGlite and
 * node:sqlite a Uint8Array). */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new TypeError('expected a bytea column');
}

/** A `timestamptz` column: a Date from PostgreSQL; ISO-8601 text from SQLite (every
 * SQLite time is written as `toISOString()` or `SQLITE_NOW`, the same format, so text
 * comparison is time comparison). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new TypeError(`expected a timestamp column, got ${String(value)}`);
}

export function toDateOrNull(value: unknown): Date | null {
  return value == null ? null : toDate(value);
}

/** A `boolean` column: true/false from PostgreSQL, 1/0 from SQLite. */
export function toBoolean(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value !== 0 && value !== 0n;
  throw new TypeError(`expected a boolean column, got ${typeof value}`);
}

/** A `jsonb` column: parsed by the PostgreSQL drivers, JSON text in SQLite. */
export function toJson<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A `text[]` column: an array from PostgreSQL, a JSON array (text) in SQLite. */
export function toTextArray(value: unknown): string[] {
  const array = toJson<unknown>(value);
  if (Array.isArray(array) && array.every((item) => typeof item === 'string')) return array;
  throw new TypeError('expected a text[] column');
}

/** SQLite's `now()`: the current UTC time as ISO-8601 text with milliseconds, the exact
 * format of `Date.toISOString()` (how the SQLite adapter binds a Date parameter). */
export const SQLITE_NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

/** The statement for `db`'s dialect, for the few that differ. */
export function sql(db: Queryable, statements: Record<Dialect, string>): string {
  return statements[db.dialect];
}

/** The single row a statement such as `INSERT … RETURNING` must produce. */
export function firstRow<Row>(result: QueryResult<Row>): Row {
  const row = result.rows[0];
  if (row === undefined) throw new Error('expected one row, got none');
  return row;
}
