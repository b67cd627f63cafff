/**
 * `npm run -s solver-token -w @motionmath/collab-server -- [NAME]`: issue a `solver` API
 * token for `npm run worker`, straight in the database (DATABASE_URL [+ DATABASE_SCHEMA],
 * or the embedded database (EMBEDDED_DB, DATA_DIR) as the server would choose it).
 * Prints the token only.
 */
import { resolve } from 'node:path';
import { REPO_ROOT } from '../config.ts';
import { chooseEmbedded, openDatabase } from '../db/open.ts';
import { readEnv } from '../env.ts';
import { issueSolverToken } from './solver-token.ts';

const env = readEnv();
const db = await openDatabase(
  env.DATABASE_URL
    ? {
        url: env.DATABASE_URL,
        ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
      }
    : embedded(),
);

function embedded() {
  const chosen = chooseEmbedded({
    engine: env.EMBEDDED_DB,
    dataDir: env.DATA_DIR ? resolve(env.DATA_DIR) : undefined,
    root: REPO_ROOT,
  });
  if (chosen.notice) process.stderr.write(`${chosen.notice}\n`);
  return { embedded: chosen.engine, dataDir: chosen.dataDir };
}
try {
  const name = process.argv[2] ?? `solver worker ${new Date().toISOString().slice(0, 10)}`;
  process.stdout.write(`${await issueSolverToken(db, { name })}\n`);
} finally {
  await db.close();
}
