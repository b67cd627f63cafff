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

/** A part this flat (height / width) is a bar: = ≤ ≥ ± ÷ stack parts on bars. */
export const BAR_MAX_ASPECT = 0.5;
/** A part this small (× the other part's size) is a dot: i j ÷ stack parts on dots. */
export const DOT_MAX_RELATIVE_SIZE = 0.3;

/**
 * The only symbols made of vertically separated parts. A group whose parts do not touch
 * vertically can only be one of these (a bar over an x is not a √, it is a fraction).
 */
export const STACKED_SYMBOLS: ReadonlySet<string> = new Set([
  '=',
  '\\div',
  '\\leq',
  '\\geq',
  '\\pm',
  '\\neq',
  'i',
  'j',
  '!',
  ':',
]);

/** How stroke box `b` may join group box `g`: not at all, touching, or stacked apart. */
function join(g: Box, b: Box): 'no' | 'touching' | 'stacked' {
  const s = Math.max(size(g), size(b), 1e-9);
  if (gap(g.minX, g.maxX, b.minX, b.maxX) > MAX_MERGE_GAP_X * s) return 'no';
  const gy = gap(g.minY, g.maxY, b.minY, b.maxY);
  if (gy > MAX_MERGE_GAP_Y * s) return 'no';
  if (gy === 0) return 'touching';
  // Vertically separated parts form one symbol only through a bar or a dot; a digit
  // above a fraction bar is a numerator, not part of the bar.
  const flat = (x: Box): boolean => x.maxY - x.minY <= BAR_MAX_ASPECT * (x.maxX - x.minX);
  const tiny = (x: Box, other: Box): boolean => size(x) <= DOT_MAX_RELATIVE_SIZE * size(other);
  return flat(g) || flat(b) || tiny(g, b) || tiny(b, g) ? 'stacked' : 'no';
}

/**
 * Stacked symbols with three parts (a + or ⁄ crossing something, plus a separate bar or
 * dots) need at least three strokes; with two, "1 over a bar" would read as ±.
 */
const THREE_PART_SYMBOLS: ReadonlySet<string> = new Set(['\\pm', '\\div', '\\neq']);

/** Keep only stacked-symbol candidates possible with this many strokes (renormalized). */
function onlyStacked(shape: ShapeResult, strokes: number): ShapeResult {
  const kept = shape.ranked.filter(
    (r) => STACKED_SYMBOLS.has(r.label) && (strokes >= 3 || !THREE_PART_SYMBOLS.has(r.label)),
  );
  const total = kept.reduce((t, r) => t + r.score, 0);
  if (total <= 0) return { ranked: [], junk: 1 };
  return {
    ranked: kept.map((r) => ({ label: r.label, score: r.score / total })),
    junk: shape.junk + (1 - shape.junk) * (1 - total),
  };
}

/**
 * Prior cost of starting a new symbol (a factor per group). Without it, splitting a
 * symbol into parts that each look like a symbol (= into two −, + into − and 1) costs
 * nothing extra; with it, merging wins unless the junk class says the strokes are
 * separate symbols.
 */
export const NEW_SYMBOL_PRIOR = 0.3;

/**
 * Two tall, thin strokes of about the same height side by side are usually two symbols
 * (brackets, 1s: "(1", "((", "1)"), which the scale-free classifier readily takes for one
 * a, d or (. A stroke is thin when its height is at least this many times its width.
 */
export const THIN_MIN_ASPECT = 2;
/** Heights within this ratio count as "about the same". */
export const THIN_PAIR_HEIGHT_RATIO = 0.75;
/** Factor on the merged group's score for such a pair (1 would disable the rule). */
export const THIN_PAIR_PENALTY = 0.1;
/** Symbols that are written as two thin strokes of equal height: x as two arcs ")(". */
const TWO_THIN_STROKE_SYMBOLS: ReadonlySet<string> = new Set(['x', '\\times']);

function thinPair(a: Box, b: Box): boolean {
  const ha = a.maxY - a.minY;
  const hb = b.maxY - b.minY;
  const thinBox = (x: Box, h: number): boolean => h >= THIN_MIN_ASPECT * (x.maxX - x.minX);
  return (
    thinBox(a, ha) &&
    thinBox(b, hb) &&
    Math.min(ha, hb) >= THIN_PAIR_HEIGHT_RATIO * Math.max(ha, hb)
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
    let stacked = false;
    for (let k = 1; k <= Math.min(MAX_STROKES_PER_SYMBOL, end); k++) {
      const start = end - k;
      if (k > 1) {
        // Grow backwards in writing order: each earlier stroke must join what follows it.
        // (A ÷ written bar first, then both dots, is therefore split: a known limit.)
        const how = join(box, boxes[start] as Box);
        if (how === 'no') break;
        if (how === 'stacked') stacked = true;
        box = union(box, boxes[start] as Box);
      }
      const prev = best[start] as number;
      if (prev === -Infinity) continue;
      const idx = Array.from({ length: k }, (_, i) => start + i);
      const raw = classifier.classify(idx.map((i) => strokes[i] as Stroke));
      // Probability mass on non-stacked labels becomes "not one symbol".
      const shape = stacked ? onlyStacked(raw, k) : raw;
      const top = shape.ranked[0]?.score ?? 0;
      const thin =
        k === 2 &&
        !TWO_THIN_STROKE_SYMBOLS.has(shape.ranked[0]?.label ?? '') &&
        thinPair(boxes[start] as Box, boxes[start + 1] as Box);
      const score =
        prev +
        Math.log(
          Math.max(
            MIN_PROB,
            (1 - shape.junk) * top * NEW_SYMBOL_PRIOR * (thin ? THIN_PAIR_PENALTY : 1),
          ),
        );
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
