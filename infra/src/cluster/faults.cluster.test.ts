/**
 * `npm run test:cluster`: a real cluster (PostgreSQL, Redis, 3 collab-server instances,
 * 2 solver worker processes, see harness.ts) under faults while clients write to it.
 *
 * Clients spread over the instances draw strokes and write equations on shared boards.
 * Meanwhile, in a seeded order: one instance is SIGKILLed (its clients fail over to the
 * next instance), Redis is stopped for 2 s and comes back empty (a quiet board gets its
 * only edit meanwhile), PostgreSQL is frozen (SIGSTOP) for 10 s; then a worker process is
 * SIGKILLed in the middle of solving. Afterwards it checks that
 *   - every board converges on every client and on a fresh client of each surviving
 *     instance;
 *   - a NEW instance that shares no Redis fan-out with the others (so it loads the board
 *     from PostgreSQL alone) holds the same, plus at most edits that were in flight,
 *     unacknowledged, when an instance died;
 *   - once the killed instance is back (and loads the boards from PostgreSQL), every
 *     view is identical;
 *   - every edit an instance acknowledged is on every one of those views;
 *   - every equation is solved exactly once: the solver's steps, no duplicates, by a
 *     worker seen claiming it, never solved again; the killed worker's equation is
 *     finished by another worker.
 * It prints a report (faults with timestamps, checks with counts) and the seed (replay:
 * TEST_SEED=<n>); on failure also the clients' connection events and each child
 * process's log tail (the log folder is kept).
 */
import { rmSync } from 'node:fs';
import { effectiveStatus, listEquations } from '@motionmath/protocol';
import { newBoard, seededRandom, signUp, testSeed } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';
import { expect, it } from 'vitest';
import { BoardClient } from './board-client.ts';
import type { ClientEvent } from './board-client.ts';
import {
  convergenceViolations,
  equationViolations,
  missingAcknowledged,
  storedVersusLive,
} from './checks.ts';
import type { BoardView, CheckResult, EquationTally } from './checks.ts';
import { FaultLog, killServer, killWorkerMidSolve, pausePostgres, restartRedis } from './faults.ts';
import { startCluster } from './harness.ts';
import type { Cluster, ClusterServer } from './harness.ts';
import { readBoardsOn } from './readers.ts';
import { checkLines, clientEventLines, faultLines } from './report.ts';
import {
  EquationHistory,
  drawStroke,
  randomProblem,
  runWriter,
  writeEquation,
} from './workload.ts';

const SERVERS = 3;
const WORKERS = 2;
const BOARDS = 4;
/** Each board has this many writers, each homed on a different instance. */
const WRITERS_PER_BOARD = 3;
/** The instance that is SIGKILLed. The default worker placement keeps workers off it. */
const KILLED_SERVER = 0;
/** Slow steps make "mid-solve" a real window (a solution has 2–4 steps). */
const SOLVER_STEP_DELAY_MS = 250;
/** Short lease, so the killed worker's equation is taken over within seconds (a live
 * worker renews its lease all along, also while PostgreSQL is frozen). */
const SOLVER_LEASE_MS = 6_000;
const POSTGRES_PAUSE_MS = 10_000;
/** Long enough that the instances give up on what they tried to publish meanwhile (a
 * real restart takes seconds too). */
const REDIS_OUTAGE_MS = 2_000;
/** Edits before the first fault, between faults (drawn) and after the last one. */
const WARMUP_MS = 3_000;
const MIN_GAP_MS = 2_000;
const MAX_GAP_MS = 5_000;
const TAIL_MS = 5_000;
/** A human pace per writer: ~3 edits/s, ~36 edits/s over the cluster. */
const WRITER = { minPauseMs: 200, maxPauseMs: 500, equationChance: 0.04, maxEquations: 4 };
/** Time for the cluster to catch up after the writers stop (takeovers, backlogs). */
const SETTLE_TIMEOUT_MS = 60_000;
const MID_SOLVE_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 280_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves once `check` holds; false (no throw) after the timeout. */
async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const equationsSettled = (client: BoardClient) =>
  client.doc !== null &&
  listEquations(client.doc).items.every((e) =>
    ['solved', 'unsupported', 'error'].includes(effectiveStatus(e)),
  );

interface Board {
  id: string;
  token: string;
  writers: BoardClient[];
}

/** A board with its own account; client k is homed on instance `homes[k]` and fails
 * over to the following ones. */
