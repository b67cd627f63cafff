/**
 * Child processes of a local test cluster: a generic managed process (log file, readiness,
 * signals, restart on the same port) and the ones the cluster is made of: PostgreSQL,
 * Redis, collab-server instances and solver worker processes.
 *
 * Every process logs to its own file (appended across restarts), so a failing run can
 * print what each one said. Every live child is SIGKILLed when this process exits, even
 * on an uncaught failure, so a broken test never leaves servers behind.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/** Repository root (infra/src/cluster → ../../..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SERVER_MAIN = join(REPO_ROOT, 'collab-server', 'src', 'main.ts');
const WORKER_MAIN = join(REPO_ROOT, 'collab-server', 'src', 'worker', 'main.ts');
const SOLVER_TOKEN_CLI = join(REPO_ROOT, 'collab-server', 'src', 'worker', 'solver-token-cli.ts');

/** A cold Node start with TypeScript stripping, migrations and a busy shared machine. */
const READY_TIMEOUT_MS = 60_000;
/** How long a graceful stop (SIGTERM) may take before the process is SIGKILLed. */
const STOP_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Every child still running, SIGKILLed when this process exits. */
const liveChildren = new Set<ChildProcess>();
/** Temporary data folders, removed when this process exits. */
const scratchDirs = new Set<string>();
function killEverything(): void {
  for (const child of liveChildren) child.kill('SIGKILL');
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
}
process.once('exit', killEverything);
// A signal ends the process without 'exit' (a test runner stopping a timed-out worker,
// Ctrl-C): clean up, then let the signal do what it would have done.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killEverything();
    process.kill(process.pid, signal);
  });
}

/** A fresh folder under the OS temp dir, removed at exit unless `keep`. */
export function scratchDir(prefix: string, keep = false): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (!keep) scratchDirs.add(dir);
  return dir;
}

/**
 * A free loopback port. The OS could hand it to someone else before our child binds it,
 * but port 0 is not an option for processes that must come back on the same port after
 * a restart (clients keep their list of instance URLs).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolveListen);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** The process and all its descendants (PostgreSQL forks one backend per connection). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may contain spaces and parentheses).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  logFile: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
  /** Ready when the output of this run matches, or when the probe resolves true. */
  ready: RegExp | (() => Promise<boolean>);
}

/** The part of the environment a child inherits: nothing of the test runner's config. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** One child process that can be started again after it was killed. */
export class ManagedProcess {
  readonly spec: ProcessSpec;
  #child: ChildProcess | null = null;
  #exited: Promise<void> = Promise.resolve();
  /** Last match of a RegExp readiness check (e.g. the URL a server printed). */
  readyMatch: RegExpExecArray | null = null;

  constructor(spec: ProcessSpec) {
    this.spec = spec;
  }

