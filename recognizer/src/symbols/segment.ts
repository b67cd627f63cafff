import type { Stroke } from '../ink/types.ts';
import type { SymbolClassifier, ShapeResult } from './classifier.ts';
import { boxOf } from './features.ts';
import type { Box } from './features.ts';
import {
  bracketBesidePlausibility,
  crossingBarPlausibility,
  crossingPlausibility,
  dotPlausibility,
  lineHeight,
  hasScriptPart,
  radicalContentPlausibility,
  scriptPartPlausibility,
  stackAlignPlausibility,
  barBesideRest,
  strokesCross,
  widthPlausibility,
} from './group-geometry.ts';
import type { GroupPart } from './group-geometry.ts';
import { cluster, only, onlyStacked } from './stacking.ts';
import { joinLateRadicalBars } from './late-radical-bar.ts';
import { joinProbabilities } from './boundary.ts';
import { strokeCountPlausibility } from './stroke-counts.ts';
import {
  fitsOverSymbol,
  fitsUnderSymbol,
  symbolUnder,
  symbolUnderItsBar,
} from './bar-over-symbol.ts';

/**
 * Stroke → symbol segmentation. Strokes are grouped in writing order (people finish a
 * symbol before the next one: 99.6 % of CROHME symbols are consecutive strokes), and the
 * best partition is found by dynamic programming over the product of group scores, where a
 * group scores P(it is one symbol) × P(its best class). The classifier's `junk` class
 * (trained on pairs of symbols side by side) keeps neighbours apart.
 */

/** Largest number of strokes in one symbol (÷ and ≠ take 3; 5+ is very rare). */
export const MAX_STROKES_PER_SYMBOL = 4;

/** One number for the group of `length` consecutive strokes from `start`. */
const spanKey = (start: number, length: number): number =>
  start * (MAX_STROKES_PER_SYMBOL + 1) + length;

