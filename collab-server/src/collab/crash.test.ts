import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { api, connect, newBoard, signUp, waitFor } from '../testing/harness.ts';
import { TEST_DATABASE_URL, probePostgres, uniqueName } from '../testing/external.ts';
import pg from 'pg';

const MAIN = resolve(import.meta.dirname, '..', 'main.ts');
/** One edit every few ms: fast enough that many are in flight when the kill lands. */
const EDIT_INTERVAL_MS = 2;

/** Starts `node src/main.ts` on port 0 and resolves with its URL once it prints it. */
function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [MAIN], {
    // The stream below is faster than the default per-connection rate limit allows;
    // this test is about durability, so it raises the limit.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      MESSAGES_PER_SECOND: '5000',
      // No solver threads: this test is about durability, and each thread loads the
      // whole solver again at start (seconds on a busy machine, twice per test).
      SOLVER_WORKERS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /collab-server: (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1] });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${out}`)),
    );
  });
}

/**
 * What "acknowledged" means here. The provider sends one update message per transaction
 * and counts it (`unsyncedChanges` += 1); the server answers each, in order, with one
 * SyncStatus (`unsyncedChanges` -= 1), and sends it only after `beforeHandleMessage`
 * (our durable append) resolved. Each item is pushed in its own transaction, so at any
 * moment the first `pushed - unsyncedChanges` items are acknowledged — and must survive
 * a SIGKILL that lands while later ones are still in flight.
 */
async function crashAndRecover(env: Record<string, string>, label: string) {
  const random = seededRandom(testSeed(`crash-${label}`));
  let { child, url } = await startChild(env);
  try {
    const owner = await signUp(url);
    const board = await newBoard(url, owner.token);
    const writer = await connect(url.replace(/^http/, 'ws'), board, owner.token, {
      reconnect: false,
    });
    // Let the handshake's own SyncStatus arrive before counting.
    await waitFor('the handshake to settle', () => writer.provider.unsyncedChanges === 0);
    const items = writer.doc.getArray<number>('items');
    let pushed = 0;
    let acknowledged = 0;
    writer.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      acknowledged = Math.max(acknowledged, pushed - number);
    });
    const streaming = setInterval(() => {
      items.push([pushed]);
      pushed += 1;
    }, EDIT_INTERVAL_MS);
    // Kill at a seeded moment, while edits are still streaming (and in flight).
    const killAfter = random.int(200, 400);
    await waitFor('edits to be acknowledged', () => acknowledged >= killAfter, 30_000);
    await new Promise((r) => setTimeout(r, random.int(5, 100)));
    child.kill('SIGKILL');
    const killedAt = { pushed, acknowledged, inFlight: writer.provider.unsyncedChanges };
    clearInterval(streaming);
    writer.destroy();
    await new Promise((r) => child.once('exit', r));

    ({ child, url } = await startChild(env));
    const reader = await connect(url.replace(/^http/, 'ws'), board, owner.token);
    const recovered = reader.doc.getArray<number>('items').toArray();
    reader.destroy();
    // Every acknowledged item is there, in order, with no duplicate or gap.
    expect(recovered.length).toBeGreaterThanOrEqual(killedAt.acknowledged);
    expect(recovered).toEqual(Array.from({ length: recovered.length }, (_, i) => i));
    console.log(
      `[crash ${label}] pushed ${killedAt.pushed}, acknowledged ${killedAt.acknowledged}, ` +
        `in flight ${killedAt.inFlight}, recovered ${recovered.length}`,
    );
    const health = await api(url, 'GET', '/readyz');
    expect(health.status).toBe(200);
  } finally {
    child.kill('SIGKILL');
  }
}

const postgres = await probePostgres();

describe('durability: SIGKILL loses no acknowledged update', () => {
  for (const engine of ['sqlite', 'pglite'] as const) {
    it(`on embedded ${engine === 'sqlite' ? 'SQLite (the default)' : 'PGlite'}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mm-crash-'));
      try {
        await crashAndRecover({ DATA_DIR: dir, EMBEDDED_DB: engine }, engine);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it.skipIf(postgres.skip !== null)(`on PostgreSQL${postgres.label}`, async () => {
    const schema = uniqueName('mm_crash');
    try {
      await crashAndRecover(
        { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema },
        'postgres',
      );
    } finally {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});
