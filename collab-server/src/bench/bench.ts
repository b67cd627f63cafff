/**
 * `npm run bench -w @motionmath/collab-server`: the same workload, in one run, against
 *   - MotionMath on its embedded databases (SQLite, the default, and PGlite, each in a
 *     fresh DATA_DIR), every update durable before it is acknowledged,
 *   - MotionMath on PostgreSQL (BENCH_DATABASE_URL),
 *   - bare Hocuspocus (memory only, no extensions), the reference for the ratios,
 *   - y-websocket (@y/websocket-server, memory only),
 * each server in its own process, one after the other, driven by real client libraries
 * (src/bench/load.ts). Prints p50/p95/p99/max fan-out latency, server CPU and RSS, the
 * ratios to bare Hocuspocus and the load average; writes bench-results/collab-server.json.
 *
 * Options (env):
 *   BENCH_LOADS    clients/boards/updates-per-second, comma-separated
 *                  (default "3000/1000/1000,6000/2000/3000"; develop with "300/100/100")
 *   BENCH_SECONDS  sending time per run (20)
 *   BENCH_SERVERS  comma-separated subset of: sqlite,pglite,postgres,hocuspocus,y-websocket
 *                  and pglite-in-process (PGlite in the server's thread, an older default),
 *                  sqlite-eager-solver (the solver imported at start, as before it was lazy)
 *   BENCH_DATABASE_URL  PostgreSQL for the postgres run (skipped when unreachable)
 *   BENCH_PROBE=1  load src/bench/loop-probe.ts into MotionMath and print its event-loop
 *                  delay and append-stage timers; BENCH_CPU_PROF=<dir> writes .cpuprofile
 *   BENCH_BASELINE=<dir>  the collab-server folder of another checkout (e.g. an older
 *                  commit's `git archive`, with node_modules linked): adds the server
 *                  `sqlite-baseline`, its main.ts on SQLite, for before/after in one run
 *   BENCH_TIMELINE=1  print each run's p99 per second of sending (with the probe: the
 *                  server's event-loop delay and append queue wait in that second)
 *   BENCH_WARMUP_SECONDS  length of the discarded warm-up run before each load (5; 0: none)
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { newBoard, signUp } from '@motionmath/testkit';
import { REPO_ROOT } from '../config.ts';
import { drive } from './load.ts';
import type { Load, Measured, Target } from './load.ts';

const SECONDS = Number(process.env['BENCH_SECONDS'] || 20);
const LOADS: Load[] = (process.env['BENCH_LOADS'] || '3000/1000/1000,6000/2000/3000')
  .split(',')
  .map((spec) => {
    const [clients, boards, updatesPerSecond] = spec.split('/').map(Number);
    if (!clients || !boards || !updatesPerSecond)
      throw new Error(`BENCH_LOADS: "${spec}" is not clients/boards/updates-per-second`);
    return { clients, boards, updatesPerSecond, seconds: SECONDS };
  });
const SERVERS = (
  process.env['BENCH_SERVERS'] || 'sqlite,pglite,postgres,hocuspocus,y-websocket'
).split(',');
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const PROBE = process.env['BENCH_PROBE'] === '1';
const CPU_PROF = process.env['BENCH_CPU_PROF'];
const TIMELINE = process.env['BENCH_TIMELINE'] === '1';
const BASELINE = process.env['BENCH_BASELINE'];
/** Whichever server ran first had the worst tail, bare Hocuspocus too (README): the
 * bench's own process (its thousands of providers not yet optimised by the JIT, its
 * heap still growing) and the machine were cold. One discarded run of bare Hocuspocus,
 * the cheapest to set up, at the same load warms them before the first measured one. */
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);
/** A graceful stop stores every loaded board; past this the server is killed (and its
 * probe file is not written). */
const STOP_TIMEOUT_MS = 90_000;
/** Boards created at once during setup. */
const CREATE_CONCURRENCY = 8;
const RESULTS = resolve(REPO_ROOT, 'bench-results', 'collab-server.json');

/** Our per-connection and per-owner limits are for abuse; the bench's one account owns
 * every board and its clients all come from 127.0.0.1, so it lifts them. No solver
 * thread: the bench sends no equations. */
const OURS_ENV = {
  SOLVER_WORKERS: '0',
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
  MAX_LOADED_DOCUMENTS: '100000',
  MAX_LOADED_DOCUMENTS_PER_OWNER: '100000',
  MAX_BOARDS_PER_USER: '100000',
  BOARDS_PER_HOUR: '100000',
};

interface Spawned {
  child: ChildProcess;
  port: string;
  stop(): Promise<void>;
}

