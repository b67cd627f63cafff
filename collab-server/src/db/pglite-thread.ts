import type { Database } from './database.ts';
import { openDatabaseThread } from './thread-client.ts';

/**
 * The embedded PGlite in its own thread. PGlite runs PostgreSQL compiled to WebAssembly
 * synchronously inside whichever thread calls it: in the server's thread every INSERT of
 * the update log (parse, plan, execute, WAL write), every compaction and every checkpoint
 * stalled the event loop that also fans updates out (README, "Where the time goes").
 * The protocol is thread-client.ts's; PGlite serializes everything else behind an open
 * transaction itself.
 */
const WORKER = new URL('./pglite-thread-worker.ts', import.meta.url);

export function openPgliteThread(dataDir?: string): Promise<Database> {
  return openDatabaseThread(WORKER, { dataDir }, { kind: 'pglite', dialect: 'postgres' });
}
