/**
 * `npm run bench -w @motionmath/collab-server`: N clients in M rooms send small Yjs
 * updates; we measure accepted updates/s, fan-out latency (send → every other client in
 * the room received it) p50/p95/p99, server memory and server CPU ms per update, for
 *   1. collab-server on its defaults (embedded PGlite, every update durably logged),
 *   2. the plain y-websocket server (@y/websocket-server: memory only), same workload,
 *   3. three collab-server instances over Redis + PostgreSQL (cross-instance latency).
 * Each server runs in its own process; this process drives raw WebSocket clients (a
 * Y.Doc per client to encode updates, no provider overhead). Results are printed and
 * written to bench-results/collab-server.json.
 *
 * Options (env): BENCH_CLIENTS (1000), BENCH_ROOMS (50), BENCH_SECONDS (20),
 * BENCH_RATE (updates per client per second, 0.5), BENCH_CLUSTER_CLIENTS (300),
 * BENCH_DATABASE_URL / BENCH_REDIS_URL (cluster run; skipped when unreachable).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import pg from 'pg';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { REPO_ROOT } from '../config.ts';

const env = (name: string, fallback: number) => {
  const raw = process.env[name];
  return raw ? Number(raw) : fallback;
};
const CLIENTS = env('BENCH_CLIENTS', 1000);
const ROOMS = env('BENCH_ROOMS', 50);
const SECONDS = env('BENCH_SECONDS', 20);
const RATE = env('BENCH_RATE', 0.5);
const CLUSTER_CLIENTS = env('BENCH_CLUSTER_CLIENTS', 300);
const DATABASE_URL = process.env['BENCH_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** Time for in-flight deliveries to land after the senders stop. */
const DRAIN_MS = 2_000;
/** Connections opened at once: enough to connect 1,000 clients in a few seconds without
 * a SYN flood on loopback. */
const CONNECT_BATCH = 50;
const MAIN = resolve(import.meta.dirname, '..', 'main.ts');
const PEER = resolve(import.meta.dirname, 'y-websocket-peer.ts');
const RESULTS = resolve(REPO_ROOT, 'bench-results', 'collab-server.json');

interface ServerProcess {
  child: ChildProcess;
  url: string;
}

