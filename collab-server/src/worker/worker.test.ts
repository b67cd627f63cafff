import { spawn } from 'node:child_process';
import {
  addEquation,
  appendStep,
  effectiveStatus,
  listEquations,
  readEquation,
  startSolving,
} from '@motionmath/protocol';
import type { Equation } from '@motionmath/protocol';
import { solve } from '@motionmath/solver';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  probePostgres,
  probeRedis,
  uniqueName,
} from '../testing/external.ts';
import type { Client, RunningServer } from '../testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';
import { attachSolver, solverBackend } from './attach.ts';
import type { AttachedSolver } from './attach.ts';
import { ProviderConnector } from './connector.ts';
import type { BoardConnector } from './connector.ts';
import { createLogger } from '../logger.ts';
import type { Logger } from '../logger.ts';
import { MemoryQueue } from './queue.ts';
import type { SolveJob } from './queue.ts';
import { issueSolverToken } from './solver-token.ts';
import { toBoardStep } from './solve-equation.ts';
import { SolverPool } from './solver-pool.ts';
import { SolverWorker } from './worker.ts';

const postgres = await probePostgres();
const redis = await probeRedis();

/** A worker process loads Node, the solver and its solver thread before its first step. */
const CHILD_START_TIMEOUT_MS = 45_000;

/** Slow enough that a viewer observes steps arriving one by one, fast enough for tests. */
const STEP_DELAY_MS = 40;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
/** Solver threads for the workers this file builds by hand (attachSolver has its own). */
const pool = new SolverPool({ size: 2 });
beforeAll(() => pool.ready());
afterAll(() => pool.close());
const solveInPool = (input: string) => pool.solve(input);

async function serverWithSolver(
  config: Parameters<typeof startServer>[0],
  workers: number,
): Promise<RunningServer & { solver: AttachedSolver }> {
  const running = await startServer(config);
  const solver = attachSolver(running.server, { workers, worker: { stepDelayMs: STEP_DELAY_MS } });
  cleanups.push(async () => {
    await solver.stop();
    await running.server.close();
  });
  // Solver threads load the solver first (seconds on a busy machine): wait for that.
  await solver.ready();
  return { ...running, solver };
}

async function client(wsUrl: string, board: string, token: string): Promise<Client> {
  const c = await connect(wsUrl, board, token);
  cleanups.push(() => c.destroy());
  return c;
}

/** A worker of its own ("rescuer") on the test's Redis queue, stopped after the test. */
function startRescuer(wsUrl: string, token: string, redisPrefix: string, logger: Logger): void {
  const backend = solverBackend({
    redisUrl: TEST_REDIS_URL,
    redisPrefix,
    database: null,
    connectionName: 'rescuer',
  });
  const rescuer = new SolverWorker({
    id: 'rescuer',
    queue: backend.queue,
    cache: backend.cache,
    connector: new ProviderConnector(wsUrl, token),
    logger,
    stepDelayMs: 0,
    pollMs: 50,
    solve: solveInPool,
  });
  rescuer.start();
  cleanups.push(async () => {
    await rescuer.stop();
    await backend.close();
  });
}

function writeEquation(doc: Y.Doc, latex: string): string {
  return addEquation(doc, {
    source: 'typed',
    latex,
    mathjs: latex,
    confidence: 1,
    author: 'teacher',
    x: 0,
    y: 0,
    now: Date.now(),
  }).id;
}

/** Everything a viewer saw of one equation, change by change. */
function watch(doc: Y.Doc, id: string): { seen: Equation[] } {
  const seen: Equation[] = [];
  const record = () => {
    const eq = listEquations(doc).items.find((e) => e.id === id);
    if (eq) seen.push(eq);
  };
  doc.on('update', record);
  return { seen };
}

const settled = (doc: Y.Doc, id: string) => () => {
  const eq = listEquations(doc).items.find((e) => e.id === id);
  return eq !== undefined && ['solved', 'unsupported', 'error'].includes(effectiveStatus(eq));
};

function expectSolutionOf(eq: Equation, input: string): void {
  const expected = solve(input);
  expect(eq.solvedInput).toBe(input);
  // Exactly the solver's steps, once each, in order: no duplicates from racing workers.
  expect(eq.steps).toEqual(expected.steps.map(toBoardStep));
  if (expected.status === 'solved') {
    expect(eq.status).toBe('solved');
    expect(eq.answer).toEqual(expected.answer);
  } else {
    expect(eq.status).toBe(expected.status);
    expect(eq.error).toBe(expected.error?.message);
  }
}

