/**
 * `npm run worker -w @motionmath/collab-server`: solver workers as their own process.
 * They reach boards like any client (WebSocket + a `solver` API token) and share the
 * queue with the servers through Redis or PostgreSQL.
 *
 *   SERVER_URL     ws(s)://host:port of a collab-server (required)
 *   SOLVER_TOKEN   an API token with the `solver` scope (required)
 *   REDIS_URL      shared queue and cache (or DATABASE_URL [+ DATABASE_SCHEMA])
 *   WORKERS        workers in this process (default 1)
 *   SOLVE_TIME_MS  wall-time budget per equation (default 5000)
 *   SOLVE_MEMORY_MB heap budget per solver thread (default 256)
 *   SOLVER_LEASE_MS, SOLVER_STEP_DELAY_MS, REDIS_PREFIX, LOG_LEVEL, OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL
 */
import { openDatabase } from '../db/open.ts';
import { readEnv } from '../env.ts';
import { createLogger } from '../logger.ts';
import { solverBackend } from './attach.ts';
import { ProviderConnector } from './connector.ts';
import { SolverPool } from './solver-pool.ts';
import { DEFAULT_WORKER_CONFIG, SolverWorker } from './worker.ts';

const env = readEnv();
function required(name: 'SERVER_URL' | 'SOLVER_TOKEN'): string {
  const value = env[name];
  if (!value)
    throw new Error(`${name} is required (see the comment at the top of src/worker/main.ts)`);
  return value;
}

const serverUrl = required('SERVER_URL');
const token = required('SOLVER_TOKEN');
const redisUrl = env.REDIS_URL;
const databaseUrl = env.DATABASE_URL;
if (!redisUrl && !databaseUrl) {
  throw new Error(
    'A worker process shares its queue with the servers: set REDIS_URL or DATABASE_URL ' +
      '(the embedded default runs its worker inside `npm start` instead).',
  );
}
const logger = createLogger(env.LOG_LEVEL ?? 'info', 'solver-worker');
const database = databaseUrl
  ? await openDatabase({
      url: databaseUrl,
      ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}),
    })
  : null;
const backend = solverBackend({
  redisUrl,
  redisPrefix: env.REDIS_PREFIX ?? 'motionmath',
  database,
  connectionName: `worker-${process.pid}`,
});
const openaiKey = env.OPENAI_API_KEY;
const connector = new ProviderConnector(serverUrl, token);
const workerCount = env.WORKERS;
// Each worker solves in its own thread, with a hard time and memory budget per equation.
const pool = new SolverPool({
  size: workerCount,
  budget: { timeMs: env.SOLVE_TIME_MS, memoryMb: env.SOLVE_MEMORY_MB },
  solverOptions: openaiKey
    ? {
        openai: {
          apiKey: openaiKey,
          ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
          ...(env.OPENAI_MODEL ? { model: env.OPENAI_MODEL } : {}),
        },
      }
    : {},
});
pool.warm();
const workers = Array.from(
  { length: workerCount },
  (_, i) =>
    new SolverWorker({
      id: `worker-${process.pid}-${i + 1}`,
      queue: backend.queue,
      cache: backend.cache,
      connector,
      logger,
      leaseMs: env.SOLVER_LEASE_MS ?? DEFAULT_WORKER_CONFIG.leaseMs,
      stepDelayMs: env.SOLVER_STEP_DELAY_MS ?? DEFAULT_WORKER_CONFIG.stepDelayMs,
      solve: (input) => pool.solve(input),
    }),
);
for (const worker of workers) worker.start();
logger.info(
  { workers: workers.length, queue: backend.kind, server: serverUrl },
  'solver workers started',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void (async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await pool.close();
      await backend.close();
      await database?.close();
      process.exit(0);
    })();
  });
}
