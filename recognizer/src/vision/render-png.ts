import { encode } from 'fast-png';
import type { Stroke } from '../ink/types.ts';
import { boxOf } from '../symbols/features.ts';

/**
 * Renders strokes to a grayscale PNG (black ink on white), encoded by `fast-png` (pure
 * JavaScript: no native or DOM dependency, runs in browsers, workers and Node).
 */

/** Ink is drawn this many pixels wide (a pen-like line at these sizes). */
const LINE_RADIUS = 1.5;
/** Margin around the ink, in pixels. */
const MARGIN = 12;

/** PNG bytes of the strokes, fitted into `maxWidth` × `maxHeight` with the aspect kept. */
export function renderStrokesPng(
  strokes: readonly Stroke[],
  maxWidth = 512,
  maxHeight = 256,
): Uint8Array {
  const box = boxOf(strokes);
  const w = Math.max(box.maxX - box.minX, 1e-9);
  const h = Math.max(box.maxY - box.minY, 1e-9);
  const scale = Math.min((maxWidth - 2 * MARGIN) / w, (maxHeight - 2 * MARGIN) / h);
  const width = Math.max(1, Math.ceil(w * scale + 2 * MARGIN));
  const height = Math.max(1, Math.ceil(h * scale + 2 * MARGIN));
  const px = new Uint8Array(width * height).fill(255);
  const dot = (x: number, y: number): void => {
    for (let dy = -2; dy <= 2; dy++)
      for (let dx = -2; dx <= 2; dx++) {
        if (dx * dx + dy * dy > LINE_RADIUS * LINE_RADIUS + 0.5) continue;
        const ix = Math.round(x) + dx;
        const iy = Math.round(y) + dy;
        if (ix >= 0 && iy >= 0 && ix < width && iy < height) px[iy * width + ix] = 0;
      }
  };
  for (const s of strokes) {
    const pts = s.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    for (let i = 0; i < pts.length; i++) {
      const a = pts[Math.max(0, i - 1)] as { x: number; y: number };
      const b = pts[i] as { x: number; y: number };
      const ax = (a.x - box.minX) * scale + MARGIN;
      const ay = (a.y - box.minY) * scale + MARGIN;
      const bx = (b.x - box.minX) * scale + MARGIN;
      const by = (b.y - box.minY) * scale + MARGIN;
      const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay)));
      for (let k = 0; k <= n; k++) dot(ax + ((bx - ax) * k) / n, ay + ((by - ay) * k) / n);
    }
  }
  return encode({ width, height, data: px, channels: 1, depth: 8 });
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