export interface SegmentedSymbol {
  /** Indices into the input strokes. */
  strokes: number[];
  box: Box;
  shape: ShapeResult;
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
/**
 * Side by side means overlapping horizontally by at most this fraction of the narrower
 * stroke: the stem of a 4 crosses its other stroke, a bracket and a 1 sit next to each other.
 */
export const THIN_PAIR_MAX_OVERLAP = 0.5;
/** Factor on the merged group's score for such a pair (1 would disable the rule). */
export const THIN_PAIR_PENALTY = 0.1;
/** Symbols that are written as two thin strokes of equal height: x as two arcs ")(". */
const TWO_THIN_STROKE_SYMBOLS: ReadonlySet<string> = new Set(['x', '\\times']);

function thinPair(a: Box, b: Box): boolean {
  const ha = a.maxY - a.minY;
  const hb = b.maxY - b.minY;
  const thinBox = (x: Box, h: number): boolean => h >= THIN_MIN_ASPECT * (x.maxX - x.minX);
  const overlap = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const narrower = Math.min(a.maxX - a.minX, b.maxX - b.minX);
  return (
    thinBox(a, ha) &&
    thinBox(b, hb) &&
    Math.min(ha, hb) >= THIN_PAIR_HEIGHT_RATIO * Math.max(ha, hb) &&
    overlap <= THIN_PAIR_MAX_OVERLAP * narrower
  );
}

/**
 * Weight of the learned stroke-boundary model (`boundary.ts`) in a group's score: each
 * boundary inside the group adds P(join), the boundary after it P(split), raised to this
 * power. Chosen on fold 0 of CROHME train (see the README).
 */
export const BOUNDARY_WEIGHT = 0.5;
/**
 * The boundary model's probabilities are kept this far from 0 and 1: it sees only the
 * geometry of two strokes, so it must not overrule the shapes alone.
 */
export const BOUNDARY_MARGIN = 0.02;

/** Probability floor so a log never sees 0. */
const MIN_PROB = 1e-6;

/** One candidate group: strokes `start..end-1` (writing order), classified once. */
interface Candidate {
  start: number;
  end: number;
  box: Box;
  /** Shape after the stacked-symbol filter. */
  shape: ShapeResult;
  /** Factor from the structural rules that need no line size (thin pair). */
  prior: number;
  /** Whether its strokes join only across a gap (an x of two arcs). */
  gapped: boolean;
  /** Whether it is two strokes that do not cross (no + or t). */
  uncrossed: boolean;
  /** Whether one stroke sits small off its upper right corner (an exponent). */
  scriptPart: boolean;
  /** Whether its flattest stroke is a bar beside the rest, not under or over it. */
  barBeside: boolean;
  /** The boundary model's factor: its joins inside the group and its split after it. */
  boundary: number;
}

/**
 * An x drawn as two arcs that do not touch: its right arc opens to the left, so on its
 * own it reads as one of these; a digit or letter there means two symbols side by side.
 * (Its left arc reads as ")", which is fine unless the right one is a "(": brackets.)
 */
const LEFT_OPENING_ARCS: ReadonlySet<string> = new Set(['c', '(', '\\lt']);
/** Factor on a gapped x (a gap between two strokes is more often between two symbols). */
export const GAPPED_X_PENALTY = 0.6;
/**
 * A gapped x is a small letter: at most this tall (× line height), unlike two brackets
 * ")(" or a digit beside a c. Taller, it is ruled out (factor `TALL_GAPPED_X`).
 */
export const GAPPED_X_MAX_HEIGHT = 1.2;
const TALL_GAPPED_X = 0;

/**
 * Two digits side by side ("10", "76") can read as one x once squeezed into a box; but an
 * x's right arc is open, and alone it reads as c, ( or <, never as a clear digit. A pair
 * read as x whose right part alone is a digit at least this sure is doubted.
 */
export const X_RIGHT_DIGIT_MIN = 0.5;
/** Factor on such a pair (like the thin-pair rule). */
export const X_RIGHT_DIGIT_PENALTY = 0.1;
const DIGIT_LABELS: ReadonlySet<string> = new Set([...'0123456789']);

function digitOnTheRight(parts: readonly GroupPart[]): number {
  if (parts.length !== 2) return 1;
  const right = parts.reduce((a, b) => (b.box.minX > a.box.minX ? b : a));
  return DIGIT_LABELS.has(right.label) && right.score >= X_RIGHT_DIGIT_MIN
    ? X_RIGHT_DIGIT_PENALTY
    : 1;
}

/** Whether two strokes side by side across a gap can be the two arcs of an x. */
function gappedX(
  parts: readonly GroupPart[],
  boxes: readonly Box[],
  start: number,
  end: number,
): boolean {
  if (end - start !== 2) return false;
  const [a, b] = [start, start + 1].sort(
    (i, j) => (boxes[i] as Box).minX - (boxes[j] as Box).minX,
  ) as [number, number];
  const right = parts[b]?.label ?? '';
  // ")(" is two brackets; ")" with a c or < to its right is the two arcs of an x.
  return a !== b && LEFT_OPENING_ARCS.has(right) && !(right === '(' && parts[a]?.label === ')');
}

/** Every admissible group, indexed by its end (exclusive). */
function candidates(
  strokes: readonly Stroke[],
  boxes: readonly Box[],
  classifier: SymbolClassifier,
  boundaryWeight: number,
): Candidate[][] {
  const n = strokes.length;
  // Each group is classified once, for the boundary model and for the search.
  const shapes = new Map<number, ShapeResult>();
  const classify = (start: number, end: number): ShapeResult => {
    const key = spanKey(start, end - start);
    let s = shapes.get(key);
    if (!s) shapes.set(key, (s = classifier.classify(strokes.slice(start, end))));
    return s;
  };
  const join = boundaryWeight > 0 ? joinProbabilities(strokes, classify) : new Float64Array(0);
  const sure = (p: number | undefined): number =>
    Math.min(1 - BOUNDARY_MARGIN, Math.max(BOUNDARY_MARGIN, p ?? 0.5));
  const boundary = (start: number, end: number): number => {
    if (boundaryWeight <= 0) return 1;
    let f = end < n ? 1 - sure(join[end - 1]) : 1;
    for (let i = start; i < end - 1; i++) f *= sure(join[i]);
    return f ** boundaryWeight;
  };
  const byEnd: Candidate[][] = Array.from({ length: n + 1 }, () => []);
  const parts: GroupPart[] = [];
  for (let end = 1; end <= n; end++) {
    for (let k = 1; k <= Math.min(MAX_STROKES_PER_SYMBOL, end); k++) {
      const start = end - k;
      const joined = cluster(boxes.slice(start, end));
      if (!joined) continue;
      const { box, stacked, gaps } = joined;
      if (gaps > 0 && !gappedX(parts, boxes, start, end)) continue;
      const raw = classify(start, end);
      const shaped = stacked
        ? onlyStacked(raw, stacked)
        : gaps > 0
          ? only(raw, (l) => l === 'x')
          : raw;
      const others = boxes.filter((_, i) => i < start || i >= end);
      const numerator =
        symbolUnder(box, others) || symbolUnderItsBar(boxes.slice(start, end), others);
      const denominator = k > 1 && symbolUnder(box, others, true);
      const shape =
        numerator || denominator
          ? only(
              shaped,
              (l) => (!numerator || fitsOverSymbol(l)) && (!denominator || fitsUnderSymbol(l)),
            )
          : shaped;
      const thin =
        k === 2 &&
        !TWO_THIN_STROKE_SYMBOLS.has(shape.ranked[0]?.label ?? '') &&
        thinPair(boxes[start] as Box, boxes[start + 1] as Box);
      if (k === 1) {
        const top = raw.ranked[0];
        parts.push({ box, label: top?.label ?? '', score: top?.score ?? 0 });
      }
      const own = parts.slice(start, end);
      // The left arc of a squat x reaches past its right arc like a bracket beside a symbol.
      const twoArcs = TWO_THIN_STROKE_SYMBOLS.has(shape.ranked[0]?.label ?? '');
      const geometry =
        k > 1
          ? radicalContentPlausibility(own) *
            (twoArcs ? digitOnTheRight(own) : bracketBesidePlausibility(own))
          : crossingBarPlausibility(box, [boxes[start - 1], boxes[start + 1]]);
      byEnd[end]?.push({
        start,
        end,
        box,
        shape,
        prior: (thin ? THIN_PAIR_PENALTY : 1) * geometry * GAPPED_X_PENALTY ** gaps,
        gapped: gaps > 0,
        uncrossed: k === 2 && !strokesCross(boxes[start] as Box, boxes[start + 1] as Box),
        scriptPart: hasScriptPart(boxes.slice(start, end)),
        barBeside: barBesideRest(boxes.slice(start, end)),
        boundary: boundary(start, end),
      });
    }
  }
  return byEnd;
}

/** Best partition (dynamic programming over writing order) under a group scoring. */
function bestPath(
  byEnd: readonly Candidate[][],
  score: (c: Candidate) => number,
  allowed: (c: Candidate) => boolean = () => true,
): { path: Candidate[]; logScore: number } {
  const n = byEnd.length - 1;
  const best = new Float64Array(n + 1).fill(-Infinity);
  const back: (Candidate | undefined)[] = new Array<Candidate | undefined>(n + 1);
  best[0] = 0;
  for (let end = 1; end <= n; end++)
    for (const c of byEnd[end] ?? []) {
      const prev = best[c.start] as number;
      if (prev === -Infinity || !allowed(c)) continue;
      const s = prev + Math.log(Math.max(MIN_PROB, score(c)));
      if (s > (best[end] as number)) {
        best[end] = s;
        back[end] = c;
      }
    }
  const path: Candidate[] = [];
  for (let end = n; end > 0;) {
    const c = back[end];
    if (!c) break;
    path.push(c);
    end = c.start;
  }
  return { path: path.reverse(), logScore: best[n] as number };
}

/** P(one symbol) × P(best class) × the prior of a new symbol × structural factors. */
function baseScore(c: Candidate): number {
  return (
    (1 - c.shape.junk) * (c.shape.ranked[0]?.score ?? 0) * NEW_SYMBOL_PRIOR * c.prior * c.boundary
  );
}

/**
 * The shape of a group with each class weighed by how plausible the group's geometry is
 * for it. For a multi-stroke group the mass taken away becomes "not one symbol"; a single
 * stroke cannot be split, so its classes are only re-ranked (a long stroke read as "." is
 * some other symbol, not no symbol).
 */
function weighed(c: Candidate, ref: number): ShapeResult {
  const single = c.end - c.start < 2;
  const ranked = c.shape.ranked
    .map((r) => ({
      label: r.label,
      score:
        r.score *
        dotPlausibility(r.label, c.box, ref) *
        (single ? 1 : widthPlausibility(r.label, c.box, ref)) *
        strokeCountPlausibility(r.label, c.end - c.start) *
        crossingPlausibility(r.label, !c.uncrossed) *
        scriptPartPlausibility(r.label, c.scriptPart) *
        stackAlignPlausibility(r.label, c.barBeside) *
        (c.gapped && c.box.maxY - c.box.minY > GAPPED_X_MAX_HEIGHT * ref ? TALL_GAPPED_X : 1),
    }))
    .sort((a, b) => b.score - a.score);
  const total = ranked.reduce((t, r) => t + r.score, 0);
  if (total <= 0) return single ? c.shape : { ranked: c.shape.ranked, junk: 1 };
  return {
    ranked: ranked.map((r) => ({ label: r.label, score: r.score / total })),
    junk: single ? c.shape.junk : 1 - (1 - c.shape.junk) * total,
  };
}

export interface SegmentOptions {
  /** Weight of the learned boundary model (`BOUNDARY_WEIGHT`; 0 = the rules alone). */
  boundaryWeight?: number;
}

/** One partition of the strokes and its log score (the sum over its groups). */
export interface Segmentation {
  groups: SegmentedSymbol[];
  logScore: number;
}

/**
 * The segmentation search, kept for more than one answer: `best(excluded)` is the best
 * partition that uses none of the excluded groups (keys from `groupKey`), so a caller that
 * finds the best one ungrammatical can ask for the next without classifying again.
 */
export interface SegmentationSearch {
  best(excluded?: ReadonlySet<number>): Segmentation;
}

/** Key of the group of strokes start..end-1 (what `SegmentationSearch.best` excludes). */
export const groupKey = (strokes: readonly number[]): number =>
  spanKey(strokes[0] ?? 0, strokes.length);

export function segmentationSearch(
  strokes: readonly Stroke[],
  classifier: SymbolClassifier,
  options: SegmentOptions = {},
): SegmentationSearch {
  const n = strokes.length;
  if (n === 0) return { best: () => ({ groups: [], logScore: 0 }) };
  const boxes = strokes.map((s) => boxOf([s]));
  const byEnd = candidates(strokes, boxes, classifier, options.boundaryWeight ?? BOUNDARY_WEIGHT);
  // First pass: shape evidence only, to measure the line (typical symbol size).
  const ref = lineHeight(bestPath(byEnd, baseScore).path.map((c) => c.box));
  // Second pass: the same groups, now also judged by their size relative to the line.
  const shapes = new Map<Candidate, ShapeResult>();
  const shapeOf = (c: Candidate): ShapeResult => {
    let s = shapes.get(c);
    if (!s) shapes.set(c, (s = weighed(c, ref)));
    return s;
  };
  const score = (c: Candidate): number => baseScore({ ...c, shape: shapeOf(c) });
  return {
    best(excluded) {
      const allowed = excluded
        ? (c: Candidate) => !excluded.has(spanKey(c.start, c.end - c.start))
        : undefined;
      const { path, logScore } = bestPath(byEnd, score, allowed);
      const groups = path.map((c) => ({
        strokes: Array.from({ length: c.end - c.start }, (_, i) => c.start + i),
        box: c.box,
        shape: shapeOf(c),
      }));
      return {
        groups: joinLateRadicalBars(groups, strokes, (s) => classifier.classify(s)),
        logScore,
      };
    },
  };
}

export function segmentStrokes(
  strokes: readonly Stroke[],
  classifier: SymbolClassifier,
  options: SegmentOptions = {},
): SegmentedSymbol[] {
  return segmentationSearch(strokes, classifier, options).best().groups;
}
