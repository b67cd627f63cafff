import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPgliteThread } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PostgreSQL schema (created if missing). */
  schema?: string;
  /** PGlite data folder; undefined keeps PGlite in memory. PGlite runs in its own thread
   * (pglite-thread.ts): in the server's thread it stalled the fan-out. */
  dataDir?: string;
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise, and applies the migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url
    ? await openPostgres({
        url: options.url,
        ...(options.schema ? { schema: options.schema } : {}),
      })
    : process.env['PGLITE_IN_PROCESS'] === '1' // the bench's "before" row, to compare
      ? await openPglite(options.dataDir)
      : await openPgliteThread(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
