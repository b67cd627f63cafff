/**
 * The bench's load: real client libraries, one socket each — `@hocuspocus/provider` for
 * the Hocuspocus-protocol servers, y-websocket's `WebsocketProvider` for y-websocket.
 * Client i joins board i % boards; every client pushes one number to a Y.Array at an even
 * share of the total rate, phases spread at random. Fan-out latency is send → each other
 * client of the board applied the update.
 */
import { loadavg } from 'node:os';
import pidusage from 'pidusage';
import * as Y from 'yjs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { WebsocketProvider } from 'y-websocket';
import { summarize } from '@motionmath/testkit';
import type { LatencySummary } from '@motionmath/testkit';

export interface Load {
  clients: number;
  boards: number;
  updatesPerSecond: number;
  seconds: number;
}

export interface Target {
  label: string;
  protocol: 'hocuspocus' | 'y-websocket';
  /** ws:// base URL. */
  url: string;
  boards: string[];
  token: string;
  pid: number | undefined;
  /** Called when the clients start sending (the bench restarts the server's probe). */
  onMeasure?: () => void;
}

export interface Measured {
  server: string;
  load: Load;
  updatesSent: number;
  deliveryRatio: number;
  latencyMs: Omit<LatencySummary, 'count'>;
  /** Per second of sending (by send time): how many deliveries, their p99 and max. */
  timeline: { second: number; count: number; p99: number; max: number }[];
  /** Server CPU over the sending window, % of one core. */
  cpuPercent: number;
  /** Largest resident set sampled while sending (MiB). */
  rssMiB: number;
  loadAverage: { before: number[]; after: number[] };
}

/** Sockets opened at once: connects thousands in seconds without a SYN flood. */
const CONNECT_BATCH = 100;
/** A client that has not synced by then fails the run (the server is not keeping up). */
const CONNECT_TIMEOUT_MS = 60_000;
/** Time for in-flight deliveries to land after the senders stop. */
const DRAIN_MS = 2_000;
/** How often the server's RSS is sampled. */
const RSS_SAMPLE_MS = 1_000;

interface BenchClient {
  doc: Y.Doc;
  synced: Promise<void>;
  destroy(): void;
}

function open(target: Target, board: string): BenchClient {
  const doc = new Y.Doc();
  if (target.protocol === 'hocuspocus') {
    const provider = new HocuspocusProvider({
      url: target.url,
      name: board,
      token: target.token,
      document: doc,
    });
    const synced = new Promise<void>((resolve, reject) => {
      provider.on('synced', () => resolve());
      provider.on('authenticationFailed', ({ reason }: { reason: string }) =>
        reject(new Error(`authentication failed: ${reason}`)),
      );
    });
    return { doc, synced, destroy: () => provider.destroy() };
  }
  const provider = new WebsocketProvider(target.url, board, doc, { disableBc: true });
  const synced = new Promise<void>((resolve) => {
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
  });
  return { doc, synced, destroy: () => provider.destroy() };
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function drive(target: Target, load: Load): Promise<Measured> {
  const clients: BenchClient[] = [];
  const sendTimes = new Map<string, number>();
  const latencies: number[] = [];
  /** The send second of each latency (same index), for the timeline. */
  const sentSecond: number[] = [];
  let started = 0;
  let measuring = false;
  let sent = 0;
  try {
    for (let start = 0; start < load.clients; start += CONNECT_BATCH) {
      const batch: BenchClient[] = [];
      for (let i = start; i < Math.min(load.clients, start + CONNECT_BATCH); i++) {
        const client = open(target, target.boards[i % target.boards.length] as string);
        client.doc.on('update', (update: Uint8Array, origin: unknown) => {
          if (!measuring || origin === null) return; // our own push
          for (const [sender, clock] of Y.parseUpdateMeta(update).from) {
            const sentAt = sendTimes.get(`${sender}:${clock}`);
            if (sentAt === undefined) continue;
            latencies.push(performance.now() - sentAt);
            sentSecond.push(Math.floor((sentAt - started) / 1000));
          }
        });
        batch.push(client);
        clients.push(client);
      }
      await withTimeout(
        Promise.all(batch.map((c) => c.synced)),
        CONNECT_TIMEOUT_MS,
        `${target.label}: syncing clients ${start}…`,
      );
    }

    const loadBefore = loadavg();
    const cpuBefore = target.pid === undefined ? 0 : (await pidusage(target.pid)).ctime;
    let rssMax = 0;
    const sampler = setInterval(() => {
      if (target.pid === undefined) return;
      void pidusage(target.pid).then((s) => (rssMax = Math.max(rssMax, s.memory)));
    }, RSS_SAMPLE_MS);
    measuring = true;
    target.onMeasure?.();
    const intervalMs = (1000 * load.clients) / load.updatesPerSecond;
    started = performance.now();
    const stops = clients.map(({ doc }) => {
      const items = doc.getArray<number>('strokes');
      const tick = () => {
        const clock = Y.getState(doc.store, doc.clientID);
        sendTimes.set(`${doc.clientID}:${clock}`, performance.now());
        items.push([sent]); // the provider sends it from this transaction
        sent += 1;
      };
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
    await sleep(load.seconds * 1000);
    for (const stop of stops) stop();
    const elapsedMs = performance.now() - started;
    const cpuAfter = target.pid === undefined ? 0 : (await pidusage(target.pid)).ctime;
    await sleep(DRAIN_MS);
    clearInterval(sampler);
    measuring = false;

    // Each client sends equally often and reaches the others of its board.
    const boards = target.boards.length;
    let receivers = 0;
    for (let b = 0; b < boards; b++) {
      const size = Math.floor(load.clients / boards) + (b < load.clients % boards ? 1 : 0);
      receivers += size * (size - 1);
    }
    const expected = (sent * receivers) / load.clients;
    const { count: _count, ...latencyMs } = summarize(latencies);
    const perSecond: number[][] = [];
    latencies.forEach((ms, i) => (perSecond[sentSecond[i] as number] ??= []).push(ms));
    const timeline = [...perSecond.entries()].flatMap(([second, samples]) => {
      if (!samples) return [];
      const { count, p99, max } = summarize(samples);
      return [{ second, count, p99, max }];
    });
    return {
      server: target.label,
      load,
      updatesSent: sent,
      deliveryRatio: Math.round((latencies.length / Math.max(1, expected)) * 1000) / 1000,
      latencyMs,
      timeline,
      cpuPercent: Math.round(((cpuAfter - cpuBefore) / elapsedMs) * 100),
      rssMiB: Math.round(rssMax / 1024 / 1024),
      loadAverage: { before: loadBefore, after: loadavg() },
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}
