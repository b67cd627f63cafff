/**
 * A whole MotionMath cluster on this machine, every part its own process: PostgreSQL,
 * Redis, N collab-server instances (workers apart) and M solver worker processes sharing
 * the queue through Redis. Used by the cluster fault test and the cluster benchmark.
 *
 *   const cluster = await startCluster({ servers: 3, workers: 2 });
 *   try { … cluster.servers[0].wsUrl … await cluster.servers[0].kill('SIGKILL') … }
 *   finally { await cluster.stop(); }
 */
import {
  issueSolverToken,
  scratchDir,
  serverProcess,
  startPostgres,
  startRedis,
  workerProcess,
} from './processes.ts';
import type { PostgresHandle, RedisHandle, ManagedProcess } from './processes.ts';

export interface ClusterOptions {
  servers: number;
  workers: number;
  /** Extra environment for every server and worker (e.g. `SOLVER_STEP_DELAY_MS`). */
  env?: Record<string, string>;
  serverEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
  /** Where each process writes `<name>.log`; a fresh temp folder by default (kept). */
  logDir?: string;
  /**
   * Which server worker `i` connects to (a worker process takes one `SERVER_URL`). By
   * default the last server for worker 0, the one before for worker 1, and so on, so
   * killing `servers[0]` leaves every worker of a 3-server cluster connected.
   */
  workerServer?: (workerIndex: number, servers: number) => number;
}

/** A process of the cluster that can be killed and started again. */
export interface ClusterProcess {
  readonly name: string;
  /** undefined while it is not running. */
  readonly pid: number | undefined;
  readonly running: boolean;
  readonly logFile: string;
  /** Sends a signal; resolves once the process is gone for SIGKILL/SIGTERM/SIGINT. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again (same port, same environment) and resolves once it is ready. */
  start(): Promise<void>;
  /** The last lines of its log. */
  tail(lines?: number): string;
}

export interface ClusterServer extends ClusterProcess {
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly port: number;
}

export interface ClusterWorker extends ClusterProcess {
  /** The server it connects to. */
  readonly serverUrl: string;
}

export interface Cluster {
  readonly postgres: PostgresHandle;
  readonly redis: RedisHandle;
  readonly servers: ClusterServer[];
  readonly workers: ClusterWorker[];
  /** A `solver` API token (the workers use it; so can a test). */
  readonly solverToken: string;
  readonly logDir: string;
  /** Starts one more server instance on the same PostgreSQL (and, unless `isolated`,
   * the same Redis). `isolated` uses its own Redis prefix, so it shares no fan-out with
   * the others: whatever it serves comes from PostgreSQL. It is appended to `servers`. */
  addServer(options?: { name?: string; isolated?: boolean }): Promise<ClusterServer>;
  /** Every process's last log lines, for a failure report. */
  logTails(lines?: number): string;
  /** Stops workers, servers (gracefully), Redis and PostgreSQL; safe to call twice. */
  stop(): Promise<void>;
}

/** What callers may do with a managed process (classes, so `pid` stays live). */
class ProcessView implements ClusterProcess {
  readonly #process: ManagedProcess;

  constructor(process: ManagedProcess) {
    this.#process = process;
  }

  get name(): string {
    return this.#process.name;
  }

  get pid(): number | undefined {
    return this.#process.pid;
  }

  get running(): boolean {
    return this.#process.running;
  }

  get logFile(): string {
    return this.#process.logFile;
  }

  kill(signal?: NodeJS.Signals): Promise<void> {
    return this.#process.kill(signal);
  }

  start(): Promise<void> {
    return this.#process.start();
  }

  tail(lines?: number): string {
    return this.#process.tail(lines);
  }
}

class ServerView extends ProcessView implements ClusterServer {
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly port: number;

  constructor(process: ManagedProcess, port: number) {
    super(process);
    this.port = port;
    this.httpUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}`;
  }
}

class WorkerView extends ProcessView implements ClusterWorker {
  readonly serverUrl: string;

  constructor(process: ManagedProcess, serverUrl: string) {
    super(process);
    this.serverUrl = serverUrl;
  }
}

const defaultWorkerServer = (workerIndex: number, servers: number) =>
  servers - 1 - (workerIndex % servers);

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (options.servers < 1) throw new Error('a cluster needs at least one server');
  const logDir = options.logDir ?? scratchDir('mm-cluster-logs-', true);
  const processes: ManagedProcess[] = [];
  let postgres: PostgresHandle | undefined;
  let redis: RedisHandle | undefined;
  const servers: ClusterServer[] = [];
  const workers: ClusterWorker[] = [];

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // Workers first (they hold leases), then the servers (they store documents), then
      // what they depend on. A paused PostgreSQL is resumed so the servers can finish.
      if (postgres?.paused) await postgres.resume();
      await Promise.all(workers.map((w) => w.kill('SIGTERM')));
      await Promise.all(servers.map((s) => s.kill('SIGTERM')));
      await redis?.stop();
      await postgres?.stop();
    })());

  const addServer = async (name: string, env: Record<string, string> = {}) => {
    if (!postgres || !redis) throw new Error('the cluster is not started');
    const { process, port } = await serverProcess({
      name,
      databaseUrl: postgres.url,
      redisUrl: redis.url,
      logDir,
      env: { ...options.env, ...options.serverEnv, ...env },
    });
    processes.push(process);
    const server = new ServerView(process, port);
    servers.push(server);
    await process.start();
    return server;
  };

  try {
    [postgres, redis] = await Promise.all([startPostgres({ logDir }), startRedis({ logDir })]);
    // Instances may start together: migrations take an advisory lock.
    await Promise.all(
      Array.from({ length: options.servers }, (_, i) => addServer(`server-${i + 1}`)),
    );
    const solverToken = await issueSolverToken(postgres.url, 'cluster workers');
    const pickServer = options.workerServer ?? defaultWorkerServer;
    for (let i = 0; i < options.workers; i++) {
      const server = servers[pickServer(i, options.servers)];
      if (!server) throw new Error(`workerServer(${i}) chose no existing server`);
      const process = workerProcess({
        name: `worker-${i + 1}`,
        serverUrl: server.wsUrl,
        solverToken,
        redisUrl: redis.url,
        logDir,
        env: { ...options.env, ...options.workerEnv },
      });
      processes.push(process);
      workers.push(new WorkerView(process, server.wsUrl));
    }
    await Promise.all(workers.map((w) => w.start()));

    return {
      postgres,
      redis,
      servers,
      workers,
      solverToken,
      logDir,
      async addServer(extra = {}) {
        const name = extra.name ?? `server-${servers.length + 1}`;
        return addServer(name, extra.isolated ? { REDIS_PREFIX: `isolated-${name}` } : {});
      },
      logTails(lines = 30) {
        const all = [
          ...(postgres ? [postgres.process] : []),
          ...(redis ? [redis.process] : []),
          ...processes,
        ];
        return all.map((p) => `--- ${p.name} (${p.logFile}) ---\n${p.tail(lines)}`).join('\n');
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`the cluster did not start (logs in ${logDir})`, { cause: error });
  }
}
