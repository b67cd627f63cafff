import type { InkPoint, Stroke } from '../ink/types.ts';

/**
 * Shape features of a group of strokes (one candidate symbol): an 8×8 grid of local
 * stroke orientation (4 undirected directions) plus ink density, computed on the group
 * scaled into a unit box with its aspect ratio kept, and the aspect ratio itself. The
 * stroke count is deliberately not a feature: people split and join strokes freely.
 *
 * Undirected orientation makes the features independent of stroke order and writing
 * direction (font glyphs and people draw in different orders); sampling by arc length
 * makes them independent of pen speed and point density.
 */

/** Orientation/density grid of the shipped model (models may choose another, see below). */
export const GRID = 8;
/** 4 orientation channels (0°, 45°, 90°, 135°) + 1 density channel. */
export const CHANNELS = 5;
/** Coarse grid of the stroke-end and bend maps (exact positions vary more than shapes). */
export const COARSE = 4;
/** Offsets of the extra maps of a `grid`: stroke ends, then bends, then the globals. */
const endsAt = (grid: number): number => grid * grid * CHANNELS;
const bendsAt = (grid: number): number => endsAt(grid) + COARSE * COARSE;
const globalsAt = (grid: number): number => bendsAt(grid) + COARSE * COARSE;
/** Length of the feature vector on a `grid` × `grid` orientation map. */
export const featureSize = (grid: number): number => globalsAt(grid) + 3;
/** Globals: ink length, stroke count, aspect ratio (last). */
export const FEATURE_SIZE = featureSize(GRID);
/**
 * Finest orientation grid a model may ask for: 16×16×5 is already 1,280 inputs, and a
 * symbol written in a webcam frame rarely has detail finer than a sixteenth of its size.
 */
export const MAX_GRID = 16;
/**
 * Strokes are resampled at this spacing (in symbol sizes) before directions are taken:
 * tablet and webcam ink zig-zags at the scale of its coordinate quantization, which would
 * otherwise read as diagonal strokes (a quantized "1" looked like a "4" to the network).
 */
const RESAMPLE_STEP = 1 / 16;

/** Equidistant resampling by arc length (keeps both endpoints). */
function resample(points: [number, number][], step: number): [number, number][] {
  const first = points[0];
  if (!first) return [];
  const out: [number, number][] = [first];
  let carry = 0;
  for (let i = 1; i < points.length; i++) {
    let [ax, ay] = points[i - 1] as [number, number];
    const [bx, by] = points[i] as [number, number];
    let seg = Math.hypot(bx - ax, by - ay);
    while (carry + seg >= step && seg > 0) {
      const u = (step - carry) / seg;
      ax += (bx - ax) * u;
      ay += (by - ay) * u;
      out.push([ax, ay]);
      seg = Math.hypot(bx - ax, by - ay);
      carry = 0;
    }
    carry += seg;
  }
  const last = points.at(-1) as [number, number];
  const tail = out.at(-1) as [number, number];
  if (tail[0] !== last[0] || tail[1] !== last[1]) out.push(last);
  return out;
}

/** Aspect ratios beyond e^±3 (20:1) are clamped: a dash is a dash. */
const MAX_LOG_ASPECT = 3;

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boxOf(strokes: readonly Stroke[]): Box {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const s of strokes)
    for (const p of s) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
  if (minX === Infinity) return { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  return { minX, minY, maxX, maxY };
}

/** The four cells of a `size` × `size` grid around (x, y) in 0..1, with bilinear weights. */
function bilinearCells(x: number, y: number, size: number): [number, number, number][] {
  const gx = Math.min(size - 1.0001, Math.max(0, x * size - 0.5));
  const gy = Math.min(size - 1.0001, Math.max(0, y * size - 0.5));
  const x0 = Math.floor(gx);
  const y0 = Math.floor(gy);
  const fx = gx - x0;
  const fy = gy - y0;
  return [
    [x0, y0, (1 - fx) * (1 - fy)],
    [x0 + 1, y0, fx * (1 - fy)],
    [x0, y0 + 1, (1 - fx) * fy],
    [x0 + 1, y0 + 1, fx * fy],
  ];
}

