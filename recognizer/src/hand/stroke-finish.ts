import type { InkPoint } from '../ink/types.ts';

/**
 * A finished air stroke, made to read like pen ink. While the pen is down the tracker must
 * smooth causally (One Euro: the live ink cannot wait for the future), which lags at speed
 * and cuts corners. Once the stroke is finished the whole of it is known, so the ink that
 * is recognized (and kept) is rebuilt from the raw fingertip positions:
 * 1. the first point is pulled halfway to the second: the first frame of the writing pose
 *    is still tracked from the previous pose's region, and its fingertip is off (a hook);
 * 2. optionally a lag-free smoothing (a centred Gaussian over time that narrows with speed);
 * 3. points every RESAMPLE_STEP along a Catmull-Rom curve through the frame points, so a
 *    small symbol drawn in a few 30 fps frames keeps its curves instead of a polygon.
 * Chosen on the development half (by writer) of simulated air-writing of CROHME train
 * core expressions (recognizer README, "Air ink against pen ink"). Pure; runs once per
 * stroke, at pen-up.
 */

export interface StrokeFinishOptions {
  /**
   * Where the first point goes between the second (0) and where it was seen (1). On the
   * development data the first frame's fingertip is off by 5–7 px (1–2 px from the second
   * frame on); dropping it lost more shape than it saved (symbols 66.0 → 57.9 % lite,
   * 70.8 → 60.3 % full), and extrapolating from the next frames was worse still (53.6 %
   * lite: pen strokes curve at the start).
   */
  firstPointWeight?: number;
  /**
   * Standard deviation (ms) of a centred Gaussian at rest; 0 = none. It narrows with
   * speed (half as wide at `smoothingHalfSpeed` frame heights/s). Off by default: the
   * landmark jitter is 1–2 px and any smoothing tried cost shape (σ 33 ms: exact
   * 28.1 → 15.6 % full on 32 expressions; σ 50 ms narrowing from 0.1 h/s: symbols
   * 57.9 → 56.5 % lite).
   */
  smoothingSigmaMs?: number;
  smoothingHalfSpeed?: number;
  /** Spacing of the resampled points (frame heights); 0 = keep the frame points. */
  resampleStep?: number;
}

/** Halfway: symbols 67.6 → 70.5 % (lite), 73.3 → 75.3 % (full) against keeping it (dev). */
export const FIRST_POINT_WEIGHT = 0.5;
export const SMOOTHING_SIGMA_MS = 0;
export const SMOOTHING_HALF_SPEED = 0.1;
/**
 * 1.2 px in a 480 px frame. Against the frame points: symbols 63.8 → 66.7 % (lite),
 * 67.2 → 71.3 % (full) on the development part; 0.005 and 0.01 gave less.
 */
export const RESAMPLE_STEP = 0.0025;
/** Kernel radius in standard deviations (beyond it the weights are negligible). */
const KERNEL_RADIUS_SIGMAS = 2.5;
/** Strokes with fewer frame points keep their first point where it was seen. */
const MIN_POINTS_TO_PULL_FIRST = 3;
/** Resampled points per stroke at most (a very long stroke keeps a bounded cost). */
const MAX_RESAMPLED_POINTS = 2000;

export function finishStroke(
  raw: readonly InkPoint[],
  options: StrokeFinishOptions = {},
): InkPoint[] {
  const firstWeight = options.firstPointWeight ?? FIRST_POINT_WEIGHT;
  const sigma = options.smoothingSigmaMs ?? SMOOTHING_SIGMA_MS;
  const halfSpeed = options.smoothingHalfSpeed ?? SMOOTHING_HALF_SPEED;
  const step = options.resampleStep ?? RESAMPLE_STEP;
  let points: InkPoint[] = raw.map((p) => ({ ...p }));
  const [a, b] = points;
  // Short strokes (a dot, a tiny bar) keep their first point: pulling it would shrink them.
  if (a && b && points.length >= MIN_POINTS_TO_PULL_FIRST) {
    points[0] = { ...a, x: b.x + (a.x - b.x) * firstWeight, y: b.y + (a.y - b.y) * firstWeight };
  }
  if (sigma > 0) points = smoothInTime(points, sigma, halfSpeed);
  return step > 0 ? resampleCatmullRom(points, step) : points;
}

