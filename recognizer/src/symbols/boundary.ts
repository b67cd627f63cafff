import type { InkPoint, Stroke } from '../ink/types.ts';
import type { ShapeResult } from './classifier.ts';
import { cluster } from './stacking.ts';
import { boxOf } from './features.ts';
import type { Box } from './features.ts';
import { deserializeMlp, mlpForward } from './mlp.ts';
import type { Mlp, SerializedMlp } from './mlp.ts';
import shippedBoundaryModel from './boundary-model.json' with { type: 'json' };

/**
 * The learned half of segmentation: for each pair of consecutive strokes, the probability
 * that the second continues the symbol of the first. A small network reads the pair's
 * geometry (gaps, overlaps, sizes, the distance from pen-up to pen-down, crossings) in
 * units of the expression's own stroke size, plus how close the pair is compared with the
 * writer's usual spacing. It is trained on synthesized whole expressions
 * (`cli/shapes/expressions.ts`, permissive sources only) and joins the group scores of the
 * segmentation search (`segment.ts`).
 */

/** Classes of the boundary network: the next stroke joins the symbol, or starts a new one. */
export const BOUNDARY_CLASSES = ['join', 'split'];
export const BOUNDARY_FEATURES = 26;

/**
 * The classifier's reading of strokes `start..end-1` (exclusive end): the boundary model
 * also sees whether the pair reads as one symbol (an x of two arcs that do not touch looks
 * like two symbols by geometry alone, not by shape).
 */
export type GroupShape = (start: number, end: number) => ShapeResult;

/** Distances are clamped at this many stroke sizes: far is far. */
const FAR = 3;
/** Log sizes are clamped to this range (a dot to a long bar). */
const LOG_SIZE: [number, number] = [-4, 2];
/** Floor of a box side, in stroke sizes, so ratios of dots and bars stay finite. */
const MIN_SIDE = 0.05;

const clamp = (v: number, lo: number, hi: number): number =>
  Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : 0;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Smallest distance between the points of two strokes. */
function strokeDistance(a: Stroke, b: Stroke): number {
  let best = Infinity;
  for (const p of a)
    for (const q of b) {
      const d = (p.x - q.x) ** 2 + (p.y - q.y) ** 2;
      if (d < best) best = d;
    }
  return Math.sqrt(best);
}

function segmentsCross(
  p: { x: number; y: number },
  p2: { x: number; y: number },
  q: { x: number; y: number },
  q2: { x: number; y: number },
): boolean {
  const d = (a: typeof p, b: typeof p, c: typeof p): number =>
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = d(q, q2, p);
  const d2 = d(q, q2, p2);
  const d3 = d(p, p2, q);
  const d4 = d(p, p2, q2);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Whether two strokes cross each other (a + or a t). */
function strokesIntersect(a: Stroke, b: Stroke): boolean {
  for (let i = 1; i < a.length; i++)
    for (let j = 1; j < b.length; j++)
      if (
        segmentsCross(
          a[i - 1] as InkPoint,
          a[i] as InkPoint,
          b[j - 1] as InkPoint,
          b[j] as InkPoint,
        )
      )
        return true;
  return false;
}

/** Share of box `a` (its area, sides floored at `floor`) that lies inside box `b`. */
function insideShare(a: Box, b: Box, floor: number): number {
  const w = Math.max(0, Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX));
  const h = Math.max(0, Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY));
  const area = Math.max(a.maxX - a.minX, floor) * Math.max(a.maxY - a.minY, floor);
  return clamp((Math.max(w, 0) * Math.max(h, 0)) / area, 0, 1);
}

/**
 * Features of every boundary (strokes i and i + 1), in the expression's stroke-size units:
 * `out[i]` has `BOUNDARY_FEATURES` values, all finite for any input.
 */
