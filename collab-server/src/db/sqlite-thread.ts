import type { Database } from './database.ts';
import { openDatabaseThread } from './thread-client.ts';

/**
 * The embedded SQLite in its own thread, for the same reason as PGlite's
 * (pglite-thread.ts): `node:sqlite` is synchronous, and each update-log COMMIT waits for
 * an fsync, which must not stall the event loop that fans updates out. Same protocol
 * (thread-client.ts); the worker's connection queues everything behind an open
 * transaction (sqlite.ts). `file` undefined keeps the database in memory.
 */
const WORKER = new URL('./sqlite-thread-worker.ts', import.meta.url);

export function openSqliteThread(file?: string): Promise<Database> {
  return openDatabaseThread(
    WORKER,
    { file: file ?? ':memory:' },
    { kind: 'sqlite', dialect: 'sqlite' },
  );
}
