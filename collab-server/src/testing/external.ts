/**
 * Test-only access to the real PostgreSQL and Redis that CI provides. A test that needs
 * one and cannot reach it FAILS with a clear message, unless MOTIONMATH_SKIP_EXTERNAL=1,
 * in which case it is skipped with the reason in its name.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/open.ts';

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

/** A fresh in-memory PGlite (migrated). */
export async function freshPglite(): Promise<TestDatabase> {
  const db = await openDatabase({});
  return { db, env: {}, drop: () => db.close() };
}
