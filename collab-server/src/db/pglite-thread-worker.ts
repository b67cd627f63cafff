/**
 * The worker side of `openPgliteThread`: one PGlite in this thread, answering the main
 * thread's requests (see pglite-thread.ts for why it exists).
 */
import { workerData } from 'node:worker_threads';
import { openPglite } from './pglite.ts';
import { serveDatabase } from './thread-server.ts';

const { dataDir } = workerData as { dataDir: string | undefined };
serveDatabase(await openPglite(dataDir));