function deposit(
  f: Float32Array,
  grid: number,
  x: number,
  y: number,
  angle: number,
  w: number,
): void {
  // Bilinear in space, linear between the two nearest orientation bins.
  let a = angle / (Math.PI / 4);
  a = ((a % 4) + 4) % 4;
  const o0 = Math.floor(a) % 4;
  const o1 = (o0 + 1) % 4;
  const fo = a - Math.floor(a);
  for (const [cx, cy, cw] of bilinearCells(x, y, grid)) {
    const base = (cy * grid + cx) * CHANNELS;
    f[base + o0] = (f[base + o0] ?? 0) + w * cw * (1 - fo);
    f[base + o1] = (f[base + o1] ?? 0) + w * cw * fo;
    f[base + 4] = (f[base + 4] ?? 0) + w * cw;
  }
}

/** Bilinear deposit into a COARSE × COARSE map starting at `at`. */
function depositCoarse(f: Float32Array, at: number, x: number, y: number, w: number): void {
  for (const [cx, cy, cw] of bilinearCells(x, y, COARSE)) {
    const i = at + cy * COARSE + cx;
    f[i] = (f[i] ?? 0) + w * cw;
  }
}

/**
 * Samples on each side of a point over which its bend is measured: wide enough that pen
 * jitter does not read as bending, narrow enough that a corner stays a corner.
 */
const BEND_SPAN = 2;

/**
 * Where strokes end and where they bend, on coarse maps. Orientation alone tells a 1 from
 * a ) or a , only by fine differences; bends tell straight from curved directly, and ends
 * tell open shapes (c, 4, y) from closed ones (0, 8, 9). Ends are normalized to a
 * distribution (a split stroke adds two ends, but does not change the picture much);
 * bends are in turns (a full circle is one).
 */
function endsAndBends(f: Float32Array, grid: number, strokes: [number, number][][]): void {
  const ENDS_AT = endsAt(grid);
  const BENDS_AT = bendsAt(grid);
  let ends = 0;
  for (const pts of strokes) {
    const first = pts[0];
    const last = pts.at(-1);
    if (!first || !last) continue;
    depositCoarse(f, ENDS_AT, first[0], first[1], 1);
    depositCoarse(f, ENDS_AT, last[0], last[1], 1);
    ends += 2;
    for (let i = BEND_SPAN; i + BEND_SPAN < pts.length; i++) {
      const [px, py] = pts[i - BEND_SPAN] as [number, number];
      const [x, y] = pts[i] as [number, number];
      const [qx, qy] = pts[i + BEND_SPAN] as [number, number];
      let turn = Math.atan2(qy - y, qx - x) - Math.atan2(y - py, x - px);
      turn = Math.abs(((turn + 3 * Math.PI) % (2 * Math.PI)) - Math.PI);
      // Each point's turn is seen by BEND_SPAN windows on each side: spread accordingly.
      depositCoarse(f, BENDS_AT, x, y, turn / (2 * Math.PI * 2 * BEND_SPAN));
    }
  }
  for (let i = 0; i < COARSE * COARSE; i++) {
    f[ENDS_AT + i] = ends > 0 ? Math.sqrt((f[ENDS_AT + i] ?? 0) / ends) : 0;
    f[BENDS_AT + i] = Math.sqrt(Math.min(1, f[BENDS_AT + i] ?? 0));
  }
}

/**
 * A [1 2 1] blur over the grid, per channel: handwriting varies in proportion, so ink one
 * cell away should still count a little for the cell (tolerance learned fonts lack).
 */
