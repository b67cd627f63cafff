/**
 * The stepped load itself, against instances that are already running: accounts and
 * boards over HTTP, N raw WebSocket clients spread over the instances, then one step per
 * per-client update rate, each measured on its own (fan-out latency same- and
 * cross-instance, acknowledgements, HTTP API latency at a fixed rate, memory and CPU).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClusterBenchConfig } from './bench-config.ts';
import { createBoards, signUpTeacher } from './board-setup.ts';
import { peerCounts, placeClient } from './client-placement.ts';
import { HttpLoad } from './http-load.ts';
import type { HttpStepResult } from './http-load.ts';
import { LoadClient } from './load-client.ts';
import { pace } from './pacer.ts';
import { summarize } from '@motionmath/testkit';
import type { LatencySummary } from '@motionmath/testkit';
import {
  cpuPercent,
  machineBusyPercent,
  machineCpu,
  pssMiB,
  readTree,
  rssMiB,
  runQueueWaitSeconds,
  treeDelta,
} from './proc-stats.ts';
import type { TreeReading } from './proc-stats.ts';
import { StepRecorder } from './step-recorder.ts';

/** After the last connection: let authentication, document loads and Redis
 * subscriptions settle before the first measured update. */
const SETTLE_MS = 3_000;
/** Step id of the warm-up: JIT, first document stores and connection pools get going
 * before anything is measured (the first step otherwise shows their one-off tail). */
const WARMUP_STEP = -1;
/** Longest wait for the servers to answer a step's backlog before moving on. */
const MAX_BACKLOG_DRAIN_MS = 60_000;

export interface LoadTarget {
  name: string;
  httpUrl: string;
  wsUrl: string;
  pid: number;
}

/** A process group whose memory and CPU we report next to the servers' (PostgreSQL is
 * a postmaster and one backend per connection). */
export interface ObservedService {
  name: string;
  /** The process tree, root first. */
  pids: () => number[];
}

export interface ResourceUse {
  /** RSS of a server process; PSS summed over a service's process tree. */
  memoryMiB: number;
  /** CPU time used, in % of one core. */
  cpuPercent: number;
  /** Time runnable but waiting for a core, in % of the wall time: > 0 means the process
   * would have run more on a machine with more (or idler) cores. */
  cpuWaitPercent: number;
}

export interface StepResult {
  step: number;
  ratePerClient: number;
  offeredUpdatesPerSecond: number;
  seconds: number;
  sentPerSecond: number;
  /** Acknowledged updates per second from the step's start to its last
   * acknowledgement: below the sent rate when the servers fell behind. */
  acknowledgedPerSecond: number;
  refused: number;
  deliveriesPerSecond: number;
  /** CPU the servers spent per update sent (HTTP load included): what an update costs,
   * independent of how many cores the machine had free. */
  serverCpuMsPerUpdate: number;
  /** Received / expected deliveries (after the drain), per class; NaN (null in the
   * JSON) for a class with no peers. */
  deliveryRatio: { same: number; cross: number };
  latencyMs: { same: LatencySummary; cross: LatencySummary; all: LatencySummary };
  ackLatencyMs: LatencySummary;
  http: HttpStepResult & { ratePerSecond: number };
  /** Per server, in target order: CPU from the step's start until its backlog was
   * answered, memory at the end of sending. Services (PostgreSQL, Redis) the same way. */
  servers: ResourceUse[];
  services: Record<string, ResourceUse>;
  driver: { cpuPercent: number; cpuWaitPercent: number; eventLoopDelayP99Ms: number };
  machineCpuBusyPercent: number;
  loadAverage1m: number;
}

