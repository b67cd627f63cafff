/**
 * `npm run worker -w @motionmath/collab-server`: solver workers as their own process.
 * They reach boards like any client (WebSocket + a `solver` API token) and share the
 * queue with the servers through Redis or PostgreSQL.
 *
 *   SERVER_URL     ws(s)://host:port of a collab-server (required)
 *   SOLVER_TOKEN   an API token with the `solver` scope (required)
 *   REDIS_URL      shared queue and cache (or DATABASE_URL [+ DATABASE_SCHEMA])
 *   WORKERS        workers in this process (default 1)
 *   SOLVER_LEASE_MS, SOLVER_STEP_DELAY_MS, REDIS_PREFIX, LOG_LEVEL, OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL
 */
import { openDatabase } from '../db/open.ts';
import { createLogger } from '../logger.ts';
import { solverBackend } from './attach.ts';
import { ProviderConnector } from './connector.ts';
import { DEFAULT_WORKER_CONFIG, SolverWorker } from './worker.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is required (see the comment at the top of src/worker/main.ts)`);
  return value;
}

function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

const serverUrl = required('SERVER_URL');
const token = required('SOLVER_TOKEN');
const redisUrl = process.env['REDIS_URL'];
const databaseUrl = process.env['DATABASE_URL'];
if (!redisUrl && !databaseUrl) {
  throw new Error(
    'A worker process shares its queue with the servers: set REDIS_URL or DATABASE_URL ' +
      '(the embedded default runs its worker inside `npm start` instead).',
  );
}
const logger = createLogger(process.env['LOG_LEVEL'] || 'info', 'solver-worker');
const database = databaseUrl
  ? await openDatabase({
      url: databaseUrl,
      ...(process.env['DATABASE_SCHEMA'] ? { schema: process.env['DATABASE_SCHEMA'] } : {}),
    })
  : null;
const backend = solverBackend({
  redisUrl,
  redisPrefix: process.env['REDIS_PREFIX'] || 'motionmath',
  database,
  connectionName: `worker-${process.pid}`,
});
const openaiKey = process.env['OPENAI_API_KEY'];
const connector = new ProviderConnector(serverUrl, token);
const workers = Array.from(
  { length: positiveInteger('WORKERS', 1) },
  (_, i) =>
    new SolverWorker({
      id: `worker-${process.pid}-${i + 1}`,
      queue: backend.queue,
      cache: backend.cache,
      connector,
      logger,
      leaseMs: positiveInteger('SOLVER_LEASE_MS', DEFAULT_WORKER_CONFIG.leaseMs),
      stepDelayMs: positiveInteger('SOLVER_STEP_DELAY_MS', DEFAULT_WORKER_CONFIG.stepDelayMs),
      solverOptions: openaiKey
        ? {
            openai: {
              apiKey: openaiKey,
              ...(process.env['OPENAI_BASE_URL']
                ? { baseURL: process.env['OPENAI_BASE_URL'] }
                : {}),
              ...(process.env['OPENAI_MODEL'] ? { model: process.env['OPENAI_MODEL'] } : {}),
            },
          }
        : {},
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
      await backend.close();
      await database?.close();
      process.exit(0);
    })();
  });
}
