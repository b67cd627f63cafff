import type { Database } from './database.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  url?: string;
  /** PostgreSQL schema (created if missing). */
  schema?: string;
  /** PGlite data folder; undefined keeps PGlite in memory. */
  dataDir?: string;
}

/** Opens PostgreSQL when a URL is given, PGlite otherwise, and applies the migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url
    ? await openPostgres({
        url: options.url,
        ...(options.schema ? { schema: options.schema } : {}),
      })
    : await openPglite(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
