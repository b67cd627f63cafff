/**
 * `npm run -s solver-token -w @motionmath/collab-server -- [NAME]`: issue a `solver` API
 * token for `npm run worker`, straight in the database (DATABASE_URL [+ DATABASE_SCHEMA],
 * or the embedded PGlite in DATA_DIR while no server uses it). Prints the token only.
 */
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { issueSolverToken } from './solver-token.ts';

const databaseUrl = process.env['DATABASE_URL'];
const db = await openDatabase(
  databaseUrl
    ? {
        url: databaseUrl,
        ...(process.env['DATABASE_SCHEMA'] ? { schema: process.env['DATABASE_SCHEMA'] } : {}),
      }
    : {
        dataDir: process.env['DATA_DIR']
          ? resolve(process.env['DATA_DIR'])
          : (DEFAULT_CONFIG.dataDir ?? undefined),
      },
);
try {
  const name = process.argv[2] ?? `solver worker ${new Date().toISOString().slice(0, 10)}`;
  process.stdout.write(`${await issueSolverToken(db, { name })}\n`);
} finally {
  await db.close();
}