// Each server here starts solver threads (each loads the solver): slower than one test's
// default minute on a loaded machine.
describe('solver workers', { timeout: 120_000 }, () => {
  it('embedded default: a second client receives the steps one by one, with two workers racing', async () => {
    const { url, wsUrl, solver } = await serverWithSolver({}, 2);
    expect(solver.backend.kind).toBe('memory');
    const teacher = await signUp(url);
    const board = await newBoard(url, teacher.token);
    const writer = await client(wsUrl, board, teacher.token);
    const viewer = await client(wsUrl, board, teacher.token);
    const linear = writeEquation(writer.doc, '3(x - 2) + 4 = 2x + 7');
    const impossible = writeEquation(writer.doc, 'x = x + 1');
    const watched = watch(viewer.doc, linear);
    await waitFor(
      'both equations to be settled on the viewer',
      () => settled(viewer.doc, linear)() && settled(viewer.doc, impossible)(),
    );
    expectSolutionOf(readEquation(viewer.doc, linear), '3(x - 2) + 4 = 2x + 7');
    expectSolutionOf(readEquation(viewer.doc, impossible), 'x = x + 1');
    // The viewer watched it unfold: solving, then partial step lists, then the answer.
    const stepCounts = new Set(
      watched.seen.filter((e) => e.status === 'solving').map((e) => e.steps.length),
    );
    expect(stepCounts.size).toBeGreaterThan(1);
    // One worker won the claim; the other never wrote into this equation.
    expect(new Set(watched.seen.map((e) => e.solverId).filter((s) => s !== null)).size).toBe(1);
    expect(readEquation(writer.doc, linear)).toEqual(readEquation(viewer.doc, linear));
  });

  it('a solver attached to a running server solves what already waits on a loaded board', async () => {
    const running = await startServer({});
    cleanups.push(() => running.server.close());
    const teacher = await signUp(running.url);
    const board = await newBoard(running.url, teacher.token);
    const writer = await client(running.wsUrl, board, teacher.token);
    const id = writeEquation(writer.doc, '2x = 10');
    await waitFor('the equation stored', () => writer.provider.unsyncedChanges === 0);
    // The board stays loaded (the writer is still there) and nothing on it changes again.
    const solver = attachSolver(running.server, { workers: 1 });
    cleanups.push(() => solver.stop());
    await waitFor('the waiting equation to be settled', settled(writer.doc, id));
    expectSolutionOf(readEquation(writer.doc, id), '2x = 10');
  });

  describe.skipIf(postgres.skip !== null || redis.skip !== null)(
    `PostgreSQL + Redis, two instances${postgres.label}${redis.label}`,
    () => {
      it('solves once across the cluster and every client on either instance sees it', async () => {
        const shared = {
          databaseUrl: TEST_DATABASE_URL,
          databaseSchema: uniqueName('mm_worker'),
          redisUrl: TEST_REDIS_URL,
          redisPrefix: uniqueName('mmw'),
        };
        const a = await serverWithSolver({ ...shared, instanceName: 'a' }, 1);
        const b = await serverWithSolver({ ...shared, instanceName: 'b' }, 1);
        expect(a.solver.backend.kind).toBe('redis');
        const teacher = await signUp(a.url);
        const board = await newBoard(a.url, teacher.token);
        const writer = await client(a.wsUrl, board, teacher.token);
        const viewer = await client(b.wsUrl, board, teacher.token);
        const id = writeEquation(writer.doc, 'x^2-5x+6=0');
        const watched = watch(viewer.doc, id);
        await waitFor('the quadratic to be solved on the other instance', settled(viewer.doc, id));
        expectSolutionOf(readEquation(viewer.doc, id), 'x^2-5x+6=0');
        expect(new Set(watched.seen.map((e) => e.solverId).filter((s) => s !== null)).size).toBe(1);
        await waitFor('the writer to converge', () => settled(writer.doc, id)());
        expect(readEquation(writer.doc, id)).toEqual(readEquation(viewer.doc, id));
      });
    },
  );

  describe.skipIf(redis.skip !== null)(`a worker killed mid-solve${redis.label}`, () => {
    it('loses its lease; another worker finishes without duplicate steps', async () => {
      const redisPrefix = uniqueName('mmk');
      // The server only dispatches: the workers are a child process, then this test.
      const { url, wsUrl, server } = await serverWithSolver(
        { redisUrl: TEST_REDIS_URL, redisPrefix },
        0,
      );
      const teacher = await signUp(url);
      const board = await newBoard(url, teacher.token);
      const token = await issueSolverToken(server.db, { name: 'test worker' });
      const child = spawn(process.execPath, ['src/worker/main.ts'], {
        cwd: new URL('../..', import.meta.url).pathname,
        env: {
          ...process.env,
          SERVER_URL: wsUrl,
          SOLVER_TOKEN: token,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: redisPrefix,
          // Slow steps and a short lease: the kill lands mid-solve, the takeover comes fast.
          SOLVER_STEP_DELAY_MS: '400',
          SOLVER_LEASE_MS: '1500',
          LOG_LEVEL: 'silent',
        },
        stdio: 'inherit',
      });
      cleanups.push(() => {
        child.kill('SIGKILL');
      });
      const viewer = await client(wsUrl, board, teacher.token);
      const input = '3(x - 2) + 4 = 2x + 7';
      const id = writeEquation(viewer.doc, input);
      // The child process starts its own solver thread first: seconds on a busy machine.
      await waitFor(
        'the child worker to write its first step',
        () => {
          const eq = readEquation(viewer.doc, id);
          return eq.status === 'solving' && eq.steps.length >= 1;
        },
        CHILD_START_TIMEOUT_MS,
      );
      const dead = readEquation(viewer.doc, id);
      child.kill('SIGKILL');
      startRescuer(wsUrl, token, redisPrefix, server.logger);
      await waitFor('the rescuer to finish', settled(viewer.doc, id), 20_000);
      const done = readEquation(viewer.doc, id);
      expect(dead.solverId).not.toBe('rescuer');
      expect(done.solverId).toBe('rescuer');
      expectSolutionOf(done, input);
    }, 120_000);
  });

  describe.skipIf(redis.skip !== null)(`a Redis that lost the queue${redis.label}`, () => {
    // Found by the cluster fault test (infra, `npm run test:cluster`): a restarted Redis
    // forgets every job and lease; the worker whose lease vanished stops mid-solve and its
    // equation stayed `solving` for good, since nothing enqueued it again.
    it('is refilled from the loaded boards when the server reconnects, and a stalled solve is taken over', async () => {
      const redisPrefix = uniqueName('mml');
      const { url, wsUrl, server } = await serverWithSolver(
        { redisUrl: TEST_REDIS_URL, redisPrefix },
        0,
      );
      const admin = new Redis(TEST_REDIS_URL);
      cleanups.push(() => admin.disconnect());
      const teacher = await signUp(url);
      const board = await newBoard(url, teacher.token);
      const viewer = await client(wsUrl, board, teacher.token);
      const input = '2(x - 3) = 4x + 8';
      const id = writeEquation(viewer.doc, input);
      const ready = `${redisPrefix}:solver:ready`;
      await waitFor('the equation to be enqueued', async () => (await admin.zcard(ready)) === 1);

      // A worker claims it and writes a step, then Redis restarts empty: job and lease gone.
      startSolving(viewer.doc, id, { solverId: 'worker-gone', now: Date.now() });
      const [firstStep] = solve(input).steps;
      appendStep(viewer.doc, id, 'worker-gone', toBoardStep(firstStep!));
      await waitFor('the server to acknowledge', () => viewer.provider.unsyncedChanges === 0);
      const keys = await admin.keys(`${redisPrefix}:*`);
      if (keys.length > 0) await admin.del(...keys);
      // The server's queue connection drops and reconnects, as it does when Redis restarts.
      const clients = (await admin.call('CLIENT', 'LIST')) as string;
      const queueConnection = clients
        .split('\n')
        .find((line) => line.includes(` name=${redisPrefix}:collab:solver `));
      const connectionId = /\bid=(\d+)/.exec(queueConnection ?? '')?.[1];
      expect(connectionId).toBeDefined();
      await admin.call('CLIENT', 'KILL', 'ID', connectionId!);
      await waitFor(
        'the loaded board to be enqueued again',
        async () => (await admin.zcard(ready)) === 1,
      );

      const token = await issueSolverToken(server.db, { name: 'test worker' });
      startRescuer(wsUrl, token, redisPrefix, server.logger);
      await waitFor('the rescuer to finish', settled(viewer.doc, id), 20_000);
      const done = readEquation(viewer.doc, id);
      expect(done.solverId).toBe('rescuer');
      expectSolutionOf(done, input);
      const leftovers = await admin.keys(`${redisPrefix}:*`);
      if (leftovers.length > 0) await admin.del(...leftovers);
    });
  });

  // Found by the cluster fault test (infra, `npm run test:cluster`): with PostgreSQL
  // frozen, the server acknowledged a worker's last writes after its lease had expired;
  // a second worker took the equation over and the board showed it solved twice.
  it('keeps its lease while the server is slow to acknowledge: nobody else claims the job', async () => {
    const LEASE_MS = 200;
    const doc = new Y.Doc();
    const id = writeEquation(doc, '2x + 3 = 11');
    // The shared board; its acknowledgements arrive five leases late.
    const slowConnector: BoardConnector = {
      open: async () => ({
        doc,
        transact: async (fn) => doc.transact(fn),
        flush: () => new Promise((resolve) => setTimeout(resolve, 5 * LEASE_MS)),
        close: async () => {},
      }),
    };
    const queue = new MemoryQueue();
    const claims: string[] = [];
    const claim = queue.claim.bind(queue);
    queue.claim = async (workerId: string, leaseMs: number): Promise<SolveJob | null> => {
      const job = await claim(workerId, leaseMs);
      if (job) claims.push(workerId);
      return job;
    };
    await queue.enqueue('board', id);
    const logger = createLogger('silent', 'test');
    const config = {
      queue,
      connector: slowConnector,
      logger,
      leaseMs: LEASE_MS,
      stepDelayMs: 0,
      pollMs: 10,
      solve: solveInPool,
    };
    const first = new SolverWorker({ ...config, id: 'first' });
    const second = new SolverWorker({ ...config, id: 'second' });
    const firstJob = first.runOnce();
    await waitFor('the first worker to claim the job', () => claims.length === 1);
    // The second worker polls all along while the first one waits for its acknowledgement.
    second.start();
    cleanups.push(() => second.stop());
    expect(await firstJob).toBe(true);
    await second.stop();
    expect(claims).toEqual(['first']);
    expect(readEquation(doc, id).solverId).toBe('first');
  });
});
