/** Latency summary of one class of samples, in milliseconds (2 decimals). */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Nearest-rank percentile (`p` in 0–100): the smallest value with at least p% of the
 * samples at or below it. The one definition every benchmark and evaluation reports.
 * Takes samples in any order (sorts a copy). NaN for no samples, so an empty class never
 * reads as "0 ms".
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** p50/p95/p99/max of samples in any order (the array is not modified). */
export function summarize(samples: readonly number[]): LatencySummary {
  // A loop, not Math.max(...samples): load tests have more samples than a call has arguments.
  let max = samples.length === 0 ? NaN : -Infinity;
  for (const value of samples) if (value > max) max = value;
  return {
    count: samples.length,
    p50: round2(percentile(samples, 50)),
    p95: round2(percentile(samples, 95)),
    p99: round2(percentile(samples, 99)),
    max: round2(max),
  };
}
