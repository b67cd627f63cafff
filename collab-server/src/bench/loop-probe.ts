/**
 * Where a server process spends its time, loaded into it with
 * `node --import ./src/bench/loop-probe.ts src/main.ts` (the bench does this when
 * BENCH_PROBE=1). Measures the event-loop delay (perf_hooks.monitorEventLoopDelay) and
 * reads the durable append's stage timers; at exit it writes both, as percentiles in
 * milliseconds, to the JSON file named by PROBE_OUT, with the same per second of the
 * window. SIGUSR2 restarts the measurement. An `--import` also runs in every worker
 * thread (the embedded database's): only the main thread measures and writes.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { RecordableHistogram } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { appendStages } from '../collab/update-log-writer.ts';

/** Sampling resolution of the loop-delay timer: fine enough to see 1 ms stalls. */
const LOOP_RESOLUTION_MS = 1;

interface Second {
  loopP99Ms: number;
  loopMaxMs: number;
  appends: number;
  batches: number;
  queueWaitMaxMs: number;
}

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

function probe() {
  const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  loop.enable();
  // The same per second, with that second's appends and batches, to line the server's
  // stalls up with the bench's latency timeline (BENCH_TIMELINE=1).
  const secondLoop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  secondLoop.enable();
  const perSecond: Second[] = [];
  let counted = { appends: 0, batches: 0 };
  let timer: ReturnType<typeof setInterval> | undefined;
  const closeSecond = () => {
    const appends = appendStages.queueWaitUs.count;
    const batches = appendStages.batchSize.count;
    perSecond.push({
      loopP99Ms: secondLoop.percentile(99) / 1e6,
      loopMaxMs: secondLoop.max / 1e6,
      appends: appends - counted.appends,
      batches: batches - counted.batches,
      queueWaitMaxMs: appendStages.queueWaitMaxUs.max / 1e3,
    });
    counted = { appends, batches };
    secondLoop.reset();
    appendStages.queueWaitMaxUs.reset();
  };

  // The bench sends SIGUSR2 when its clients start sending: only that window counts
  // (the totals below also hold the shutdown, which stores every board: their max).
  process.on('SIGUSR2', () => {
    loop.reset();
    secondLoop.reset();
    for (const histogram of Object.values(appendStages)) histogram.reset();
    perSecond.length = 0;
    counted = { appends: 0, batches: 0 };
    clearInterval(timer);
    timer = setInterval(closeSecond, 1000);
    timer.unref();
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
        appendAckMs: percentiles(appendStages.ackUs, 1e3),
        appendBatchSize: percentiles(appendStages.batchSize, 1),
        perSecond,
      }),
    );
  });
}

if (isMainThread) probe();
