import type { Stroke } from '../ink/types.ts';
import { boxOf } from '../symbols/features.ts';

/**
 * Renders strokes to a grayscale PNG (black ink on white) without any native or DOM
 * dependency: the image data goes into "stored" (uncompressed) deflate blocks, which every
 * PNG decoder accepts. Small images (a few hundred pixels) keep this cheap.
 */

/** Ink is drawn this many pixels wide (a pen-like line at these sizes). */
const LINE_RADIUS = 1.5;
/** Margin around the ink, in pixels. */
const MARGIN = 12;

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const x of bytes) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const td = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) td[i] = type.charCodeAt(i);
  td.set(data, 4);
  return Uint8Array.from([...u32(data.length), ...td, ...u32(crc32(td))]);
}

function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks: number[] = [0x78, 0x01];
  const MAX = 65535;
  for (let off = 0; off < raw.length || off === 0; off += MAX) {
    const len = Math.min(MAX, raw.length - off);
    const last = off + len >= raw.length ? 1 : 0;
    blocks.push(last, len & 255, len >>> 8, ~len & 255, (~len >>> 8) & 255);
    for (let i = 0; i < len; i++) blocks.push(raw[off + i] as number);
    if (raw.length === 0) break;
  }
  blocks.push(...u32(adler32(raw)));
  return Uint8Array.from(blocks);
}

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
  const raw = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++)
    raw.set(px.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  const ihdr = Uint8Array.from([...u32(width), ...u32(height), 8, 0, 0, 0, 0]);
  const parts = [
    Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibStored(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
