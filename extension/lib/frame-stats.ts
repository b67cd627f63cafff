/**
 * Per-frame timing kept by the overlay: landmark detection (in the tracker) and gestures +
 * recognition + drawing (in the overlay). A bounded ring, so a long session costs nothing.
 */

/** Frames kept for percentiles: about 30 s at 30 fps. */
const WINDOW = 900;

export class FrameStats {
  private detect: number[] = [];
  private overlay: number[] = [];
  count = 0;

  add(detectMs: number, overlayMs: number): void {
    this.count++;
    this.detect.push(detectMs);
    this.overlay.push(overlayMs);
    if (this.detect.length > WINDOW) {
      this.detect.shift();
      this.overlay.shift();
    }
  }

  json(): string {
    return JSON.stringify({
      frames: this.count,
      detectMs: this.detect,
      overlayMs: this.overlay,
    });
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
