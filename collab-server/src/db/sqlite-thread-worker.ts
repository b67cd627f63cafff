/**
 * The worker side of `openSqliteThread`: one SQLite connection in this thread, answering
 * the main thread's requests (see sqlite-thread.ts).
 */
import { workerData } from 'node:worker_threads';
import { openSqlite } from './sqlite.ts';
import { serveDatabase } from './thread-server.ts';

const { file } = workerData as { file: string };
serveDatabase(openSqlite(file));
