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
 * Nearest-rank percentile of ascending `sorted` values (`p` in 0–100): the smallest value
 * with at least p% of the samples at or below it. NaN for no samples, so an empty class
 * never reads as "0 ms".
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

/** p50/p95/p99/max of unsorted samples (the array is not modified). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort();
  const values = Array.from(sorted);
  return {
    count: values.length,
    p50: round2(percentile(values, 50)),
    p95: round2(percentile(values, 95)),
    p99: round2(percentile(values, 99)),
    max: round2(values.at(-1) ?? NaN),
  };
}