function spawnServer(
  script: string,
  extraEnv: Record<string, string>,
  ready: RegExp,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match?.[1]) {
        resolvePromise({
          child,
          url: match[1].startsWith('http') ? match[1] : `http://127.0.0.1:${match[1]}`,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${script} exited (${code}):\n${out}`)));
  });
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process used so far, all its threads included. */
function cpuMs(pid: number | undefined): number {
  // utime and stime are fields 14 and 15; the split after `(comm) ` starts at field 3.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? NaN) + Number(fields[12] ?? NaN);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** How a client frames messages for one server flavour. */
interface Flavour {
  name: string;
  url(room: string): string;
  hello(room: string, token: string, doc: Y.Doc): Uint8Array[];
  update(room: string, update: Uint8Array): Uint8Array;
  /** The Yjs update of a broadcast update message, if this is one. */
  incomingUpdate(data: Uint8Array): Uint8Array | null;
}

function readUpdateMessage(decoder: decoding.Decoder): Uint8Array | null {
  if (decoding.readVarUint(decoder) !== 0) return null; // not sync
  if (decoding.readVarUint(decoder) !== 2) return null; // not an update
  return decoding.readVarUint8Array(decoder);
}

const hocuspocusFlavour = (base: string): Flavour => ({
  name: 'collab-server',
  url: () => base.replace(/^http/, 'ws'),
  hello(room, token, doc) {
    const auth = encoding.createEncoder();
    encoding.writeVarString(auth, room);
    encoding.writeVarUint(auth, 2);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, token);
    const step1 = encoding.createEncoder();
    encoding.writeVarString(step1, room);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(doc));
    return [encoding.toUint8Array(auth), encoding.toUint8Array(step1)];
  },
  update(room, update) {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, room);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
  incomingUpdate(data) {
    const decoder = decoding.createDecoder(data);
    decoding.readVarString(decoder);
    return readUpdateMessage(decoder);
  },
});

const yWebsocketFlavour = (base: string): Flavour => ({
  name: 'y-websocket',
  url: (room) => `${base.replace(/^http/, 'ws')}/${room}`,
  hello(_room, _token, doc) {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint(step1, 0);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(doc));
    return [encoding.toUint8Array(step1)];
  },
  update(_room, update) {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint8Array(e, update);
    return encoding.toUint8Array(e);
  },
  incomingUpdate: (data) => readUpdateMessage(decoding.createDecoder(data)),
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return (
    Math.round(
      (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) * 100,
    ) / 100
  );
}

interface RunResult {
  server: string;
  clients: number;
  rooms: number;
  seconds: number;
  updatesSent: number;
  updatesPerSecond: number;
  deliveries: number;
  expectedDeliveries: number;
  deliveryRatio: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  crossInstanceLatencyMs?: { p50: number; p95: number; p99: number };
  sameInstanceLatencyMs?: { p50: number; p95: number; p99: number };
  serverRssMiB: { idle: number; loaded: number }[];
  /** Server CPU (all instances) from the first update sent until the drain ended, per
   * update sent: the cost of an update, independent of how busy the machine is. */
  serverCpuMsPerUpdate: number;
}

/** Drives `clients` raw clients: client i joins room i % rooms, through endpoint
 * ⌊i / rooms⌋ % endpoints, so every room has members on every endpoint. */
async function run(options: {
  label: string;
  endpoints: Flavour[];
  rooms: string[];
  token: string;
  clients: number;
  pids: (number | undefined)[];
}): Promise<RunResult> {
  const { endpoints, rooms, clients } = options;
  const idle = options.pids.map(rssMiB);
  const sendTimes = new Map<string, number>();
  const latencies: number[] = [];
  const sameLatencies: number[] = [];
  const crossLatencies: number[] = [];
  const senderEndpoint = new Map<number, number>();
  let deliveries = 0;
  let sent = 0;
  let measuring = false;
  const sockets: WebSocket[] = [];
  const docs: Y.Doc[] = [];

  for (let start = 0; start < clients; start += CONNECT_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(clients, start + CONNECT_BATCH); i++) {
      const endpointIndex = Math.floor(i / rooms.length) % endpoints.length;
      const flavour = endpoints[endpointIndex] as Flavour;
      const room = rooms[i % rooms.length] as string;
      const doc = new Y.Doc();
      senderEndpoint.set(doc.clientID, endpointIndex);
      const ws = new WebSocket(flavour.url(room));
      ws.binaryType = 'nodebuffer';
      ws.on('message', (data: Buffer) => {
        if (!measuring) return;
        const update = flavour.incomingUpdate(
          new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        );
        if (!update) return;
        const meta = Y.parseUpdateMeta(update);
        for (const [client, clock] of meta.from) {
          if (client === doc.clientID) continue;
          const sentAt = sendTimes.get(`${client}:${clock}`);
          if (sentAt === undefined) continue;
          const ms = performance.now() - sentAt;
          deliveries += 1;
          latencies.push(ms);
          if (endpoints.length > 1)
            (senderEndpoint.get(client) === endpointIndex ? sameLatencies : crossLatencies).push(
              ms,
            );
        }
      });
      batch.push(
        new Promise<void>((ok, fail) => {
          ws.once('open', () => {
            for (const frame of flavour.hello(room, options.token, doc)) ws.send(frame);
            ok();
          });
          ws.once('error', fail);
        }),
      );
      sockets.push(ws);
      docs.push(doc);
    }
    await Promise.all(batch);
  }
  // Let authentication and the initial sync settle.
  await new Promise((r) => setTimeout(r, 2_000));

  measuring = true;
  const cpuBefore = options.pids.map(cpuMs);
  const intervalMs = 1000 / RATE;
  const started = performance.now();
  const timers = sockets.map((ws, i) => {
    const doc = docs[i] as Y.Doc;
    const flavour = endpoints[Math.floor(i / rooms.length) % endpoints.length] as Flavour;
    const room = rooms[i % rooms.length] as string;
    const items = doc.getArray<number>('strokes');
    let pending: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (pending = u));
    const tick = () => {
      const clock = Y.getState(doc.store, doc.clientID);
      items.push([Math.round(performance.now())]);
      if (!pending) return;
      sendTimes.set(`${doc.clientID}:${clock}`, performance.now());
      ws.send(flavour.update(room, pending));
      pending = null;
      sent += 1;
    };
    // Spread the clients' phases so the load is even, not a thundering herd.
    let interval: ReturnType<typeof setInterval> | undefined;
    const phase = setTimeout(() => {
      tick();
      interval = setInterval(tick, intervalMs);
    }, Math.random() * intervalMs);
    return () => {
      clearTimeout(phase);
      clearInterval(interval);
    };
  });
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  for (const stop of timers) stop();
  const elapsed = (performance.now() - started) / 1000;
  const loaded = options.pids.map(rssMiB);
  await new Promise((r) => setTimeout(r, DRAIN_MS));
  const serverCpuMs = options.pids.reduce<number>(
    (sum, pid, i) => sum + cpuMs(pid) - (cpuBefore[i] ?? 0),
    0,
  );
  measuring = false;
  for (const ws of sockets) ws.terminate();

  const roomSizes = rooms.map(
    (_, r) => Math.floor(clients / rooms.length) + (r < clients % rooms.length ? 1 : 0),
  );
  const avgFanout = roomSizes.reduce((n, size) => n + size * (size - 1), 0) / clients;
  const sorted = latencies.sort((a, b) => a - b);
  const summary = (values: number[]) => {
    const s = values.sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
  };
  const result: RunResult = {
    server: options.label,
    clients,
    rooms: rooms.length,
    seconds: Math.round(elapsed * 10) / 10,
    updatesSent: sent,
    updatesPerSecond: Math.round(sent / elapsed),
    deliveries,
    expectedDeliveries: Math.round(sent * avgFanout),
    deliveryRatio: Math.round((deliveries / Math.max(1, sent * avgFanout)) * 1000) / 1000,
    latencyMs: { ...summary(sorted), max: Math.round((sorted.at(-1) ?? NaN) * 100) / 100 },
    serverRssMiB: idle.map((v, i) => ({ idle: v, loaded: loaded[i] ?? NaN })),
    serverCpuMsPerUpdate: Math.round((serverCpuMs / Math.max(1, sent)) * 1000) / 1000,
  };
  if (endpoints.length > 1) {
    result.sameInstanceLatencyMs = summary(sameLatencies);
    result.crossInstanceLatencyMs = summary(crossLatencies);
  }
  return result;
}

async function prepare(url: string, rooms: number): Promise<{ token: string; boards: string[] }> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(url + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const { token } = (await post('/api/auth/signup', {
    email: `bench-${Date.now()}@example.org`,
    password: 'benchmark password',
    tokenInBody: true,
  })) as { token: string };
  const boards: string[] = [];
  for (let i = 0; i < rooms; i++)
    boards.push(
      ((await post('/api/boards', { name: `bench ${i}` }, token))['board'] as { id: string }).id,
    );
  return { token, boards };
}

/** Our limits are per connection; the benchmark's clients stay far below them. */
const SERVER_ENV = { MESSAGES_PER_SECOND: '1000' };

function print(result: RunResult) {
  const l = result.latencyMs;
  console.log(
    `${result.server.padEnd(28)} ${String(result.updatesPerSecond).padStart(6)} upd/s  ` +
      `delivered ${(result.deliveryRatio * 100).toFixed(1)}%  ` +
      `latency p50 ${l.p50} ms  p95 ${l.p95} ms  p99 ${l.p99} ms  ` +
      `server CPU ${result.serverCpuMsPerUpdate} ms/update  ` +
      `rss ${result.serverRssMiB.map((m) => `${m.idle}→${m.loaded} MiB`).join(', ')}`,
  );
  if (result.crossInstanceLatencyMs) {
    const c = result.crossInstanceLatencyMs;
    const s = result.sameInstanceLatencyMs;
    console.log(
      `${''.padEnd(28)} cross-instance p50 ${c.p50} / p95 ${c.p95} / p99 ${c.p99} ms; same-instance p50 ${s?.p50} / p95 ${s?.p95} / p99 ${s?.p99} ms`,
    );
  }
}

async function main() {
  console.log(
    `collab-server benchmark: ${CLIENTS} clients, ${ROOMS} rooms, ${RATE} updates/client/s, ${SECONDS} s per run\n`,
  );
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    workload: { clients: CLIENTS, rooms: ROOMS, ratePerClient: RATE, seconds: SECONDS },
  };

  const dataDir = mkdtempSync(join(tmpdir(), 'mm-bench-'));
  const ours = await spawnServer(
    MAIN,
    { DATA_DIR: dataDir, ...SERVER_ENV },
    /collab-server: (http:\/\/\S+)/,
  );
  let oursResult: RunResult;
  try {
    const { token, boards } = await prepare(ours.url, ROOMS);
    oursResult = await run({
      label: 'collab-server (PGlite)',
      endpoints: [hocuspocusFlavour(ours.url)],
      rooms: boards,
      token,
      clients: CLIENTS,
      pids: [ours.child.pid],
    });
    print(oursResult);
  } finally {
    ours.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }

  const peer = await spawnServer(PEER, {}, /listening (\d+)/);
  let peerResult: RunResult;
  try {
    const rooms = Array.from({ length: ROOMS }, (_, i) => `room-${i}`);
    peerResult = await run({
      label: 'y-websocket (memory only)',
      endpoints: [yWebsocketFlavour(peer.url)],
      rooms,
      token: '',
      clients: CLIENTS,
      pids: [peer.child.pid],
    });
    print(peerResult);
  } finally {
    peer.child.kill('SIGKILL');
  }
  const ratio = {
    updatesPerSecond:
      Math.round((oursResult.updatesPerSecond / peerResult.updatesPerSecond) * 100) / 100,
    latencyP50: Math.round((oursResult.latencyMs.p50 / peerResult.latencyMs.p50) * 100) / 100,
    latencyP99: Math.round((oursResult.latencyMs.p99 / peerResult.latencyMs.p99) * 100) / 100,
    rssLoaded:
      Math.round(
        ((oursResult.serverRssMiB[0]?.loaded ?? NaN) /
          (peerResult.serverRssMiB[0]?.loaded ?? NaN)) *
          100,
      ) / 100,
  };
  console.log(
    `\nratio collab-server / y-websocket: updates/s ×${ratio.updatesPerSecond}, p50 latency ×${ratio.latencyP50}, p99 latency ×${ratio.latencyP99}, memory ×${ratio.rssLoaded}\n`,
  );
  Object.assign(results, { collabServer: oursResult, yWebsocket: peerResult, ratio });

  results['cluster'] = await runCluster().catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    console.log(`cluster run skipped: ${reason}`);
    return { skipped: reason };
  });

  mkdirSync(resolve(RESULTS, '..'), { recursive: true });
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwritten to ${RESULTS}`);
}

async function runCluster(): Promise<RunResult> {
  const schema = `mm_bench_${Date.now()}`;
  const prefix = `mmbench${Date.now()}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3_000 });
  await admin.connect();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, connectTimeout: 3_000 });
  redis.on('error', () => {});
  await redis.ping();
  const servers: ServerProcess[] = [];
  try {
    const clusterEnv = {
      ...SERVER_ENV,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      REDIS_URL,
      REDIS_PREFIX: prefix,
    };
    // The first instance runs the migrations; the others then find them applied.
    servers.push(
      await spawnServer(
        MAIN,
        { ...clusterEnv, INSTANCE_NAME: 'a' },
        /collab-server: (http:\/\/\S+)/,
      ),
    );
    for (const name of ['b', 'c'])
      servers.push(
        await spawnServer(
          MAIN,
          { ...clusterEnv, INSTANCE_NAME: name },
          /collab-server: (http:\/\/\S+)/,
        ),
      );
    const rooms = Math.max(1, Math.round((ROOMS * CLUSTER_CLIENTS) / CLIENTS));
    const { token, boards } = await prepare(servers[0]?.url ?? '', rooms);
    const result = await run({
      label: '3× collab-server (Redis+PG)',
      endpoints: servers.map((s) => hocuspocusFlavour(s.url)),
      rooms: boards,
      token,
      clients: CLUSTER_CLIENTS,
      pids: servers.map((s) => s.child.pid),
    });
    print(result);
    return result;
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await admin.end();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

await main();
process.exit(0);
