/**
 * `npm start -w @motionmath/collab-server` / `node src/main.ts`: the server on the
 * embedded defaults (SQLite in .data/sqlite, in-process fan-out), or on PostgreSQL and
 * Redis when DATABASE_URL / REDIS_URL are set.
 */
import { configFromEnv, readEnv } from './env.ts';
import { createServer } from './server.ts';
import { attachSolver } from './worker/attach.ts';

const server = await createServer(configFromEnv());
// One process runs everything on a laptop: `SOLVER_WORKERS=0` when workers run apart
// (`npm run worker`), more for a busy single instance.
const solver = attachSolver(server, { workers: readEnv().SOLVER_WORKERS });

// A bug in a fire-and-forget hook must not take every board down with it.
process.on('unhandledRejection', (reason) =>
  server.logger.error({ err: reason }, 'unhandled rejection'),
);

await server.listen();
process.stdout.write(
  `\n  MotionMath collab-server: ${server.url}\n  WebSocket: ${server.url.replace(/^http/, 'ws')}\n\n`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1); // second Ctrl-C: give up waiting
    stopping = true;
    server.logger.info({ signal }, 'shutting down');
    solver
      .stop()
      .then(() => server.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          server.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}