function spawnServer(script: string, env: Record<string, string>, nodeArgs: string[] = []) {
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise<Spawned>((resolvePromise, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const port = /(?:listening |collab-server: http:\/\/[^:]+:)(\d+)/.exec(out)?.[1];
      if (port) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        // SIGTERM lets the probe and --cpu-prof write their files on exit.
        const stop = async () => {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        };
        resolvePromise({ child, port, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${out}`)));
  });
}

async function createBoards(httpUrl: string, count: number) {
  const { token } = await signUp(httpUrl);
  const boards: string[] = [];
  for (let i = 0; i < count; i += CREATE_CONCURRENCY) {
    const names = Array.from({ length: Math.min(CREATE_CONCURRENCY, count - i) }, (_, j) => i + j);
    boards.push(...(await Promise.all(names.map((n) => newBoard(httpUrl, token, `bench ${n}`)))));
  }
  return { token, boards };
}

interface Run extends Measured {
  probe?: unknown;
}

async function runOurs(
  label: string,
  storeEnv: Record<string, string>,
  load: Load,
  extraNodeArgs: string[] = [],
  checkout = resolve(import.meta.dirname, '..', '..'),
) {
  const main = resolve(checkout, 'src', 'main.ts');
  const probeOut = join(tmpdir(), `mm-probe-${process.pid}-${Date.now()}.json`);
  const nodeArgs = [
    ...extraNodeArgs,
    // The checkout's own probe: it reads that checkout's append-stage timers.
    ...(PROBE ? ['--import', resolve(checkout, 'src', 'bench', 'loop-probe.ts')] : []),
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${resolve(CPU_PROF)}`] : []),
  ];
  const server = await spawnServer(
    main,
    { ...OURS_ENV, ...storeEnv, ...(PROBE ? { PROBE_OUT: probeOut } : {}) },
    nodeArgs,
  );
  let result: Run;
  try {
    const httpUrl = `http://127.0.0.1:${server.port}`;
    const { token, boards } = await createBoards(httpUrl, load.boards);
    result = await drive(
      {
        label,
        protocol: 'hocuspocus',
        url: `ws://127.0.0.1:${server.port}`,
        boards,
        token,
        pid: server.child.pid,
        ...(PROBE ? { onMeasure: () => server.child.kill('SIGUSR2') } : {}),
      },
      load,
    );
  } finally {
    await server.stop();
  }
  if (PROBE) {
    result.probe = existsSync(probeOut)
      ? JSON.parse(readFileSync(probeOut, 'utf8'))
      : 'not written (the server was killed at the stop timeout)';
    rmSync(probeOut, { force: true });
  }
  return result;
}

async function runPeer(label: string, script: string, protocol: Target['protocol'], load: Load) {
  const server = await spawnServer(resolve(import.meta.dirname, script), {});
  try {
    const boards = Array.from({ length: load.boards }, (_, i) => `board-${i}`);
    return await drive(
      {
        label,
        protocol,
        url: `ws://127.0.0.1:${server.port}`,
        boards,
        token: 'bench',
        pid: server.child.pid,
      },
      load,
    );
  } finally {
    await server.stop();
  }
}

async function postgresReachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function runPostgres(load: Load): Promise<Run> {
  const schema = `mm_bench_${process.pid}_${Date.now()}`;
  try {
    return await runOurs('MotionMath, PostgreSQL', { DATABASE_URL, DATABASE_SCHEMA: schema }, load);
  } finally {
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

/** An embedded database in a fresh folder; `PGLITE_IN_PROCESS=1`: PGlite in the server's
 * own thread, as before pglite-thread.ts. */
async function runEmbedded(
  label: string,
  env: Record<string, string>,
  load: Load,
  nodeArgs: string[] = [],
  checkout?: string,
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mm-bench-'));
  try {
    return await runOurs(label, { DATA_DIR: dataDir, ...env }, load, nodeArgs, checkout);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const RUNNERS: Record<string, (load: Load) => Promise<Run>> = {
  sqlite: (load) => runEmbedded('MotionMath, embedded SQLite', { EMBEDDED_DB: 'sqlite' }, load),
  'sqlite-eager-solver': (load) =>
    runEmbedded('MotionMath, SQLite, solver loaded at start', { EMBEDDED_DB: 'sqlite' }, load, [
      '--import',
      resolve(import.meta.dirname, 'eager-solver.ts'),
    ]),
  'sqlite-baseline': (load) => {
    if (!BASELINE) throw new Error('sqlite-baseline needs BENCH_BASELINE=<collab-server dir>');
    return runEmbedded(
      `MotionMath, SQLite, baseline ${BASELINE}`,
      { EMBEDDED_DB: 'sqlite' },
      load,
      [],
      resolve(BASELINE),
    );
  },
  pglite: (load) => runEmbedded('MotionMath, embedded PGlite', { EMBEDDED_DB: 'pglite' }, load),
  'pglite-in-process': (load) =>
    runEmbedded(
      'MotionMath, PGlite in the server thread',
      { EMBEDDED_DB: 'pglite', PGLITE_IN_PROCESS: '1' },
      load,
    ),
  postgres: runPostgres,
  hocuspocus: (load) =>
    runPeer('bare Hocuspocus (memory)', 'hocuspocus-peer.ts', 'hocuspocus', load),
  'y-websocket': (load) =>
    runPeer('y-websocket (memory)', 'y-websocket-peer.ts', 'y-websocket', load),
};

const ratio = (a: number, b: number | undefined) =>
  b === undefined || !(b > 0) ? '–' : `${(a / b).toFixed(2)}×`;
const loadAvg = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');

function printTable(load: Load, runs: Run[]) {
  const reference = runs.find((r) => r.server.startsWith('bare Hocuspocus'));
  console.log(
    `\n${load.clients} clients / ${load.boards} boards / ${load.updatesPerSecond} updates/s, ${load.seconds} s\n` +
      '| server | p50 | p95 | p99 | max | delivered | CPU | RSS | p99 / Hocuspocus | RSS / Hocuspocus | load avg (1 min) before → after |\n' +
      '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of runs) {
    const l = r.latencyMs;
    console.log(
      `| ${r.server} | ${l.p50} ms | ${l.p95} ms | ${l.p99} ms | ${l.max} ms | ${(r.deliveryRatio * 100).toFixed(1)} % | ` +
        `${r.cpuPercent} % | ${r.rssMiB} MiB | ${ratio(l.p99, reference?.latencyMs.p99)} | ` +
        `${ratio(r.rssMiB, reference?.rssMiB)} | ${r.loadAverage.before[0]?.toFixed(2)} → ${r.loadAverage.after[0]?.toFixed(2)} |`,
    );
    if (r.probe) {
      const { perSecond: _perSecond, ...probe } = r.probe as { perSecond?: unknown };
      console.log(`  probe: ${JSON.stringify(probe)}`);
    }
    if (TIMELINE) printTimeline(r);
  }
}

interface ProbeSecond {
  loopP99Ms: number;
  loopMaxMs: number;
  appends: number;
  batches: number;
  queueWaitMaxMs: number;
}

/** One line per second of sending: the fan-out p99 and max of the updates sent in it,
 * and (with the probe) what the server's event loop and append queue did then. */
function printTimeline(r: Run) {
  const probe = (r.probe as { perSecond?: ProbeSecond[] } | undefined)?.perSecond ?? [];
  const line = (t: Run['timeline'][number]) => {
    const s = probe[t.second];
    const server = s
      ? ` | loop p99 ${s.loopP99Ms.toFixed(1)} max ${s.loopMaxMs.toFixed(1)} ms, ` +
        `${s.appends} appends in ${s.batches} batches, queue wait max ${s.queueWaitMaxMs.toFixed(1)} ms`
      : '';
    return `    s${t.second}: ${t.count} deliveries, p99 ${t.p99} max ${t.max} ms${server}`;
  };
  console.log(r.timeline.map(line).join('\n'));
}

async function main() {
  console.log(
    `collab-server bench on ${cpus().length} cores, load average ${loadAvg(loadavg())}; ` +
      'numbers on a shared machine are relative: compare rows of one run, not runs.',
  );
  const postgresDown = SERVERS.includes('postgres') ? await postgresReachable() : null;
  if (postgresDown) console.log(`PostgreSQL run skipped: ${postgresDown}`);
  const results: { load: Load; runs: Run[]; failed: { server: string; error: string }[] }[] = [];
  for (const load of LOADS) {
    const runs: Run[] = [];
    const failed: { server: string; error: string }[] = [];
    if (WARMUP_SECONDS > 0) {
      const warmLoad = { ...load, seconds: WARMUP_SECONDS };
      const warm = await runPeer('bare Hocuspocus', 'hocuspocus-peer.ts', 'hocuspocus', warmLoad);
      console.log(`  warm-up (discarded): ${warm.server}, p99 ${warm.latencyMs.p99} ms`);
    }
    for (const name of SERVERS) {
      if (name === 'postgres' && postgresDown) continue;
      const runner = RUNNERS[name];
      if (!runner) throw new Error(`BENCH_SERVERS: unknown server "${name}"`);
      try {
        const run = await runner(load);
        console.log(`  done: ${run.server}, p99 ${run.latencyMs.p99} ms`);
        runs.push(run);
      } catch (error) {
        // One server failing (e.g. clients not syncing in time) must not lose the others.
        const message = error instanceof Error ? error.message : String(error);
        console.log(`  FAILED: ${name}: ${message.slice(0, 300)}`);
        failed.push({ server: name, error: message });
      }
    }
    printTable(load, runs);
    results.push({ load, runs, failed });
    // Written after each load, so a long run that is stopped keeps what it measured.
    mkdirSync(resolve(RESULTS, '..'), { recursive: true });
    writeFileSync(
      RESULTS,
      JSON.stringify(
        { date: new Date().toISOString(), node: process.version, cores: cpus().length, results },
        null,
        2,
      ) + '\n',
    );
  }
  console.log(`\nwritten to ${RESULTS}`);
}

await main();
process.exit(0);
