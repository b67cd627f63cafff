/**
 * A child process for pglite.test.ts: enough PGlite work, in this thread and in a PGlite
 * thread, that V8 would tier functions up and collect the dead baseline code. Run with
 * `--trace-wasm-code-gc`; prints "churned" when done.
 */
import { openPglite } from '../db/pglite.ts';
import { openPgliteThread } from '../db/pglite-thread.ts';

const INSERTS = 400;
const SELECTS = 100;

for (const db of [await openPglite(), await openPgliteThread()]) {
  await db.exec('CREATE TABLE t (id serial PRIMARY KEY, v text)');
  for (let i = 0; i < INSERTS; i++) await db.query('INSERT INTO t (v) VALUES ($1)', [`v${i}`]);
  for (let i = 0; i < SELECTS; i++)
    await db.query('SELECT count(*), max(v) FROM t WHERE v LIKE $1', [`v${i}%`]);
  await db.close();
}
console.log('churned');