function blur(f: Float32Array, grid: number): void {
  const src = f.slice(0, grid * grid * CHANNELS);
  const at = (x: number, y: number, c: number): number =>
    x < 0 || y < 0 || x >= grid || y >= grid ? 0 : (src[(y * grid + x) * CHANNELS + c] as number);
  for (let y = 0; y < grid; y++)
    for (let x = 0; x < grid; x++)
      for (let c = 0; c < CHANNELS; c++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++)
            s += at(x + dx, y + dy, c) * (dx === 0 ? 2 : 1) * (dy === 0 ? 2 : 1);
        f[(y * grid + x) * CHANNELS + c] = s / 16;
      }
}

/**
 * Feature vector of a symbol candidate on a `grid` × `grid` orientation map (8 for the
 * shipped model). Never NaN, even for empty or degenerate input.
 */
export function symbolFeatures(strokes: readonly Stroke[], grid = GRID): Float32Array {
  if (!Number.isInteger(grid) || grid < 2 || grid > MAX_GRID)
    throw new Error(`The feature grid must be a whole number from 2 to ${MAX_GRID}, got ${grid}`);
  const f = new Float32Array(featureSize(grid));
  const ENDS_AT = endsAt(grid);
  const GLOBALS_AT = globalsAt(grid);
  // Ink is sampled about 3 times per cell.
  const SAMPLE_STEP = 1 / (grid * 3);
  const box = boxOf(strokes);
  const w = box.maxX - box.minX;
  const h = box.maxY - box.minY;
  const size = Math.max(w, h);
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  const norm = (p: InkPoint): [number, number] =>
    size > 0 ? [(p.x - cx) / size + 0.5, (p.y - cy) / size + 0.5] : [0.5, 0.5];
  let total = 0;
  const sampled: [number, number][][] = [];
  for (const s of strokes) {
    if (s.length === 1 || size === 0) {
      const p = s[0];
      if (!p) continue;
      const [x, y] = norm(p);
      // A dot has no direction: spread it over all orientations.
      for (let o = 0; o < 4; o++) deposit(f, grid, x, y, (o * Math.PI) / 4, SAMPLE_STEP / 4);
      total += SAMPLE_STEP;
      sampled.push([[x, y]]);
      continue;
    }
    const pts = resample(s.map(norm), RESAMPLE_STEP);
    sampled.push(pts);
    for (let i = 1; i < pts.length; i++) {
      const [ax, ay] = pts[i - 1] as [number, number];
      const [bx, by] = pts[i] as [number, number];
      const len = Math.hypot(bx - ax, by - ay);
      if (len === 0) continue;
      // Direction over the neighbouring samples: averages out the pen's zig-zag.
      const [px, py] = pts[Math.max(0, i - 2)] as [number, number];
      const [qx, qy] = pts[Math.min(pts.length - 1, i + 1)] as [number, number];
      const angle = Math.atan2(qy - py, qx - px);
      const n = Math.max(1, Math.ceil(len / SAMPLE_STEP));
      for (let k = 0; k < n; k++) {
        const u = (k + 0.5) / n;
        deposit(f, grid, ax + (bx - ax) * u, ay + (by - ay) * u, angle, len / n);
      }
      total += len;
    }
  }
  blur(f, grid);
  if (total > 0) for (let i = 0; i < ENDS_AT; i++) f[i] = Math.sqrt((f[i] ?? 0) / total);
  endsAndBends(f, grid, sampled);
  // Ink length in symbol sizes (a 1 is about 1, an 8 about 4): the density map is
  // normalized by it, so it is otherwise lost. log2, clamped to 1..16 sizes.
  f[GLOBALS_AT] = size > 0 ? Math.max(0, Math.min(4, Math.log2(Math.max(1, total)))) / 4 : 0;
  // Stroke count, saturating: a hint, not a rule (people split and join strokes).
  f[GLOBALS_AT + 1] = Math.min(4, sampled.length) / 4;
  const logAspect = size > 0 ? Math.log((h + size * 0.01) / (w + size * 0.01)) : 0;
  f[f.length - 1] = Math.max(-MAX_LOG_ASPECT, Math.min(MAX_LOG_ASPECT, logAspect)) / MAX_LOG_ASPECT;
  return f;
}