export function boundaryFeatures(strokes: readonly Stroke[], shape: GroupShape): Float32Array[] {
  const n = strokes.length;
  if (n < 2) return [];
  const boxes = strokes.map((s) => boxOf([s]));
  const sizes = boxes.map((b) => Math.max(b.maxX - b.minX, b.maxY - b.minY));
  // The typical stroke's size sets the unit; 1 if every stroke is a point.
  const unit = median(sizes) || Math.max(...sizes) || 1;
  const dist = Array.from({ length: n - 1 }, (_, i) =>
    strokeDistance(strokes[i] as Stroke, strokes[i + 1] as Stroke),
  );
  // The writer's usual spacing: how far apart consecutive strokes typically are.
  const usual = median(dist) / unit;
  const out: Float32Array[] = [];
  for (let i = 0; i < n - 1; i++) {
    const a = boxes[i] as Box;
    const b = boxes[i + 1] as Box;
    const sa = strokes[i] as Stroke;
    const sb = strokes[i + 1] as Stroke;
    const wa = Math.max(a.maxX - a.minX, MIN_SIDE * unit);
    const ha = Math.max(a.maxY - a.minY, MIN_SIDE * unit);
    const wb = Math.max(b.maxX - b.minX, MIN_SIDE * unit);
    const hb = Math.max(b.maxY - b.minY, MIN_SIDE * unit);
    const overlapX = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
    const overlapY = Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY);
    const d = (dist[i] as number) / unit;
    const end = sa.at(-1);
    const start = sb[0];
    const penUp = end && start ? Math.hypot(start.x - end.x, start.y - end.y) / unit : FAR;
    const prev = i > 0 ? (dist[i - 1] as number) / unit : FAR;
    const next = i + 2 < n ? (dist[i + 1] as number) / unit : FAR;
    // Strokes that do not hang together are never one group (`stacking.ts`), so the
    // search never classifies them: neither does this (it saves most of the cost).
    const pair = cluster([a, b]) ? shape(i, i + 2) : APART;
    const top = (r: ShapeResult): number => clamp(r.ranked[0]?.score ?? 0, 0, 1);
    const uw = Math.max(a.maxX, b.maxX) - Math.min(a.minX, b.minX);
    const uh = Math.max(a.maxY, b.maxY) - Math.min(a.minY, b.minY);
    out.push(
      Float32Array.from([
        clamp((b.minX - a.maxX) / unit, -FAR, FAR),
        clamp(Math.max(b.minY - a.maxY, a.minY - b.maxY) / unit, -FAR, FAR),
        clamp(overlapX / Math.min(wa, wb), -FAR, 1),
        clamp(overlapY / Math.min(ha, hb), -FAR, 1),
        clamp((b.minX + b.maxX - a.minX - a.maxX) / 2 / unit, -FAR, FAR),
        clamp((b.minY + b.maxY - a.minY - a.maxY) / 2 / unit, -FAR, FAR),
        clamp(Math.log(wa / unit), ...LOG_SIZE),
        clamp(Math.log(ha / unit), ...LOG_SIZE),
        clamp(Math.log(wb / unit), ...LOG_SIZE),
        clamp(Math.log(hb / unit), ...LOG_SIZE),
        clamp(d, 0, FAR),
        clamp(penUp, 0, FAR + 1),
        strokesIntersect(sa, sb) ? 1 : 0,
        clamp(Math.log((d + 0.02) / (usual + 0.02)), -FAR, FAR),
        clamp(next, 0, FAR),
        clamp(prev, 0, FAR),
        insideShare(b, a, MIN_SIDE * unit),
        insideShare(a, b, MIN_SIDE * unit),
        clamp(Math.log(Math.max(uw, MIN_SIDE * unit) / Math.max(uh, MIN_SIDE * unit)), -FAR, FAR),
        // Whether the next stroke is closer to this pair's second stroke than the first is.
        clamp(Math.log((d + 0.02) / (Math.min(next, prev) + 0.02)), -FAR, FAR),
        // The shapes: is the pair one symbol, how sure is its class, and each stroke's alone.
        clamp(pair.junk, 0, 1),
        top(pair),
        top(shape(i, i + 1)),
        top(shape(i + 1, i + 2)),
        // Ink lengths: a dot or a short tick against a long curve of the same box.
        clamp(Math.log((inkLength(sa) + MIN_SIDE * unit) / unit), ...LOG_SIZE),
        clamp(Math.log((inkLength(sb) + MIN_SIDE * unit) / unit), ...LOG_SIZE),
      ]),
    );
  }
  return out;
}

/** The reading of a pair that cannot be one symbol. */
const APART: ShapeResult = { ranked: [], junk: 1 };

/** Length of the ink of a stroke. */
function inkLength(s: Stroke): number {
  let len = 0;
  for (let i = 1; i < s.length; i++) {
    const [p, q] = [s[i - 1] as InkPoint, s[i] as InkPoint];
    len += Math.hypot(q.x - p.x, q.y - p.y);
  }
  return len;
}

let shipped: Mlp | null = null;

/** The boundary network of a serialized model (`boundary-model.json` by default). */
export function loadBoundaryModel(
  data: SerializedMlp = shippedBoundaryModel as SerializedMlp,
): Mlp {
  const mlp = deserializeMlp(data);
  if (mlp.classes.join() !== BOUNDARY_CLASSES.join())
    throw new Error('A boundary model must have the classes join and split');
  return mlp;
}

/**
 * P(stroke i + 1 continues the symbol of stroke i) for each consecutive pair; empty for
 * fewer than two strokes.
 */
export function joinProbabilities(
  strokes: readonly Stroke[],
  shape: GroupShape,
  model?: Mlp,
): Float64Array {
  const net = model ?? (shipped ??= loadBoundaryModel());
  const features = boundaryFeatures(strokes, shape);
  return Float64Array.from(features, (f) => mlpForward(net, f)[0] as number);
}
