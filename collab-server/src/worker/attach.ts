import { Redis } from 'ioredis';
import type { FallbackOptions } from '@motionmath/solver';
import type { Database } from '../db/database.ts';
import type { CollabServer } from '../server.ts';
import { loadSolver } from '../solver-module.ts';
import { LruCache, TieredCache } from './cache.ts';
import type { SolveCache } from './cache.ts';
import { DirectConnector } from './connector.ts';
import { SolverDispatch } from './dispatch.ts';
import { MemoryQueue } from './queue.ts';
import type { SolveQueue } from './queue.ts';
import { PostgresQueue } from './queue-postgres.ts';
import { RedisQueue } from './queue-redis.ts';
import { SolverPool } from './solver-pool.ts';
import { SolverWorker } from './worker.ts';
import type { SolverWorkerConfig } from './worker.ts';

export interface SolverBackend {
  readonly queue: SolveQueue;
  readonly cache: SolveCache;
  readonly kind: 'memory' | 'postgres' | 'redis';
  /**
   * Calls `listener` each time the queue's store comes back after a lost connection
   * (Redis only: the others never lose their jobs while the process lives).
   */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * The queue and cache for a deployment: Redis when configured (shared by the cluster),
 * else PostgreSQL when it is a real server, else in-process (the embedded SQLite or PGlite
 * lives inside one process, so nobody else could share its queue anyway).
 */
export function solverBackend(options: {
  redisUrl?: string | undefined;
  redisPrefix: string;
  /** The server's database; null in a worker process that shares only Redis. */
  database: Database | null;
  connectionName: string;
}): SolverBackend {
  if (options.redisUrl) {
    const redis = new Redis(options.redisUrl, {
      maxRetriesPerRequest: 2,
      connectionName: `${options.redisPrefix}:${options.connectionName}`,
    });
    redis.on('error', () => {
      // Logged by the callers that see the failed command; reconnects on its own.
    });
    // ioredis emits 'ready' on the first connection and again after every reconnection.
    const reconnectListeners: (() => void)[] = [];
    let connectedBefore = false;
    redis.on('ready', () => {
      if (connectedBefore) for (const listener of reconnectListeners) listener();
      connectedBefore = true;
    });
    return {
      kind: 'redis',
      onReconnect: (listener) => {
        reconnectListeners.push(listener);
      },
      queue: new RedisQueue(redis, options.redisPrefix),
      cache: new TieredCache(redis, options.redisPrefix),
      close: async () => {
        redis.disconnect();
      },
    };
  }
  const close = async () => {};
  const onReconnect = () => {};
  if (options.database?.kind === 'postgres') {
    return {
      kind: 'postgres',
      queue: new PostgresQueue(options.database),
      cache: new LruCache(),
      onReconnect,
      close,
    };
  }
  if (options.database === null)
    throw new Error('a shared solve queue needs REDIS_URL or DATABASE_URL');
  return { kind: 'memory', queue: new MemoryQueue(), cache: new LruCache(), onReconnect, close };
}

export interface AttachedSolver {
  readonly backend: SolverBackend;
  readonly dispatch: SolverDispatch;
  readonly workers: readonly SolverWorker[];
  /** Resolves once the solver threads have loaded (the first solve waits for it). */
  ready(): Promise<void>;
  /** Stop the workers (after their current job) and release the queue. */
  stop(): Promise<void>;
}

export interface AttachOptions {
  /** In-process workers; 0 only dispatches (workers run as their own processes). */
  readonly workers: number;
  readonly worker?: Partial<
    Omit<SolverWorkerConfig, 'id' | 'queue' | 'connector' | 'logger' | 'cache' | 'solve'>
  >;
  /** Model fallback options for the solver threads (`OPENAI_*`); must be cloneable. */
  readonly solverOptions?: FallbackOptions;
}

/**
 * Wire solving into a server: the dispatch extension (pending equations → queue) and
 * `workers` in-process workers writing through direct connections. Call before
 * `listen()`. The extension is added after construction because the queue needs the
 * server's database; Hocuspocus reads its extension list on every hook call.
 */
export function attachSolver(server: CollabServer, options: AttachOptions): AttachedSolver {
  const backend = solverBackend({
    redisUrl: server.config.redisUrl,
    redisPrefix: server.config.redisPrefix,
    database: server.db,
    connectionName: `${server.config.instanceName}:solver`,
  });
  const workers: SolverWorker[] = [];
  const dispatch = new SolverDispatch({
    queue: backend.queue,
    logger: server.logger,
    onEnqueued: () => {
      for (const worker of workers) worker.poke();
    },
  });
  server.hocuspocus.configuration.extensions.push(dispatch);
  // A Redis that restarted (or failed over) may have lost the whole queue: waiting jobs
  // and leases. A worker whose lease vanished stops mid-solve and leaves its equation
  // `solving`, and nothing else would enqueue it again (changes enqueue only `pending`
  // ones, loads happen once), so it stayed unsolved for good. The loaded boards are the
  // truth: after a reconnection, enqueue again what they still need, `solving` included.
  // For a lease that did survive, this costs one extra run that finds nothing to do.
  backend.onReconnect(() => {
    server.logger.warn('solve queue reconnected: enqueueing the loaded boards again');
    void dispatch.scanAll(server.hocuspocus.documents);
  });
  const connector = new DirectConnector(server.hocuspocus);
  // One solver thread per worker: equations never run on the server's event loop.
  const pool = new SolverPool({
    size: options.workers,
    budget: server.config.solveBudget,
    ...(options.solverOptions ? { solverOptions: options.solverOptions } : {}),
  });
  if (options.workers > 0) {
    pool.warm();
    // Jobs import the solver at their first solve (solver-module.ts); importing it now
    // keeps that out of the first solve's time and reports a broken install at start.
    loadSolver().catch((error: unknown) =>
      server.logger.error({ err: error }, 'solver workers cannot solve'),
    );
  }
  for (let i = 0; i < options.workers; i++) {
    const worker = new SolverWorker({
      ...options.worker,
      id: `${server.config.instanceName}-solver-${i + 1}-${crypto.randomUUID().slice(0, 8)}`,
      queue: backend.queue,
      connector,
      logger: server.logger,
      cache: backend.cache,
      solve: (input) => pool.solve(input),
    });
    workers.push(worker);
    worker.start();
  }
  // Boards already loaded when the solver arrives (a solver attached to a running server,
  // or a board still loaded from a client that just left) never load again, and their
  // waiting equations change no more: without this scan they would stay pending. Only
  // `pending` ones: a `solving` one belongs to a worker that is still at it.
  void dispatch.scanAll(server.hocuspocus.documents, false);
  return {
    backend,
    dispatch,
    workers,
    ready: () => (options.workers > 0 ? pool.ready() : Promise.resolve()),
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await pool.close();
      await dispatch.onDestroy();
      await backend.close();
    },
  };
}
