import type { Random } from '@motionmath/testkit';
import { finishStroke } from '../../hand/stroke-finish.ts';
import { gauss, uniform } from './augment.ts';

/**
 * Training ink sampled the way air ink is. A webcam sees the fingertip 30 times a second,
 * so a symbol written in the air arrives as a few points per stroke (~8 for a 78 px path),
 * each off by the landmark noise, and the product rebuilds the stroke through them
 * (`hand/stroke-finish.ts`: first point pulled halfway, Catmull-Rom). With perfect
 * landmarks that sampling alone kept only 0.78 of the pen's exact rate (recognizer README,
 * "Air ink against pen ink"): the classifier has to learn to read it. The numbers below
 * describe the camera and the hand, not any data set: a 640×480 frame, writing in the
 * upper part of it, a hand moving at 25–40 cm/s.
 */
type Pt = [number, number];

/**
 * Symbol size in frame pixels (its larger side), log-uniform: the symbols of a long line
 * are small in a 640×480 frame (an expression in the upper part of it), a lone digit
 * large. Median ≈ 31 px, so a stroke is ~3–12 frames; the generated air-writing data had
 * p10 / p50 / p90 = 13 / 26 / 81 px (a check of the range, not a fit).
 */
const SYMBOL_PX: [number, number] = [12, 80];
/** A dot or comma is a few pixels in the same frame: a blob of a few frames. */
export const MARK_PX: [number, number] = [3, 10];
/** Fingertip path between two frames: 25–40 cm/s at 30 fps for a hand of 185–235 px. */
const FRAME_STEP_PX: [number, number] = [8.6, 17.4];
/** White landmark noise per frame (px): what is left after the per-stroke offset. */
const JITTER_PX = 2;
/**
 * Offset of a whole stroke (px): the landmarks sit a few px off the true fingertip, by a
 * different amount each time the pose changes, which moves a symbol's strokes apart.
 */
const STROKE_OFFSET_PX = 2.5;
/** The first frame of a stroke is tracked from the hover pose: further off (px). */
const FIRST_FRAME_PX = 7;
/** Spacing of the finished stroke's points (px): the product's 0.0025 frame heights. */
const FINISH_STEP_PX = 1.2;

/**
 * `strokes` (any units) as air ink of the same size: sampled, noisy, finished. `sizePx`:
 * the range of the symbol's larger side in frame pixels.
 */
export function airSample(
  strokes: readonly Pt[][],
  r: Random,
  sizePx: readonly [number, number] = SYMBOL_PX,
): Pt[][] {
  const all = strokes.flat();
  if (all.length === 0) return strokes.map((s) => s.slice());
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-6);
  // Log-uniform: as many small symbols as large ones, relative to the frame.
  const px = Math.exp(uniform(r, Math.log(sizePx[0]), Math.log(sizePx[1]))) / size;
  const step = uniform(r, FRAME_STEP_PX[0], FRAME_STEP_PX[1]);
  return strokes.map((stroke) => {
    const frames = framesAlong(
      stroke.map(([x, y]): Pt => [x * px, y * px]),
      step,
    );
    const [ox, oy] = [gauss(r) * STROKE_OFFSET_PX, gauss(r) * STROKE_OFFSET_PX];
    const seen = frames.map(([x, y], i) => {
      const spread = i === 0 && frames.length > 2 ? FIRST_FRAME_PX : JITTER_PX;
      return { x: x + ox + gauss(r) * spread, y: y + oy + gauss(r) * spread };
    });
    return finishStroke(seen, { resampleStep: FINISH_STEP_PX }).map((p): Pt => [
      p.x / px,
      p.y / px,
    ]);
  });
}

/**
 * Frame positions along a stroke at a constant speed: both ends and equal arc-length
 * steps between (at least two), as a hand drawing the stroke at one speed is seen.
 */
export function framesAlong(stroke: readonly Pt[], step: number): Pt[] {
  if (stroke.length < 2) return stroke.map((p) => [p[0], p[1]]);
  const cum = [0];
  for (let k = 1; k < stroke.length; k++) {
    const [a, b] = [stroke[k - 1] as Pt, stroke[k] as Pt];
    cum.push((cum[k - 1] as number) + Math.hypot(b[0] - a[0], b[1] - a[1]));
  }
  const length = cum.at(-1) as number;
  const segments = Math.max(2, Math.ceil(length / step));
  const out: Pt[] = [];
  let k = 0;
  for (let j = 0; j <= segments; j++) {
    const d = (length * j) / segments;
    while (k < stroke.length - 2 && (cum[k + 1] as number) < d) k++;
    const [a, b] = [stroke[k] as Pt, stroke[k + 1] as Pt];
    const seg = (cum[k + 1] as number) - (cum[k] as number);
    const u = seg > 0 ? Math.min(1, Math.max(0, (d - (cum[k] as number)) / seg)) : 0;
    out.push([a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u]);
  }
  return out;
}
