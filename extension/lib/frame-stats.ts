// The one percentile definition of the project. Only testkit's pure `stats` entry is
// bundled into the page (the HUD's frame-budget line); the rest of testkit stays dev-only.
import { percentile } from '@motionmath/testkit/stats';
import type { LandmarkFrame } from './messages.ts';

/**
 * Per-frame timing kept by the overlay: the tracker's share (drawing the camera frame into
 * its canvas, landmark detection), the overlay's share (gestures + recognition + drawing)
 * and the whole path from the tracker's frame callback to the end of the overlay's work.
 * Also the frame rate actually delivered and the camera frames skipped because detection
 * ran late. A bounded ring, so a long session costs nothing.
 */

/** Frames kept for percentiles: about 30 s at 30 fps. */
const WINDOW = 900;
/** Frames the debug line's rates are taken over: the last ~2 s at 30 fps. */
const RECENT = 60;

export interface FrameStatsJson {
  frames: number;
  /** Camera frames the tracker skipped (detection still busy when they arrived). */
  skipped: number;
  /** Frames per second delivered to the overlay over the last RECENT frames. */
  fps: number;
  detectMs: number[];
  drawMs: number[];
  overlayMs: number[];
  /** Tracker frame callback → overlay done (ms); empty for trackers that do not say. */
  pathMs: number[];
}

/** Wall-clock ms shared by every document of the browser (each has its own timeOrigin). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export class FrameStats {
  private detect: number[] = [];
  private draw: number[] = [];
  private overlay: number[] = [];
  private path: number[] = [];
  /** Tracker frame times (ms), for the delivered frame rate. */
  private times: number[] = [];
  count = 0;
  skipped = 0;

  /** Call when the overlay is done with `frame`; `overlayMs` is its own share. */
  add(frame: LandmarkFrame, overlayMs: number, doneAt = wallClockMs()): void {
    this.count++;
    const p = frame.pipeline;
    this.skipped += p?.skipped ?? 0;
    push(this.detect, frame.detectMs);
    push(this.overlay, overlayMs);
    push(this.times, frame.t);
    if (p) {
      push(this.draw, p.drawMs);
      push(this.path, Math.max(0, doneAt - p.capturedAt));
    }
  }

  /** Frames per second over the last RECENT frames (0 before two frames). */
  fps(): number {
    const recent = this.times.slice(-RECENT);
    const first = recent[0];
    const last = recent.at(-1);
    if (first === undefined || last === undefined || last <= first) return 0;
    return ((recent.length - 1) * 1000) / (last - first);
  }

  /** To 0.1 fps: the same number in the stats and in the debug line. */
  private roundedFps(): number {
    return Math.round(this.fps() * 10) / 10;
  }

  toJSON(): FrameStatsJson {
    return {
      frames: this.count,
      skipped: this.skipped,
      fps: this.roundedFps(),
      detectMs: this.detect,
      drawMs: this.draw,
      overlayMs: this.overlay,
      pathMs: this.path,
    };
  }

  json(): string {
    return JSON.stringify(this.toJSON());
  }

  /**
   * The HUD's debug line: delivered fps and the frame budget (the whole path per frame,
   * p50 / p95 over the recent frames), and the share of camera frames skipped.
   */
  debugLine(): string {
    const whole = this.path.length > 0 ? this.path : this.detect;
    const recent = whole.slice(-RECENT);
    const seen = this.count + this.skipped;
    const skippedPct = seen === 0 ? 0 : (100 * this.skipped) / seen;
    return (
      `${this.roundedFps().toFixed(1)} fps · frame ${percentile(recent, 50).toFixed(1)} / ` +
      `${percentile(recent, 95).toFixed(1)} ms (p50 / p95) · skipped ${skippedPct.toFixed(0)} %`
    );
  }
}

function push(ring: number[], value: number): void {
  ring.push(value);
  if (ring.length > WINDOW) ring.shift();
}
