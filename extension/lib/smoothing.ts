/**
 * One Euro smoothing per sensitivity step. minCutoff sets steadiness at rest; beta how
 * quickly the filter opens up with speed. Step 3 is the recognizer's default (2 Hz, 40), tuned on real MediaPipe noise.
 */
export function smoothingFor(sensitivity: number): { minCutoff: number; beta: number } {
  const step = Math.min(5, Math.max(1, Math.round(sensitivity)));
  const MIN_CUTOFF_HZ = [0.8, 1.4, 2, 3, 4.5];
  const BETA = [15, 25, 40, 60, 90];
  return { minCutoff: MIN_CUTOFF_HZ[step - 1] ?? 2, beta: BETA[step - 1] ?? 40 };
}
