import { describe, expect, it } from 'vitest';
import {
  TABLE_HEADERS,
  latencyPlot,
  markdownTable,
  ms,
  tableRows,
  textTable,
} from './bench-report.ts';
import type { StepResult } from './cluster-load.ts';

describe('markdownTable', () => {
  it('writes a header, a rule and one line per row, escaping pipes', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe(
      '| a | b |\n| --- | --- |\n| 1 | x\\|y |\n',
    );
  });
});

describe('textTable', () => {
  it('labels every value, one block per row', () => {
    expect(
      textTable(
        ['rate', 'p95 ms'],
        [
          ['1', '20'],
          ['2', '40'],
        ],
      ),
    ).toBe('  rate    1\n  p95 ms  20\n\n  rate    2\n  p95 ms  40\n');
  });
});

describe('ms', () => {
  it('keeps a decimal only where it matters', () => {
    expect(ms(4.04)).toBe('4.0');
    expect(ms(356.48)).toBe('356');
    expect(ms(NaN)).toBe('–');
  });
});

describe('tableRows and latencyPlot', () => {
  const summary = (p50: number) => ({ count: 1, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4 });
  const empty = { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const use = { memoryMiB: 300.4, cpuPercent: 20.6, cpuWaitPercent: 40 };
  // A single-server run: no cross-instance peers at all.
  const step: StepResult = {
    step: 0,
    ratePerClient: 0.5,
    offeredUpdatesPerSecond: 100,
    seconds: 15,
    sentPerSecond: 99.6,
    acknowledgedPerSecond: 99.6,
    refused: 0,
    deliveriesPerSecond: 298.8,
    serverCpuMsPerUpdate: 1.234,
    deliveryRatio: { same: 1, cross: NaN },
    latencyMs: { same: summary(2.345), cross: empty, all: summary(2.345) },
    ackLatencyMs: summary(1),
    http: {
      requests: 900,
      errors: 0,
      ratePerSecond: 50,
      latencyMs: summary(10),
      byKind: { 'board.get': summary(9), 'board.create': summary(12) },
    },
    servers: [use],
    services: { postgres: use, redis: use },
    driver: { cpuPercent: 10, cpuWaitPercent: 5, eventLoopDelayP99Ms: 20 },
    machineCpuBusyPercent: 50,
    loadAverage1m: 1,
  };

  it('shows a class without peers as a dash, never as 0', () => {
    const [row] = tableRows([step]);
    expect(row).toHaveLength(TABLE_HEADERS.length);
    expect(row?.[3]).toBe('100.0 / –');
    expect(row?.[4]).toBe('2.3 / 4.7 / 7.0');
    expect(row?.[5]).toBe('– / – / –');
    expect(row?.[8]).toBe('300');
  });

  it('plots only the classes that have samples, plus the HTTP line', () => {
    const svg = latencyPlot([step, { ...step, sentPerSecond: 200 }], 'subtitle');
    expect(svg.match(/<polyline/g)).toHaveLength(4); // same p50/p95/p99 + HTTP p95
  });
});
