import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database, EmbeddedDb } from './database.ts';
import { migrate } from './migrations.ts';
import { openPglite } from './pglite.ts';
import { openPgliteThread } from './pglite-thread.ts';
import { openPostgres } from './postgres.ts';
import { openSqliteThread } from './sqlite-thread.ts';

/** The SQLite database's file inside its data folder (beside it: `-wal` and `-shm`). */
export const SQLITE_FILE = 'motionmath.sqlite';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded database is used. */
  url?: string;
  /** PostgreSQL schema (created if missing). */
  schema?: string;
  /** The embedded database's folder; undefined keeps it in memory. Both embedded engines
   * run in their own thread (thread-client.ts): in the server's thread they stall the
   * fan-out. */
  dataDir?: string;
  /** Which embedded engine (default SQLite; see `chooseEmbedded`). */
  embedded?: EmbeddedDb;
  /** Where a notice about the choice goes (the server's logger). */
  warn?: (message: string) => void;
}

/** Opens PostgreSQL when a URL is given, the embedded database otherwise, and applies
 * the migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db = options.url
    ? await openPostgres({
        url: options.url,
        ...(options.schema ? { schema: options.schema } : {}),
      })
    : await openEmbedded(options.embedded ?? 'sqlite', options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

function openEmbedded(engine: EmbeddedDb, dataDir: string | undefined): Promise<Database> {
  if (engine === 'sqlite')
    return openSqliteThread(dataDir === undefined ? undefined : join(dataDir, SQLITE_FILE));
  return process.env['PGLITE_IN_PROCESS'] === '1' // the bench's "before" row, to compare
    ? openPglite(dataDir)
    : openPgliteThread(dataDir);
}

/** The default data folder of each engine: `<root>/.data/<engine>`. */
export function defaultDataDir(root: string, engine: EmbeddedDb): string {
  return resolve(root, '.data', engine);
}

const holdsPglite = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

/**
 * Which embedded engine and folder to use. SQLite is the default (README, "Benchmark":
 * faster, ~500 MiB less memory). Existing PGlite data is never silently left behind:
 * - engine unset, and a PGlite database in the folder PGlite would use (DATA_DIR, or the
 *   old default `.data/pglite`) but no SQLite file yet → PGlite, with a notice saying
 *   how to choose (there is no automatic conversion);
 * - SQLite asked for explicitly in a DATA_DIR that holds a PGlite database → an error,
 *   rather than an empty SQLite database beside the data the user meant;
 * - SQLite asked for explicitly while the default PGlite folder has data → SQLite in its
 *   own folder, with a notice that the PGlite data is not read.
 */
export function chooseEmbedded(input: {
  engine: EmbeddedDb | undefined;
  /** DATA_DIR when set. */
  dataDir: string | undefined;
  root: string;
}): { engine: EmbeddedDb; dataDir: string; notice?: string } {
  const dirOf = (engine: EmbeddedDb) => input.dataDir ?? defaultDataDir(input.root, engine);
  const pgliteDir = dirOf('pglite');
  const sqliteFile = join(dirOf('sqlite'), SQLITE_FILE);
  const pgliteData = holdsPglite(pgliteDir) && !existsSync(sqliteFile);
  if (input.engine === 'pglite') return { engine: 'pglite', dataDir: pgliteDir };
  if (input.engine === undefined && pgliteData)
    return {
      engine: 'pglite',
      dataDir: pgliteDir,
      notice:
        `using the PGlite database in ${pgliteDir}: the embedded default is now SQLite, ` +
        'and no SQLite database exists yet. Set EMBEDDED_DB=pglite to keep PGlite (and ' +
        'this notice goes away), or EMBEDDED_DB=sqlite to start an empty SQLite database ' +
        (input.dataDir === undefined
          ? `in ${defaultDataDir(input.root, 'sqlite')}`
          : 'in another DATA_DIR') +
        '; nothing is converted automatically.',
    };
  if (input.engine === 'sqlite' && pgliteData && input.dataDir !== undefined)
    throw new Error(
      `DATA_DIR=${input.dataDir} holds a PGlite database: EMBEDDED_DB=sqlite would start an ` +
        'empty SQLite database beside it. Set EMBEDDED_DB=pglite to use it, or point ' +
        'DATA_DIR at another folder for SQLite.',
    );
  return {
    engine: 'sqlite',
    dataDir: dirOf('sqlite'),
    ...(pgliteData
      ? {
          notice:
            `EMBEDDED_DB=sqlite: the PGlite database in ${pgliteDir} is not read (no ` +
            'automatic conversion); set EMBEDDED_DB=pglite to use it.',
        }
      : {}),
  };
}
