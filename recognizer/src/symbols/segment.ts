import type { Stroke } from '../ink/types.ts';
import type { SymbolClassifier, ShapeResult } from './classifier.ts';
import { boxOf } from './features.ts';
import type { Box } from './features.ts';

/**
 * Stroke → symbol segmentation. Strokes are grouped in writing order (people finish a
 * symbol before the next one: 99.6 % of CROHME symbols are consecutive strokes), and the
 * best partition is found by dynamic programming over the product of group scores, where a
 * group scores P(it is one symbol) × P(its best class). The classifier's `junk` class
 * (trained on pairs of symbols side by side) keeps neighbours apart.
 */

/** Largest number of strokes in one symbol (÷ and ≠ take 3; 5+ is very rare). */
export const MAX_STROKES_PER_SYMBOL = 4;
/**
 * Strokes join a group only if their horizontal extents overlap or nearly touch (gap at
 * most this fraction of the larger size): the parts of one symbol are drawn over each
 * other (+ = x 4 π ÷), while neighbouring symbols sit side by side.
 */
export const MAX_MERGE_GAP_X = 0.05;
/** Vertical gaps may be larger (= ÷ i j ≤ have separated parts stacked vertically). */
export const MAX_MERGE_GAP_Y = 1.0;

export interface SegmentedSymbol {
  /** Indices into the input strokes. */
  strokes: number[];
  box: Box;
  shape: ShapeResult;
}

function size(b: Box): number {
  return Math.max(b.maxX - b.minX, b.maxY - b.minY);
}

function gap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.max(a0, b0) - Math.min(a1, b1));
}

function union(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** May stroke box `b` join the group box `g`? */
function close(g: Box, b: Box): boolean {
  const s = Math.max(size(g), size(b), 1e-9);
  return (
    gap(g.minX, g.maxX, b.minX, b.maxX) <= MAX_MERGE_GAP_X * s &&
    gap(g.minY, g.maxY, b.minY, b.maxY) <= MAX_MERGE_GAP_Y * s
  );
}

/** Probability floor so a log never sees 0. */
const MIN_PROB = 1e-6;

export function segmentStrokes(
  strokes: readonly Stroke[],
  classifier: SymbolClassifier,
): SegmentedSymbol[] {
  const n = strokes.length;
  if (n === 0) return [];
  const boxes = strokes.map((s) => boxOf([s]));
  const best = new Float64Array(n + 1).fill(-Infinity);
  const back = new Int32Array(n + 1);
  const groups = new Map<string, SegmentedSymbol>();
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    let box = boxes[end - 1] as Box;
    for (let k = 1; k <= Math.min(MAX_STROKES_PER_SYMBOL, end); k++) {
      const start = end - k;
      if (k > 1) {
        const b = boxes[start] as Box;
        if (!close(box, b)) break;
        box = union(box, b);
      }
      const prev = best[start] as number;
      if (prev === -Infinity) continue;
      const idx = Array.from({ length: k }, (_, i) => start + i);
      const shape = classifier.classify(idx.map((i) => strokes[i] as Stroke));
      const top = shape.ranked[0]?.score ?? 0;
      const score = prev + Math.log(Math.max(MIN_PROB, (1 - shape.junk) * top));
      if (score > (best[end] as number)) {
        best[end] = score;
        back[end] = start;
        groups.set(`${start}:${end}`, { strokes: idx, box, shape });
      }
    }
  }
  const out: SegmentedSymbol[] = [];
  for (let end = n; end > 0; end = back[end] as number) {
    const g = groups.get(`${back[end]}:${end}`);
    if (!g) break;
    out.push(g);
  }
  return out.reverse();
}
