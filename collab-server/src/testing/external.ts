/**
 * Test-only access to the real PostgreSQL and Redis that CI provides. A test that needs
 * one and cannot reach it FAILS with a clear message, unless MOTIONMATH_SKIP_EXTERNAL=1,
 * in which case it is skipped with the reason in its name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Database } from '../db/database.ts';
import { MIGRATIONS, migrate } from '../db/migrations.ts';
import { openDatabase } from '../db/open.ts';
import { dumpPglite, openPglite } from '../db/pglite.ts';
import { openPgliteThread } from '../db/pglite-thread.ts';
import { openSqlite } from '../db/sqlite.ts';
import { openSqliteThread } from '../db/sqlite-thread.ts';

export const TEST_DATABASE_URL =
  process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** How long a reachability probe may take before the service counts as down. */
const PROBE_TIMEOUT_MS = 3_000;

export interface ExternalService {
  /** null when usable; otherwise why the tests using it are skipped. */
  skip: string | null;
  /** Suffix for test names: empty, or ` (skipped: …)`. */
  label: string;
}

const skipAllowed = () => process.env['MOTIONMATH_SKIP_EXTERNAL'] === '1';

function unavailable(what: string, error: unknown): ExternalService {
  const reason = `${what} unreachable: ${error instanceof Error ? error.message : String(error)}`;
  if (!skipAllowed()) {
    throw new Error(
      `${reason}. Integration tests need it (CI provides it); start it, point ` +
        `TEST_DATABASE_URL/TEST_REDIS_URL at it, or set MOTIONMATH_SKIP_EXTERNAL=1 to skip.`,
    );
  }
  return { skip: reason, label: ` (skipped: ${reason})` };
}

export async function probePostgres(): Promise<ExternalService> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { skip: null, label: '' };
  } catch (error) {
    return unavailable(`PostgreSQL at ${TEST_DATABASE_URL}`, error);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function probeRedis(): Promise<ExternalService> {
  const redis = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
    return { skip: null, label: '' };
  } catch (error) {
    return unavailable(`Redis at ${TEST_REDIS_URL}`, error);
  } finally {
    redis.disconnect();
  }
}

/** A fresh random name, for PostgreSQL schemas and Redis key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export interface TestDatabase {
  db: Database;
  /** For a child process: the env that reaches the same storage. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL schema (migrated), dropped by `drop()`. */
export async function freshPostgres(): Promise<TestDatabase> {
  const schema = uniqueName('mm_test');
  const db = await openDatabase({ url: TEST_DATABASE_URL, schema });
  return {
    db,
    env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/**
 * A migrated, empty PGlite, dumped once and kept in the temp folder (keyed by the PGlite
 * version and the migrations), so every test file clones it in about a second instead
 * of creating and migrating a new database for several.
 */
let template: Promise<Blob> | undefined;

async function pgliteTemplate(): Promise<Blob> {
  // The package does not export its package.json; find it beside its entry point.
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const manifest = join(dirname(entry), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const key = createHash('sha256')
    .update(version)
    .update(JSON.stringify(MIGRATIONS))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `motionmath-pglite-template-${key}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  // In this process (not `openDatabase`, whose default is PGlite in a worker thread):
  // only an in-process PGlite can dump its files.
  const db = await openPglite();
  try {
    await migrate(db);
    const dump = await dumpPglite(db);
    // Write then rename: a parallel test file never reads a half-written template.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
    renameSync(partial, file);
    return dump;
  } finally {
    await db.close();
  }
}

/** A fresh in-memory PGlite (migrated). */
export async function freshPglite(): Promise<TestDatabase> {
  template ??= pgliteTemplate();
  const db = await openPglite(undefined, await template);
  await migrate(db);
  return { db, env: {}, drop: () => db.close() };
}

/** A fresh in-memory PGlite in its own thread (migrated): the server's default adapter. */
export async function freshPgliteThread(): Promise<TestDatabase> {
  const db = await openPgliteThread();
  await migrate(db);
  return { db, env: {}, drop: () => db.close() };
}

/** A fresh in-memory SQLite in this thread (migrated): the adapter the thread runs. */
export async function freshSqlite(): Promise<TestDatabase> {
  const db = openSqlite(':memory:');
  await migrate(db);
  return { db, env: {}, drop: () => db.close() };
}

/** A fresh in-memory SQLite in its own thread (migrated): the server's embedded default. */
export async function freshSqliteThread(): Promise<TestDatabase> {
  const db = await openSqliteThread();
  await migrate(db);
  return { db, env: {}, drop: () => db.close() };
}

/** The embedded database the tests that need "a database" run on: TEST_EMBEDDED_DB
 * (`pglite` or `sqlite`; default sqlite, the server's default), in memory, migrated.
 * PGlite comes from the template (in this thread), SQLite in its own thread as in the
 * server. */
export function freshEmbedded(): Promise<TestDatabase> {
  const engine = process.env['TEST_EMBEDDED_DB'] ?? 'sqlite';
  if (engine === 'pglite') return freshPglite();
  if (engine === 'sqlite') return freshSqliteThread();
  throw new Error(`TEST_EMBEDDED_DB must be pglite or sqlite, not ${engine}`);
}
