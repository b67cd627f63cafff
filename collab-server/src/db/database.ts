/**
 * The storage seam. Everything above this file speaks plain PostgreSQL SQL through this
 * small interface, so the same repositories and migrations run on a real PostgreSQL
 * server (`pg` pool) and on the embedded PGlite default.
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Runs several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  /** `postgres` for a pg pool, `pglite` for the embedded database. */
  readonly kind: 'postgres' | 'pglite';
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

/** A `bytea` column as a plain Uint8Array (pg gives a Buffer, PGlite a Uint8Array). */
export function toBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }
  throw new TypeError('expected a bytea column');
}

/** The single row a statement such as `INSERT … RETURNING` must produce. */
export function firstRow<Row>(result: QueryResult<Row>): Row {
  const row = result.rows[0];
  if (row === undefined) throw new Error('expected one row, got none');
  return row;
}
