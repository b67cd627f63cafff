import { summarize } from '@motionmath/testkit';
import type { LatencySummary } from '@motionmath/testkit';
import { pace } from './pacer.ts';

/** A request slower than this counts as failed: far beyond any usable API latency. */
const REQUEST_TIMEOUT_MS = 10_000;
/** One request in this many creates a board (a write); the others read one. */
const CREATE_EVERY = 5;

export type HttpRequestKind = 'board.get' | 'board.create';

interface StepHttpSamples {
  latencies: Record<HttpRequestKind, number[]>;
  errors: number;
}

export interface HttpLoadOptions {
  urls: string[];
  token: string;
  boardIds: string[];
  perSecond: number;
}

export interface HttpStepResult {
  requests: number;
  errors: number;
  latencyMs: LatencySummary;
  byKind: Record<HttpRequestKind, LatencySummary>;
}

/**
 * The HTTP API under a fixed, open-loop request rate while the WebSockets carry the load:
 * authenticated `GET /api/boards/:id` (session lookup, board, role) and, one in
 * `CREATE_EVERY`, `POST /api/boards` (a transaction and an event row), spread round-robin
 * over the instances. Each sample counts in the step during which its request started.
 */
export class HttpLoad {
  readonly #steps = new Map<number, StepHttpSamples>();
  readonly #inFlight = new Set<Promise<void>>();
  readonly #options: HttpLoadOptions;
  #stopPacer: (() => number) | null = null;
  #step = 0;
  #count = 0;

  constructor(options: HttpLoadOptions) {
    this.#options = options;
  }

  start(): void {
    this.#stopPacer = pace(this.#options.perSecond, () => this.#fire());
  }

  setStep(step: number): void {
    this.#step = step;
  }

  async stop(): Promise<void> {
    this.#stopPacer?.();
    await Promise.all(this.#inFlight);
  }

  result(step: number): HttpStepResult {
    const samples = this.#samples(step);
    const all = [...samples.latencies['board.get'], ...samples.latencies['board.create']];
    return {
      requests: all.length + samples.errors,
      errors: samples.errors,
      latencyMs: summarize(all),
      byKind: {
        'board.get': summarize(samples.latencies['board.get']),
        'board.create': summarize(samples.latencies['board.create']),
      },
    };
  }

  #samples(step: number): StepHttpSamples {
    let samples = this.#steps.get(step);
    if (!samples) {
      samples = { latencies: { 'board.get': [], 'board.create': [] }, errors: 0 };
      this.#steps.set(step, samples);
    }
    return samples;
  }

  #fire() {
    const { urls, token, boardIds } = this.#options;
    const n = this.#count++;
    const url = urls[n % urls.length] ?? '';
    const kind: HttpRequestKind =
      n % CREATE_EVERY === CREATE_EVERY - 1 ? 'board.create' : 'board.get';
    const samples = this.#samples(this.#step);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const request =
      kind === 'board.create'
        ? { method: 'POST', headers, body: JSON.stringify({ name: `http load ${n}` }) }
        : { method: 'GET', headers };
    const path =
      kind === 'board.create' ? '/api/boards' : `/api/boards/${boardIds[n % boardIds.length]}`;
    const started = performance.now();
    const done = fetch(url + path, { ...request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
      .then(async (response) => {
        await response.arrayBuffer();
        if (response.ok) samples.latencies[kind].push(performance.now() - started);
        else samples.errors += 1;
      })
      .catch(() => {
        samples.errors += 1;
      })
      .finally(() => this.#inFlight.delete(done));
    this.#inFlight.add(done);
  }
}
