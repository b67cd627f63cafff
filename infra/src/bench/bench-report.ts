/** Tables and the plot of a cluster load-test run (pure: results in, text out). */
import type { StepResult } from './cluster-load.ts';
import { renderLinePlot } from './line-plot.ts';
import type { PlotSeries } from './line-plot.ts';

const triple = (s: { p50: number; p95: number; p99: number }) =>
  [s.p50, s.p95, s.p99].map((v) => (Number.isFinite(v) ? String(Math.round(v)) : '–')).join(' / ');
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}`;
const list = (values: number[]) => values.map((v) => String(Math.round(v))).join(' / ');

export const TABLE_HEADERS = [
  'upd/client/s',
  'offered upd/s',
  'sent upd/s',
  'acked upd/s',
  'delivered % same / cross',
  'same-instance p50 / p95 / p99 ms',
  'cross-instance p50 / p95 / p99 ms',
  'ack p95 ms',
  'HTTP p95 ms (req/s, errors)',
  'RSS MiB per server',
  'CPU % per server',
  'PG / Redis CPU %',
  'driver CPU %',
  'machine busy %',
];

export function tableRows(steps: StepResult[]): string[][] {
  return steps.map((r) => [
    String(r.ratePerClient),
    String(Math.round(r.offeredUpdatesPerSecond)),
    String(Math.round(r.sentPerSecond)),
    String(Math.round(r.acknowledgedPerSecond)),
    `${percent(r.deliveryRatio.same)} / ${percent(r.deliveryRatio.cross)}`,
    triple(r.latencyMs.same),
    triple(r.latencyMs.cross),
    String(Math.round(r.ackLatencyMs.p95)),
    `${Math.round(r.http.latencyMs.p95)} (${Math.round(r.http.ratePerSecond)}, ${r.http.errors})`,
    list(r.servers.map((s) => s.rssMiB)),
    list(r.servers.map((s) => s.cpuPercent)),
    `${Math.round(r.services['postgres']?.cpuPercent ?? NaN)} / ${Math.round(r.services['redis']?.cpuPercent ?? NaN)}`,
    String(Math.round(r.driver.cpuPercent)),
    String(Math.round(r.machineCpuBusyPercent)),
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

const PERCENTILE_COLORS = { p50: '#1f77b4', p95: '#ff7f0e', p99: '#d62728' } as const;

/** Fan-out latency p50/p95/p99 against the updates/s actually sent: solid same-instance,
 * dashed cross-instance. */
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
  return renderLinePlot({
    title: 'Fan-out latency against load',
    subtitle,
    xLabel: 'updates sent per second (each fans out to every other member of its board)',
    yLabel: 'send → received by a peer (ms, log scale)',
    logY: true,
    series,
  });
}