async function createBoardWithClients(
  servers: readonly ClusterServer[],
  label: string,
  owner: string,
  homes: readonly number[],
  onEvent: (event: ClientEvent) => void,
): Promise<Board> {
  const home = servers[homes[0]!]!.httpUrl;
  const { token } = await signUp(home, owner);
  const id = await newBoard(home, token, `cluster board ${label}`);
  const writers = homes.map((first, k) => {
    const urls = servers.map((_s, i) => servers[(first + i) % servers.length]!.wsUrl);
    return new BoardClient({ name: `${label}w${k}`, board: id, token, urls, onEvent });
  });
  return { id, token, writers };
}

it(
  'cluster under faults: boards converge, acknowledged edits survive, equations solved once',
  async () => {
    const seed = testSeed('cluster-faults');
    const random = seededRandom(seed);
    const report: string[] = [`cluster fault test, seed ${seed} (replay: TEST_SEED=${seed})`];
    const clientEvents: ClientEvent[] = [];
    const checks: CheckResult[] = [];
    const clients: BoardClient[] = [];
    const log = new FaultLog();
    let cluster: Cluster | undefined;
    let passed = false;
    try {
      cluster = await startCluster({
        servers: SERVERS,
        workers: WORKERS,
        workerEnv: {
          SOLVER_STEP_DELAY_MS: String(SOLVER_STEP_DELAY_MS),
          SOLVER_LEASE_MS: String(SOLVER_LEASE_MS),
        },
      });
      const { servers, workers } = cluster;
      report.push(
        `cluster up in ${((Date.now() - log.startedAt) / 1000).toFixed(1)} s: ` +
          `${servers.map((s) => `${s.name} ${s.wsUrl}`).join(', ')}; ` +
          `${workers.map((w) => `${w.name} → ${w.serverUrl}`).join(', ')}; logs ${cluster.logDir}`,
      );
      const onEvent = (e: ClientEvent) => clientEvents.push(e);
      const busy: Board[] = [];
      for (let b = 0; b < BOARDS; b++) {
        const homes = Array.from({ length: WRITERS_PER_BOARD }, (_, k) => (b + k) % SERVERS);
        busy.push(
          await createBoardWithClients(
            servers,
            `b${b}`,
            `owner${b}-${seed}@cluster.test`,
            homes,
            onEvent,
          ),
        );
      }
      // A board edited only while Redis is down, then never again: no later edit carries
      // that one along, so it reaches the other instance only if the cluster resyncs by
      // itself. Its two clients sit on instances that are not killed.
      const survivorHomes = servers.map((_s, i) => i).filter((i) => i !== KILLED_SERVER);
      const quiet = await createBoardWithClients(
        servers,
        'quiet',
        `quiet-${seed}@cluster.test`,
        survivorHomes.slice(0, 2),
        onEvent,
      );
      const boards = [...busy, quiet];
      const writers = boards.flatMap((b) => b.writers);
      clients.push(...writers);
      const history = new EquationHistory();
      for (const writer of writers) writer.onDoc((doc) => history.watch(doc, writer.name));
      await Promise.all(writers.map((w) => w.connect()));

      // ---- Write, and break things meanwhile.
      let writing = true;
      const busyWriters = busy.flatMap((b) => b.writers);
      const writing$ = busyWriters.map((w) =>
        runWriter(w, seededRandom(random.int(0, 2 ** 32 - 1)), WRITER, () => writing),
      );
      log.record('writers started', `${busyWriters.length} clients on ${BOARDS} boards`);
      const editQuietBoard = async () => {
        const [client] = quiet.writers;
        if (
          !client?.edit({ id: 'quiet-0', kind: 'stroke' }, (doc) =>
            drawStroke(doc, 'quiet-0', random),
          )
        )
          return 'the quiet board client was not connected';
        const outageEnds = Date.now() + REDIS_OUTAGE_MS;
        await client.waitSettled(SETTLE_TIMEOUT_MS);
        await sleep(outageEnds - Date.now());
        return `stroke quiet-0 on the quiet board, acknowledged by ${client.url}; down ${REDIS_OUTAGE_MS} ms`;
      };
      await sleep(WARMUP_MS);
      const c = cluster;
      const faults = shuffled(
        [
          () => killServer(c, KILLED_SERVER, log),
          () => restartRedis(c, log, editQuietBoard),
          () => pausePostgres(c, POSTGRES_PAUSE_MS, log),
        ],
        random,
      );
      for (const fault of faults) {
        await fault();
        await sleep(random.int(MIN_GAP_MS, MAX_GAP_MS));
      }
      // The worker kill comes last so the other faults cannot hide its takeover. An
      // equation written now gives a worker something to be in the middle of.
      for (let attempt = 0; ; attempt++) {
        const target = random.pick(busyWriters.filter((w) => w.connected));
        const id = `${target.name}-midsolve-${attempt}`;
        if (writeEquation(target, id, randomProblem(random), random) !== null) break;
        await sleep(100); // that writer was between connections
      }
      const midSolve = await killWorkerMidSolve(
        cluster,
        () => busyWriters.flatMap((w) => (w.doc ? [w.doc] : [])),
        log,
        MID_SOLVE_TIMEOUT_MS,
      );
      const restartedWorker = workers.find((w) => w.name === midSolve.worker)!;
      await restartedWorker.start();
      log.record('worker restarted', `${restartedWorker.name} (pid ${restartedWorker.pid})`);
      await sleep(TAIL_MS);
      writing = false;
      const edits = (await Promise.all(writing$)).reduce((a, b) => a + b, 0);
      log.record('writers stopped', `${edits} edits`);

      // ---- Settle: every writer connected with nothing unacknowledged, every equation
      // done. A timeout is a violation, not an abort: the checks then say what is wrong.
      const settleProblems: string[] = [];
      await Promise.all(
        writers.map((w) =>
          w.waitSettled(SETTLE_TIMEOUT_MS).catch((e: Error) => settleProblems.push(e.message)),
        ),
      );
      if (!(await waitUntil(() => writers.every(equationsSettled), SETTLE_TIMEOUT_MS)))
        settleProblems.push(`equations still unsolved after ${SETTLE_TIMEOUT_MS} ms`);
      log.record('settled', settleProblems.length === 0 ? 'ok' : settleProblems.join('; '));
      checks.push({
        name: 'settled',
        summary: 'every writer connected with nothing unacknowledged, every equation done',
        violations: settleProblems,
      });

      // ---- Live convergence: writers and a fresh reader on each surviving instance.
      const writerViews = (board: Board): BoardView[] =>
        board.writers.flatMap((w) =>
          w.doc ? [{ label: `${w.name} on ${w.url}`, doc: w.doc }] : [],
        );
      const survivors = servers.filter((s) => s.running);
      const readerViews = new Map<string, BoardView[]>(boards.map((b) => [b.id, []]));
      const addReaders = async (server: ClusterServer) => {
        const readers = await readBoardsOn(server, boards, SETTLE_TIMEOUT_MS);
        clients.push(...readers.values());
        for (const [board, reader] of readers)
          readerViews
            .get(board)!
            .push({ label: `fresh client on ${server.name}`, doc: reader.doc! });
        return readers;
      };
      for (const server of survivors) await addReaders(server);
      const views = (board: Board) => [...writerViews(board), ...readerViews.get(board.id)!];
      const converged = () =>
        boards.every((b) => convergenceViolations(b.id, views(b)).length === 0);
      // The writers may still be receiving each other's last updates.
      await waitUntil(converged, SETTLE_TIMEOUT_MS);
      checks.push({
        name: 'live convergence',
        summary: `${boards.length} boards identical on ${writers.length} board clients and fresh clients of ${survivors.map((s) => s.name).join(', ')}`,
        violations: boards.flatMap((b) => convergenceViolations(b.id, views(b))),
      });

      // ---- PostgreSQL alone: a new instance with its own Redis prefix.
      const isolated = await cluster.addServer({ name: 'server-pg-only', isolated: true });
      log.record('new instance', `${isolated.name}, own Redis prefix: reads PostgreSQL only`);
      const pgReaders = await addReaders(isolated);
      const unacknowledged = new Set(writers.flatMap((w) => w.unacknowledged.map((e) => e.id)));
      const storedOnly: string[] = [];
      const storedProblems = boards.flatMap((b) => {
        const liveReference = readerViews.get(b.id)![0]!.doc;
        const result = storedVersusLive(
          b.id,
          pgReaders.get(b.id)!.doc!,
          liveReference,
          unacknowledged,
        );
        storedOnly.push(...result.storedOnly);
        return result.violations;
      });
      checks.push({
        name: 'PostgreSQL vs live',
        summary:
          `${isolated.name} holds every live item; ${storedOnly.length} more stored ` +
          `[${storedOnly.join(', ')}], all among the ${unacknowledged.size} edits unacknowledged ` +
          `when a connection dropped (appended, then the instance died before broadcasting)`,
        violations: storedProblems,
      });

      // ---- The killed instance comes back: it loads the boards from PostgreSQL and
      // shares them over Redis, so now every view must be identical.
      const killed = servers[KILLED_SERVER]!;
      await killed.start();
      log.record('restart server', `${killed.name} (pid ${killed.pid}) on ${killed.wsUrl}`);
      await addReaders(killed);
      await waitUntil(converged, SETTLE_TIMEOUT_MS);
      const viewCount = boards.reduce((n, b) => n + views(b).length, 0);
      checks.push({
        name: 'convergence after reload',
        summary: `${boards.length} boards identical on all ${viewCount} views: ${writers.length} board clients, fresh clients of ${[...survivors, isolated, killed].map((s) => s.name).join(', ')}`,
        violations: boards.flatMap((b) => convergenceViolations(b.id, views(b))),
      });

      // ---- Acknowledged edits, on every view.
      let acknowledged = 0;
      let found = 0;
      let foundInPostgres = 0;
      const lost: string[] = [];
      for (const board of boards) {
        const acked = board.writers.flatMap((w) => w.acknowledged);
        acknowledged += acked.length;
        foundInPostgres +=
          acked.length - missingAcknowledged(pgReaders.get(board.id)!.doc!, acked).length;
        for (const view of views(board)) {
          const missing = missingAcknowledged(view.doc, acked);
          found += acked.length - missing.length;
          for (const edit of missing)
            lost.push(
              `board ${board.id}: acknowledged ${edit.kind} ${edit.id} missing on ${view.label}`,
            );
        }
      }
      checks.push({
        name: 'acknowledged edits',
        summary:
          `${writers.reduce((n, w) => n + w.sentCount, 0)} edits sent, ${acknowledged} acknowledged ` +
          `(${unacknowledged.size} in flight on a dropped connection, not required); ` +
          `${foundInPostgres}/${acknowledged} in the boards loaded from PostgreSQL alone, ` +
          `${found} edit×view checks passed`,
        violations: lost,
      });

      // ---- Equations, as PostgreSQL has them.
      const tally: EquationTally = { equations: 0, solved: 0, solvedByFirstClaim: 0, takenOver: 0 };
      const equationProblems = boards.flatMap((b) =>
        equationViolations(
          b.id,
          pgReaders.get(b.id)!.doc!,
          { claims: history.claims, killedMidSolve: midSolve },
          tally,
        ),
      );
      equationProblems.push(...history.resolvedAgain);
      if ((history.claims.get(midSolve.equationId)?.size ?? 0) < 2)
        equationProblems.push(
          `${midSolve.equationId}: its worker was killed, yet no other worker took it over`,
        );
      checks.push({
        name: 'equations solved once',
        summary:
          `${tally.equations} equations, ${tally.solved} solved with the solver's exact steps; ` +
          `${tally.solvedByFirstClaim} by their first worker, ${tally.takenOver} taken over ` +
          `(${midSolve.equationId}, whose worker was killed after ${midSolve.stepsWritten} ` +
          `step(s), and any whose lease the Redis restart erased); ` +
          `${history.resolvedAgain.length} solved again`,
        violations: equationProblems,
      });

      const drops = clientEvents.filter((e) => e.what.includes('dropped')).length;
      report.push(
        ...faultLines(log.records),
        `clients: ${busyWriters.length} writers on ${BOARDS} boards, 2 on a quiet board; ${drops} connections dropped, each failed over to another instance`,
        ...checkLines(checks),
        `total ${((Date.now() - log.startedAt) / 1000).toFixed(1)} s`,
      );
      expect(checks.flatMap((check) => check.violations)).toEqual([]);
      passed = true;
    } finally {
      for (const client of clients) client.destroy();
      if (!passed) {
        if (!report.includes('checks:'))
          report.push(...faultLines(log.records), ...checkLines(checks));
        report.push(...clientEventLines(clientEvents));
        if (cluster) report.push('child process logs (tail):', cluster.logTails(25));
      }
      console.log(report.join('\n'));
      await cluster?.stop();
      if (passed && cluster) rmSync(cluster.logDir, { recursive: true, force: true });
    }
  },
  TEST_TIMEOUT_MS,
);
