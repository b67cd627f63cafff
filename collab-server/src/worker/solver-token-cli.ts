/**
 * `npm run -s solver-token -w @motionmath/collab-server -- [NAME]`: issue a `solver` API
 * token for `npm run worker`, straight in the database (DATABASE_URL [+ DATABASE_SCHEMA],
 * or the embedded PGlite in DATA_DIR while no server uses it). Prints the token only.
 */
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../config.ts';
import { openDatabase } from '../db/open.ts';
import { readEnv } from '../env.ts';
import { issueSolverToken } from './solver-token.ts';

const env = readEnv();
const db = await openDatabase(
  env.DATABASE_URL
    ? {
        url: env.DATABASE_URL,
        ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
      }
    : {
        dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : (DEFAULT_CONFIG.dataDir ?? undefined),
      },
);
try {
  const name = process.argv[2] ?? `solver worker ${new Date().toISOString().slice(0, 10)}`;
  process.stdout.write(`${await issueSolverToken(db, { name })}\n`);
} finally {
  await db.close();
}
