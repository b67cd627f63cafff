/** The cluster load test's knobs, from the environment (documented in infra/README.md). */
export interface ClusterBenchConfig {
  clients: number;
  boards: number;
  servers: number;
  /** Updates per client per second, one load step each: the x axis of the plot. */
  ratesPerClient: number[];
  stepSeconds: number;
  /** Unreported first seconds at the first rate. */
  warmupSeconds: number;
  /** Quiet time after each step (once the servers answered its backlog), so late
   * deliveries land in their own step. */
  drainSeconds: number;
  /** HTTP API requests per second during the whole run (open loop). */
  httpRate: number;
  /** WebSockets opened at once while connecting. */
  connectBatch: number;
  /** Extra server environment, `A=1,B=2` (e.g. LOG_LEVEL=warn). */
  serverEnv: Record<string, string>;
  jsonPath: string;
  svgPath: string;
}

export const DEFAULT_BENCH_CONFIG: ClusterBenchConfig = {
  clients: 2_000,
  boards: 500,
  servers: 3,
  // 200 → 3,000 offered updates/s with 2,000 clients: from idle to past saturation of a
  // small machine; each update fans out to the 3 other members of its board.
  ratesPerClient: [0.1, 0.25, 0.5, 0.75, 1, 1.5],
  stepSeconds: 15,
  warmupSeconds: 5,
  drainSeconds: 3,
  httpRate: 50,
  // Enough to connect 2,000 clients in seconds without a SYN flood on loopback.
  connectBatch: 100,
  serverEnv: {},
  jsonPath: 'bench-results/cluster.json',
  svgPath: 'infra/bench/latency-vs-load.svg',
};

function positive(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  integer: boolean,
  zeroAllowed = false,
) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  const inRange = zeroAllowed ? value >= 0 : value > 0;
  if (!inRange || (integer && !Number.isInteger(value)))
    throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, got "${raw}"`);
  return value;
}

function rates(raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !(v > 0)))
    throw new Error(`BENCH_RATES must be positive numbers separated by commas, got "${raw}"`);
  return values;
}

function keyValues(raw: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of (raw ?? '').split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`BENCH_SERVER_ENV entries are NAME=value, got "${part}"`);
    pairs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return pairs;
}

export function benchConfigFromEnv(env: NodeJS.ProcessEnv): ClusterBenchConfig {
  const d = DEFAULT_BENCH_CONFIG;
  return {
    clients: positive(env, 'BENCH_CLIENTS', d.clients, true),
    boards: positive(env, 'BENCH_BOARDS', d.boards, true),
    servers: positive(env, 'BENCH_SERVERS', d.servers, true),
    ratesPerClient: rates(env['BENCH_RATES'], d.ratesPerClient),
    stepSeconds: positive(env, 'BENCH_STEP_SECONDS', d.stepSeconds, false),
    warmupSeconds: positive(env, 'BENCH_WARMUP_SECONDS', d.warmupSeconds, false, true),
    drainSeconds: positive(env, 'BENCH_DRAIN_SECONDS', d.drainSeconds, false),
    httpRate: positive(env, 'BENCH_HTTP_RATE', d.httpRate, false),
    connectBatch: positive(env, 'BENCH_CONNECT_BATCH', d.connectBatch, true),
    serverEnv: keyValues(env['BENCH_SERVER_ENV']),
    jsonPath: env['BENCH_JSON'] || d.jsonPath,
    svgPath: env['BENCH_SVG'] || d.svgPath,
  };
}
