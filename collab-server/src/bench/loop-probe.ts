/**
 * Where a server process spends its time, loaded into it with
 * `node --import ./src/bench/loop-probe.ts src/main.ts` (the bench does this when
 * BENCH_PROBE=1). Measures the event-loop delay (perf_hooks.monitorEventLoopDelay) and
 * reads the durable append's stage timers; at exit it writes both, as percentiles in
 * milliseconds, to the JSON file named by PROBE_OUT. SIGUSR2 restarts the measurement.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RecordableHistogram } from 'node:perf_hooks';
import { appendStages } from '../collab/update-log-writer.ts';

/** Sampling resolution of the loop-delay timer: fine enough to see 1 ms stalls. */
const LOOP_RESOLUTION_MS = 1;

const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
loop.enable();

const percentiles = (
  h: Pick<RecordableHistogram, 'count' | 'percentile' | 'max'>,
  unitPerMs: number,
) => ({
  count: h.count,
  p50: h.percentile(50) / unitPerMs,
  p95: h.percentile(95) / unitPerMs,
  p99: h.percentile(99) / unitPerMs,
  max: h.max / unitPerMs,
});

// The bench sends SIGUSR2 when its clients start sending: only that window counts.
process.on('SIGUSR2', () => {
  loop.reset();
  for (const histogram of Object.values(appendStages)) histogram.reset();
});

process.on('exit', () => {
  const out = process.env['PROBE_OUT'];
  if (!out) return;
  loop.disable();
  writeFileSync(
    out,
    JSON.stringify({
      eventLoopDelayMs: percentiles(loop, 1e6),
      appendQueueWaitMs: percentiles(appendStages.queueWaitUs, 1e3),
      appendInsertMs: percentiles(appendStages.insertUs, 1e3),
      appendBatchSize: percentiles(appendStages.batchSize, 1),
    }),
  );
});
