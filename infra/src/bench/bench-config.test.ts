import { describe, expect, it } from 'vitest';
import { DEFAULT_BENCH_CONFIG, benchConfigFromEnv } from './bench-config.ts';

describe('benchConfigFromEnv', () => {
  it('defaults to 2,000 clients on 500 boards over 3 servers', () => {
    expect(benchConfigFromEnv({})).toEqual(DEFAULT_BENCH_CONFIG);
    expect(DEFAULT_BENCH_CONFIG).toMatchObject({ clients: 2000, boards: 500, servers: 3 });
  });

  it('reads every knob', () => {
    const config = benchConfigFromEnv({
      BENCH_CLIENTS: '40',
      BENCH_BOARDS: '10',
      BENCH_SERVERS: '2',
      BENCH_RATES: '0.5, 2',
      BENCH_STEP_SECONDS: '2.5',
      BENCH_DRAIN_SECONDS: '1',
      BENCH_WARMUP_SECONDS: '0',
      BENCH_HTTP_RATE: '10',
      BENCH_CONNECT_BATCH: '5',
      BENCH_SERVER_ENV: 'LOG_LEVEL=warn, MESSAGES_PER_SECOND=500',
      BENCH_JSON: '/tmp/a.json',
      BENCH_SVG: '/tmp/a.svg',
    });
    expect(config).toEqual({
      clients: 40,
      boards: 10,
      servers: 2,
      ratesPerClient: [0.5, 2],
      stepSeconds: 2.5,
      warmupSeconds: 0,
      drainSeconds: 1,
      httpRate: 10,
      connectBatch: 5,
      serverEnv: { LOG_LEVEL: 'warn', MESSAGES_PER_SECOND: '500' },
      jsonPath: '/tmp/a.json',
      svgPath: '/tmp/a.svg',
    });
  });

  it('refuses nonsense instead of running a different test', () => {
    expect(() => benchConfigFromEnv({ BENCH_CLIENTS: '1.5' })).toThrow(/BENCH_CLIENTS/);
    expect(() => benchConfigFromEnv({ BENCH_RATES: '1,,2' })).toThrow(/BENCH_RATES/);
    expect(() => benchConfigFromEnv({ BENCH_SERVER_ENV: 'oops' })).toThrow(/NAME=value/);
  });
});