  get name(): string {
    return this.spec.name;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get running(): boolean {
    return this.#child !== null;
  }

  get logFile(): string {
    return this.spec.logFile;
  }

  /** Starts the process and resolves once it is ready (rejects if it exits first). */
  async start(): Promise<void> {
    if (this.#child) throw new Error(`${this.name} is already running`);
    const { spec } = this;
    // The log is appended across restarts; readiness looks only at this run's output.
    const logOffset = fileSize(spec.logFile);
    const log = openSync(spec.logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(spec.command, spec.args, {
        cwd: REPO_ROOT,
        env: spec.env,
        stdio: ['ignore', log, log],
        ...(spec.user ?? {}),
      });
    } finally {
      closeSync(log); // the child has its own copy of the descriptor
    }
    this.#child = child;
    liveChildren.add(child);
    let exitCode: string | null = null;
    this.#exited = new Promise((resolveExit) => {
      child.once('exit', (code, signal) => {
        exitCode = signal ?? String(code);
        liveChildren.delete(child);
        if (this.#child === child) this.#child = null;
        resolveExit();
      });
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      if (exitCode !== null)
        throw new Error(
          `${this.name} exited (${exitCode}) before it was ready; see ${spec.logFile}`,
        );
      if (await this.#isReady(logOffset)) return;
      if (Date.now() > deadline) {
        await this.kill('SIGKILL');
        throw new Error(
          `${this.name} was not ready within ${READY_TIMEOUT_MS} ms; see ${spec.logFile}`,
        );
      }
      await sleep(POLL_MS);
    }
  }

  async #isReady(logOffset: number): Promise<boolean> {
    const { ready } = this.spec;
    if (typeof ready === 'function') return ready().catch(() => false);
    this.readyMatch = ready.exec(readFileSync(this.spec.logFile, 'utf8').slice(logOffset));
    return this.readyMatch !== null;
  }

  /**
   * Sends a signal. For the ones that end a process it resolves once the process is gone
   * (a SIGTERM that is not obeyed within STOP_TIMEOUT_MS turns into a SIGKILL).
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.kill(signal);
    if (signal === 'SIGSTOP' || signal === 'SIGCONT') return;
    const exited = this.#exited;
    if (signal !== 'SIGKILL') {
      const timedOut = await Promise.race([
        exited.then(() => false),
        sleep(STOP_TIMEOUT_MS).then(() => true),
      ]);
      if (timedOut) child.kill('SIGKILL');
    }
    await exited;
  }

  /** SIGSTOP (or SIGCONT) the process and every descendant it has forked. */
  signalTree(signal: 'SIGSTOP' | 'SIGCONT'): number {
    if (this.pid === undefined) return 0;
    const pids = processTree(this.pid);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // exited meanwhile
      }
    }
    return pids.length;
  }

  /** The last lines of this process's log, for a failure report. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.spec.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------
// PostgreSQL

export interface PostgresHandle {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback). */
  readonly url: string;
  readonly process: ManagedProcess;
  /** SIGSTOP the postmaster and every backend: connections hang, nothing errors. */
  pause(): Promise<void>;
  /** SIGCONT them again. */
  resume(): Promise<void>;
  readonly paused: boolean;
  /** Fast shutdown, then the data folder is removed. */
  stop(): Promise<void>;
}

