/** Tables and the plot of a cluster load-test run (pure: results in, text out). */
import type { ClusterBenchConfig } from './bench-config.ts';
import type { LoadRunResult, StepResult } from './cluster-load.ts';
import { renderLinePlot } from './line-plot.ts';
import type { PlotSeries } from './line-plot.ts';

/** Milliseconds: one decimal below 10 (where the difference matters), whole above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}
const triple = (s: { p50: number; p95: number; p99: number }) =>
  [s.p50, s.p95, s.p99].map(ms).join(' / ');
const percent = (ratio: number) => (Number.isFinite(ratio) ? (ratio * 100).toFixed(1) : '–');
const whole = (v: number) => (Number.isFinite(v) ? String(Math.round(v)) : '–');
const list = (values: number[]) => values.map(whole).join(' / ');

export const TABLE_HEADERS = [
  'upd/client/s',
  'sent upd/s (offered)',
  'acked upd/s',
  'delivered % same / cross',
  'same-instance p50 / p95 / p99 ms',
  'cross-instance p50 / p95 / p99 ms',
  'ack p95 ms',
  'HTTP p95 ms (req/s, errors)',
  'RSS MiB per server',
  'CPU % per server',
  'CPU wait % per server',
  'server CPU ms / update',
  'PG / Redis CPU %',
  'driver CPU % (loop delay p99 ms)',
  'machine busy %',
];

export function tableRows(steps: StepResult[]): string[][] {
  return steps.map((r) => [
    String(r.ratePerClient),
    `${whole(r.sentPerSecond)} (${whole(r.offeredUpdatesPerSecond)})`,
    whole(r.acknowledgedPerSecond),
    `${percent(r.deliveryRatio.same)} / ${percent(r.deliveryRatio.cross)}`,
    triple(r.latencyMs.same),
    triple(r.latencyMs.cross),
    ms(r.ackLatencyMs.p95),
    `${ms(r.http.latencyMs.p95)} (${whole(r.http.ratePerSecond)}, ${r.http.errors})`,
    list(r.servers.map((s) => s.memoryMiB)),
    list(r.servers.map((s) => s.cpuPercent)),
    list(r.servers.map((s) => s.cpuWaitPercent)),
    r.serverCpuMsPerUpdate.toFixed(2),
    `${whole(r.services['postgres']?.cpuPercent ?? NaN)} / ${whole(r.services['redis']?.cpuPercent ?? NaN)}`,
    `${whole(r.driver.cpuPercent)} (${whole(r.driver.eventLoopDelayP99Ms)})`,
    whole(r.machineCpuBusyPercent),
  ]);
}

/** A GitHub-flavoured Markdown table (pipes in cells escaped). */
export function markdownTable(headers: string[], rows: string[][]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n') + '\n';
}

/** The same table for a terminal: one block per step, a label per value. */
export function textTable(headers: string[], rows: string[][]): string {
  const width = Math.max(...headers.map((h) => h.length));
  return rows
    .map((row) =>
      row.map((value, i) => `  ${(headers[i] ?? '').padEnd(width)}  ${value}`).join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** What `bench-results/cluster.json` holds. */
export interface ClusterBenchResult extends LoadRunResult {
  date: string;
  durationSeconds: number;
  node: string;
  machine: { cpus: number; model: string; loadAverage: number[]; loadAverageAtEnd: number[] };
  config: ClusterBenchConfig;
  servers: string[];
  postgres: { fsync: boolean };
}

export function plotSubtitle(result: ClusterBenchResult): string {
  const { config, machine } = result;
  return (
    `${config.clients} clients, ${config.boards} boards, ${config.servers} instances + PostgreSQL + Redis; ` +
    `${machine.cpus} CPUs, load average ${machine.loadAverage[0]} at start; ${result.date.slice(0, 10)}`
  );
}

const PERCENTILE_COLORS = { p50: '#1f77b4', p95: '#ff7f0e', p99: '#d62728' } as const;

/** Fan-out latency p50/p95/p99 against the updates/s actually sent: solid same-instance,
 * dashed cross-instance; grey the HTTP API's p95 at its fixed request rate. */
export function latencyPlot(steps: StepResult[], subtitle: string): string {
  const series: PlotSeries[] = [];
  for (const peerClass of ['same', 'cross'] as const)
    for (const p of ['p50', 'p95', 'p99'] as const)
      series.push({
        label: `${p} ${peerClass === 'same' ? 'same-instance' : 'cross-instance'}`,
        color: PERCENTILE_COLORS[p],
        dashed: peerClass === 'cross',
        points: steps.map((r) => ({ x: r.sentPerSecond, y: r.latencyMs[peerClass][p] })),
      });
  series.push({
    label: 'HTTP API p95',
    color: '#7f7f7f',
    points: steps.map((r) => ({ x: r.sentPerSecond, y: r.http.latencyMs.p95 })),
  });
  return renderLinePlot({
    title: 'Fan-out and HTTP API latency against load',
    subtitle,
    xLabel: 'updates sent per second (each fans out to every other member of its board)',
    yLabel: 'ms, log scale (fan-out: send → received by a peer)',
    logY: true,
    series,
  });
}