export interface LoadRunResult {
  setup: { boardsSeconds: number; connectSeconds: number; connectionsPerSecond: number };
  idle: { servers: ResourceUse[]; services: Record<string, ResourceUse> };
  steps: StepResult[];
  disconnects: number;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
/** NaN when nothing was expected (e.g. no cross-instance peers with one server). */
const ratio = (received: number, expected: number) =>
  expected > 0 ? Math.round((received / expected) * 1000) / 1000 : NaN;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** CPU, wait and memory of every watched process, for deltas across a step. */
function snapshot(targets: LoadTarget[], services: ObservedService[]) {
  return {
    at: performance.now(),
    servers: targets.map((t) => readTree([t.pid], rssMiB)),
    // A service is a process tree: PSS, so shared memory is not counted per process.
    services: services.map((s) => readTree(s.pids(), pssMiB)),
    driver: process.cpuUsage(),
    driverWait: runQueueWaitSeconds(process.pid),
    machine: machineCpu(),
  };
}
type Snapshot = ReturnType<typeof snapshot>;

/** CPU between two snapshots; memory as of `memoryAt` (default: the later one). */
function resourcesBetween(
  before: Snapshot,
  after: Snapshot,
  services: ObservedService[],
  memoryAt: Snapshot = after,
) {
  const seconds = (after.at - before.at) / 1000;
  const use = (
    b: TreeReading | undefined,
    a: TreeReading | undefined,
    m: TreeReading | undefined,
  ): ResourceUse => {
    const delta = b && a ? treeDelta(b, a) : { cpu: NaN, wait: NaN };
    return {
      memoryMiB: round1(m?.memoryMiB ?? NaN),
      cpuPercent: cpuPercent(0, delta.cpu, seconds),
      cpuWaitPercent: cpuPercent(0, delta.wait, seconds),
    };
  };
  const driverCpu =
    (after.driver.user - before.driver.user + after.driver.system - before.driver.system) / 1e6;
  return {
    servers: after.servers.map((a, i) => use(before.servers[i], a, memoryAt.servers[i])),
    services: Object.fromEntries(
      services.map((s, i) => [
        s.name,
        use(before.services[i], after.services[i], memoryAt.services[i]),
      ]),
    ),
    driverCpuPercent: cpuPercent(0, driverCpu, seconds),
    driverCpuWaitPercent: cpuPercent(before.driverWait, after.driverWait, seconds),
    machineCpuBusyPercent: machineBusyPercent(before.machine, after.machine),
  };
}

async function connectAll(
  config: ClusterBenchConfig,
  targets: LoadTarget[],
  boardIds: string[],
  token: string,
  recorder: StepRecorder,
): Promise<LoadClient[]> {
  const { clients: count, boards, connectBatch } = config;
  const servers = targets.length;
  const peers = peerCounts(count, boards, servers);
  const serverOf = (client: number) => placeClient(client, boards, servers).server;
  const clients: LoadClient[] = [];
  for (let start = 0; start < count; start += connectBatch) {
    const batch: Promise<LoadClient>[] = [];
    for (let index = start; index < Math.min(count, start + connectBatch); index++) {
      const { board, server } = placeClient(index, boards, servers);
      batch.push(
        LoadClient.connect({
          index,
          server,
          wsUrl: targets[server]?.wsUrl ?? '',
          board: boardIds[board] ?? '',
          token,
          peers: peers[index] ?? { same: 0, cross: 0 },
          serverOf,
          recorder,
        }),
      );
    }
    clients.push(...(await Promise.all(batch)));
  }
  return clients;
}

export async function runClusterLoad(
  config: ClusterBenchConfig,
  targets: LoadTarget[],
  services: ObservedService[],
  log: (line: string) => void,
): Promise<LoadRunResult> {
  const httpUrls = targets.map((t) => t.httpUrl);
  let mark = performance.now();
  const token = await signUpTeacher(httpUrls[0] ?? '');
  const boardIds = await createBoards(httpUrls, token, config.boards);
  const boardsSeconds = round1((performance.now() - mark) / 1000);
  log(`${config.boards} boards created in ${boardsSeconds} s`);

  const recorder = new StepRecorder();
  mark = performance.now();
  const clients = await connectAll(config, targets, boardIds, token, recorder);
  const connectSeconds = round1((performance.now() - mark) / 1000);
  log(`${clients.length} clients connected and synced in ${connectSeconds} s`);
  const settleStart = snapshot(targets, services);
  await sleep(SETTLE_MS);
  // Idle: every client connected, nothing sent yet.
  const idle = resourcesBetween(settleStart, snapshot(targets, services), services);

  const http = new HttpLoad({ urls: httpUrls, token, boardIds, perSecond: config.httpRate });
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  http.start();
  const steps: StepResult[] = [];
  let cursor = 0;
  /** Sends at `ratePerClient` for `seconds`, round-robin over all clients (so each
   * sends every 1/ratePerClient s), then drains; returns the step's measurements. */
  const runStep = async (step: number, ratePerClient: number, seconds: number) => {
    const offered = clients.length * ratePerClient;
    http.setStep(step);
    eventLoop.reset();
    const before = snapshot(targets, services);
    const stop = pace(offered, () => clients[cursor++ % clients.length]?.send(step));
    await sleep(seconds * 1000);
    stop();
    const sendEnd = snapshot(targets, services);
    const eventLoopDelayP99Ms = round1(eventLoop.percentile(99) / 1e6);
    // An overloaded step leaves a backlog: let it clear, so it is neither lost from this
    // step's counts nor charged to the next step.
    const drainUntil = performance.now() + MAX_BACKLOG_DRAIN_MS;
    while (recorder.unanswered(step) > 0 && performance.now() < drainUntil) await sleep(100);
    await sleep(config.drainSeconds * 1000);
    const end = snapshot(targets, services);
    return stepResult(step, ratePerClient, offered, recorder, http.result(step), {
      // CPU until the backlog is answered (the work the step caused), memory at its peak
      // load (the end of sending).
      ...resourcesBetween(before, end, services, sendEnd),
      seconds: (sendEnd.at - before.at) / 1000,
      answerSeconds: (recorder.step(step).lastAnswerAt - before.at) / 1000,
      // HTTP samples count in the step they started in, drain included.
      windowSeconds: (end.at - before.at) / 1000,
      eventLoopDelayP99Ms,
    });
  };
  try {
    if (config.warmupSeconds > 0) {
      const first = config.ratesPerClient[0] ?? 0;
      await runStep(WARMUP_STEP, first, config.warmupSeconds);
      log(`warm-up: ${config.warmupSeconds} s at ${first} updates/client/s (not reported)`);
    }
    for (const [step, ratePerClient] of config.ratesPerClient.entries()) {
      const result = await runStep(step, ratePerClient, config.stepSeconds);
      steps.push(result);
      log(stepLine(result));
    }
  } finally {
    await http.stop();
    eventLoop.disable();
    for (const client of clients) client.close();
  }
  return {
    setup: {
      boardsSeconds,
      connectSeconds,
      connectionsPerSecond: Math.round(clients.length / connectSeconds),
    },
    idle: { servers: idle.servers, services: idle.services },
    steps,
    disconnects: recorder.disconnects,
  };
}

function stepResult(
  step: number,
  ratePerClient: number,
  offered: number,
  recorder: StepRecorder,
  http: HttpStepResult,
  measured: ReturnType<typeof resourcesBetween> & {
    seconds: number;
    /** From the step's start to its last acknowledgement. */
    answerSeconds: number;
    windowSeconds: number;
    eventLoopDelayP99Ms: number;
  },
): StepResult {
  const samples = recorder.step(step);
  const { same, cross } = samples.latencies;
  const perSecond = (n: number) => round1(n / measured.seconds);
  return {
    step,
    ratePerClient,
    offeredUpdatesPerSecond: offered,
    seconds: round1(measured.seconds),
    sentPerSecond: perSecond(samples.sent),
    acknowledgedPerSecond: round1(
      samples.ackLatencies.length / Math.max(measured.seconds, measured.answerSeconds || 0),
    ),
    refused: samples.refused,
    deliveriesPerSecond: perSecond(same.length + cross.length),
    serverCpuMsPerUpdate:
      Math.round(
        ((sum(measured.servers.map((s) => s.cpuPercent)) * 10 * measured.windowSeconds) /
          Math.max(1, samples.sent)) *
          100,
      ) / 100,
    deliveryRatio: {
      same: ratio(same.length, samples.expected.same),
      cross: ratio(cross.length, samples.expected.cross),
    },
    latencyMs: {
      same: summarize(same),
      cross: summarize(cross),
      all: summarize([...same, ...cross]),
    },
    ackLatencyMs: summarize(samples.ackLatencies),
    http: { ...http, ratePerSecond: round1(http.requests / measured.windowSeconds) },
    servers: measured.servers,
    services: measured.services,
    driver: {
      cpuPercent: measured.driverCpuPercent,
      cpuWaitPercent: measured.driverCpuWaitPercent,
      eventLoopDelayP99Ms: measured.eventLoopDelayP99Ms,
    },
    machineCpuBusyPercent: measured.machineCpuBusyPercent,
    loadAverage1m: Math.round((loadavg()[0] ?? NaN) * 100) / 100,
  };
}

/** One progress line per step (the full table follows at the end). */
function stepLine(r: StepResult): string {
  const classes = (['same', 'cross'] as const).filter((c) => r.latencyMs[c].count > 0);
  const latencies = classes.map((c) => {
    const { p50, p95, p99 } = r.latencyMs[c];
    return `${c} p50/p95/p99 ${p50}/${p95}/${p99} ms (${(r.deliveryRatio[c] * 100).toFixed(1)}% delivered)`;
  });
  return (
    `step ${r.step + 1}: ${r.ratePerClient} upd/client/s → sent ${r.sentPerSecond}/s, ` +
    `acked ${r.acknowledgedPerSecond}/s; ${latencies.join(', ')}; ` +
    `http p95 ${r.http.latencyMs.p95} ms; driver ${r.driver.cpuPercent}% cpu`
  );
}