/** Centred Gaussian over time; points without a time are spaced one frame (33 ms) apart. */
export function smoothInTime(
  points: readonly InkPoint[],
  restSigmaMs: number,
  halfSpeed = Infinity,
): InkPoint[] {
  const n = points.length;
  const times = points.map((p, i) => p.t ?? i * 33);
  const out: InkPoint[] = [];
  for (let i = 0; i < n; i++) {
    const ti = times[i] ?? 0;
    const sigmaMs = restSigmaMs / (1 + speedAt(points, times, i) / halfSpeed);
    // A symmetric window, narrowed near the ends: the ends stay where they were written
    // and a straight stroke stays straight and as long.
    const radius = Math.min(
      KERNEL_RADIUS_SIGMAS * sigmaMs,
      ti - (times[0] ?? 0),
      (times[n - 1] ?? 0) - ti,
    );
    let sx = 0;
    let sy = 0;
    let sw = 0;
    for (let j = i; j >= 0 && ti - (times[j] ?? 0) <= radius; j--) {
      const w = gauss(ti - (times[j] ?? 0), sigmaMs);
      sx += w * (points[j]?.x ?? 0);
      sy += w * (points[j]?.y ?? 0);
      sw += w;
    }
    for (let j = i + 1; j < n && (times[j] ?? 0) - ti <= radius; j++) {
      const w = gauss((times[j] ?? 0) - ti, sigmaMs);
      sx += w * (points[j]?.x ?? 0);
      sy += w * (points[j]?.y ?? 0);
      sw += w;
    }
    const p = points[i] as InkPoint;
    out.push(p.t === undefined ? { x: sx / sw, y: sy / sw } : { x: sx / sw, y: sy / sw, t: p.t });
  }
  return out;
}

/** Speed at point i (units/s), over its neighbours. */
function speedAt(points: readonly InkPoint[], times: readonly number[], i: number): number {
  const a = points[Math.max(0, i - 1)] as InkPoint;
  const b = points[Math.min(points.length - 1, i + 1)] as InkPoint;
  const dt =
    ((times[Math.min(points.length - 1, i + 1)] ?? 0) - (times[Math.max(0, i - 1)] ?? 0)) / 1000;
  return dt > 0 ? Math.hypot(b.x - a.x, b.y - a.y) / dt : 0;
}

function gauss(d: number, sigma: number): number {
  return Math.exp(-(d * d) / (2 * sigma * sigma));
}

/**
 * Points every `step` along a centripetal-free (uniform) Catmull-Rom curve through
 * `points`, first and last point kept; times are interpolated.
 */
export function resampleCatmullRom(points: readonly InkPoint[], step: number): InkPoint[] {
  if (points.length < 2) return points.map((p) => ({ ...p }));
  // Dense samples on each segment, then points at equal arc length along them.
  const dense: InkPoint[] = [];
  let length = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const p1 = points[i] as InkPoint;
    const p2 = points[i + 1] as InkPoint;
    length += Math.hypot(p2.x - p1.x, p2.y - p1.y);
  }
  const total = Math.min(MAX_RESAMPLED_POINTS, Math.ceil(length / step));
  const perSegment = Math.max(1, Math.ceil((2 * total) / (points.length - 1)));
  for (let i = 0; i + 1 < points.length; i++) {
    const p0 = points[Math.max(0, i - 1)] as InkPoint;
    const p1 = points[i] as InkPoint;
    const p2 = points[i + 1] as InkPoint;
    const p3 = points[Math.min(points.length - 1, i + 2)] as InkPoint;
    for (let k = 0; k < perSegment; k++) dense.push(catmullRom(p0, p1, p2, p3, k / perSegment));
  }
  dense.push({ ...(points.at(-1) as InkPoint) });
  return atEqualSpacing(dense, step);
}

function catmullRom(p0: InkPoint, p1: InkPoint, p2: InkPoint, p3: InkPoint, u: number): InkPoint {
  const u2 = u * u;
  const u3 = u2 * u;
  const c = (a: number, b: number, d: number, e: number) =>
    0.5 * (2 * b + (d - a) * u + (2 * a - 5 * b + 4 * d - e) * u2 + (3 * b - a - 3 * d + e) * u3);
  const x = c(p0.x, p1.x, p2.x, p3.x);
  const y = c(p0.y, p1.y, p2.y, p3.y);
  if (p1.t === undefined || p2.t === undefined) return { x, y };
  return { x, y, t: p1.t + (p2.t - p1.t) * u };
}

function atEqualSpacing(dense: readonly InkPoint[], step: number): InkPoint[] {
  const first = dense[0] as InkPoint;
  const out: InkPoint[] = [{ ...first }];
  let carried = 0;
  for (let i = 1; i < dense.length; i++) {
    const a = dense[i - 1] as InkPoint;
    const b = dense[i] as InkPoint;
    const seg = Math.hypot(b.x - a.x, b.y - a.y);
    let d = step - carried;
    while (d <= seg) {
      const u = d / seg;
      const p: InkPoint = { x: a.x + (b.x - a.x) * u, y: a.y + (b.y - a.y) * u };
      if (a.t !== undefined && b.t !== undefined) p.t = a.t + (b.t - a.t) * u;
      out.push(p);
      d += step;
    }
    carried = seg - (d - step);
  }
  const last = dense.at(-1) as InkPoint;
  const tail = out.at(-1) as InkPoint;
  if (Math.hypot(last.x - tail.x, last.y - tail.y) > step / 4) out.push({ ...last });
  else out[out.length - 1] = { ...last };
  return out;
}