/** PostgreSQL's server binaries: `POSTGRES_BIN`, else Debian's newest installed version. */
export function postgresBin(): string {
  const fromEnv = process.env['POSTGRES_BIN'];
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(`no PostgreSQL server binaries in ${root}/*/bin; set POSTGRES_BIN`);
  return join(root, versions[0] as string, 'bin');
}

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres']).toString().trim());
  return { uid: id('-u'), gid: id('-g') };
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A throwaway PostgreSQL cluster (initdb) on a free loopback port. */
export async function startPostgres(options: { logDir: string }): Promise<PostgresHandle> {
  const bin = postgresBin();
  const user = postgresUser();
  const dataDir = scratchDir('mm-cluster-pg-');
  if (user) chownSync(dataDir, user.uid, user.gid);
  const logFile = join(options.logDir, 'postgres.log');
  // `--no-sync` and `fsync=off`: the faults here are process kills and pauses, never a
  // power cut, and a throwaway cluster need not survive one.
  await execFileAsync(
    join(bin, 'initdb'),
    ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { ...user, env: baseEnv() },
  );
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const postgres = new ManagedProcess({
    name: 'postgres',
    command: join(bin, 'postgres'),
    args: [
      ['-D', dataDir],
      ['-p', String(port)],
      ['-c', 'listen_addresses=127.0.0.1'],
      ['-c', `unix_socket_directories=${dataDir}`],
      ['-c', 'fsync=off'],
      ['-c', 'max_connections=200'],
    ].flat(),
    env: baseEnv(),
    logFile,
    ...(user ? { user } : {}),
    ready: () => postgresAnswers(url),
  });
  await postgres.start();
  let paused = false;
  return {
    url,
    process: postgres,
    get paused() {
      return paused;
    },
    async pause() {
      postgres.signalTree('SIGSTOP');
      paused = true;
    },
    async resume() {
      postgres.signalTree('SIGCONT');
      paused = false;
    },
    async stop() {
      if (paused) postgres.signalTree('SIGCONT');
      paused = false;
      await postgres.kill('SIGINT'); // "fast" shutdown: disconnect clients, no waiting
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Redis

export interface RedisHandle {
  readonly url: string;
  readonly process: ManagedProcess;
  /** Stop it and start it again on the same port; it comes back empty (no persistence). */
  restart(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** A Redis on a free loopback port with persistence off (`--save ""`). */
export async function startRedis(options: { logDir: string }): Promise<RedisHandle> {
  const port = await freePort();
  const dir = scratchDir('mm-cluster-redis-');
  const redis = new ManagedProcess({
    name: 'redis',
    command: 'redis-server',
    args: [
      ['--port', String(port)],
      ['--bind', '127.0.0.1'],
      ['--save', ''],
      ['--appendonly', 'no'],
      ['--dir', dir],
    ].flat(),
    env: baseEnv(),
    logFile: join(options.logDir, 'redis.log'),
    ready: /Ready to accept connections/,
  });
  await redis.start();
  return {
    url: `redis://127.0.0.1:${port}`,
    process: redis,
    async restart(signal = 'SIGTERM') {
      await redis.kill(signal);
      await redis.start();
    },
    stop: () => redis.kill('SIGTERM'),
  };
}

// ---------------------------------------------------------------------------------------
// collab-server instances and solver workers

export interface ServerProcessOptions {
  name: string;
  databaseUrl: string;
  redisUrl: string;
  logDir: string;
  env?: Record<string, string>;
}

/** A collab-server instance (`node collab-server/src/main.ts`) on a port it keeps across
 * restarts. Workers run apart (`SOLVER_WORKERS=0`). */
export async function serverProcess(
  options: ServerProcessOptions,
): Promise<{ process: ManagedProcess; port: number }> {
  const port = await freePort();
  const server = new ManagedProcess({
    name: options.name,
    command: process.execPath,
    args: [SERVER_MAIN],
    env: {
      ...baseEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      INSTANCE_NAME: options.name,
      SOLVER_WORKERS: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    logFile: join(options.logDir, `${options.name}.log`),
    ready: /MotionMath collab-server: (http:\/\/\S+)/,
  });
  return { process: server, port };
}

export interface WorkerProcessOptions {
  name: string;
  serverUrl: string;
  solverToken: string;
  redisUrl: string;
  logDir: string;
  env?: Record<string, string>;
}

/** A solver worker process (`collab-server/src/worker/main.ts`). Its solver ids are
 * `worker-<pid>-<n>`, so a board tells which process holds an equation. */
export function workerProcess(options: WorkerProcessOptions): ManagedProcess {
  return new ManagedProcess({
    name: options.name,
    command: process.execPath,
    args: [WORKER_MAIN],
    env: {
      ...baseEnv(),
      SERVER_URL: options.serverUrl,
      SOLVER_TOKEN: options.solverToken,
      REDIS_URL: options.redisUrl,
      // `info` is the level that announces "solver workers started" (readiness) and
      // each finished job; a worker logs little else.
      LOG_LEVEL: 'info',
      ...options.env,
    },
    logFile: join(options.logDir, `${options.name}.log`),
    ready: /solver workers started/,
  });
}

/** Issues a `solver` API token straight in the database, the operator's way. */
export async function issueSolverToken(databaseUrl: string, name: string): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [SOLVER_TOKEN_CLI, name], {
    cwd: REPO_ROOT,
    env: { ...baseEnv(), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  const token = stdout.trim().split('\n').pop() ?? '';
  if (!token) throw new Error('solver-token-cli printed no token');
  return token;
}
