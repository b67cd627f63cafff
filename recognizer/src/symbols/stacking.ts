import type { ShapeResult } from './classifier.ts';
import type { Box } from './features.ts';

/**
 * Which strokes may form one symbol, by their boxes alone: parts of a symbol touch or
 * cross (+ x 4 π), or are stacked apart through bars and dots (= ÷ ≤ ± i). A group that
 * holds together only by stacking can only be one of the stacked symbols, and only if
 * its parts are the right kinds (bars, dots, at most one solid part).
 */

/**
 * Strokes join a group only if their horizontal extents overlap or nearly touch (gap at
 * most this fraction of the smaller one's size): the parts of one symbol are drawn over
 * each other (+ = x 4 π ÷), while neighbouring symbols sit side by side. Relative to the
 * smaller part, so that a long √ or bar does not reach a neighbour a fair way off.
 */
export const MAX_MERGE_GAP_X = 0.05;
/**
 * Some writers draw an x as two arcs ")(" that do not touch. Two strokes side by side
 * (overlapping vertically) with a horizontal gap up to this fraction of the larger size
 * may still join, but only into an x (see `segment.ts`): such gaps are far more often
 * between two symbols.
 */
export const MAX_BESIDE_GAP_X = 0.25;
/** Vertical gaps may be larger (= ÷ i j ≤ have separated parts stacked vertically). */
export const MAX_MERGE_GAP_Y = 1.0;
/** A part this flat (height / width) is a bar: = ≤ ≥ ± ÷ stack parts on bars. */
export const BAR_MAX_ASPECT = 0.5;
/** A part this small (× the other part's size) is a dot: i j ÷ stack parts on dots. */
export const DOT_MAX_RELATIVE_SIZE = 0.3;
/** A dot is at most this many times as tall as wide (a small 1 is much taller). */
export const DOT_MAX_ELONGATION = 2.5;
/**
 * A vertical gap this small (× the larger part's size) between a flag and its stem is a
 * slip of the pen: the bar of a 5 or 7 or the foot of a 1 that misses by a hair.
 */
export const NEAR_TOUCH_GAP = 0.08;

/**
 * A 5 whose cap floats free of its body is stacked too. Its cap sits on top (reaching at
 * most this far down the body, × the body's height) and starts at the stem: it sticks out
 * left of the body by at most `CAP_MAX_LEFT` of the body's width, right by at most
 * `CAP_MAX_RIGHT`. A fraction bar sticks out on both sides of what is under it. (A cap
 * often runs on well past the body: 0.6 → 0.8 read 2 more expressions of train fold 0.)
 */
export const CAP_MAX_DIP = 0.2;
export const CAP_MAX_LEFT = 0.2;
export const CAP_MAX_RIGHT = 0.8;

/**
 * A π drawn as a bar and two legs that hang from it without touching it. Each leg's top
 * sits at most this far (× the leg's height) under the bar, or pokes above it by as much;
 * a denominator under a fraction bar sits about as close, but a fraction has a numerator
 * over its bar, which rules π out (see bar-over-symbol.ts).
 */
export const LEG_MAX_GAP = 0.35;
/** A leg is at least this tall (× the bar's width): a π's legs are about as tall as it is wide. */
export const LEG_MIN_HEIGHT = 0.4;

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
/**
 * Stacked symbols with three parts (a + or ⁄ crossing something, plus a separate bar or
 * dots) need at least three strokes; with two, "1 over a bar" would read as ±.
 */
const THREE_PART_SYMBOLS: ReadonlySet<string> = new Set(['\\pm', '\\div', '\\neq']);
/** Stacked symbols whose separate parts are all bars (=) or bars and dots (÷ :). */
const ONLY_BARS_AND_DOTS: ReadonlySet<string> = new Set(['=', '\\div', ':']);

export function size(b: Box): number {
  return Math.max(b.maxX - b.minX, b.maxY - b.minY);
}

function gap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.max(a0, b0) - Math.min(a1, b1));
}

export function union(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** A part this flat is a bar (= ≤ ≥ ± ÷ stack on bars). */
export function isFlat(x: Box): boolean {
  return x.maxY - x.minY <= BAR_MAX_ASPECT * (x.maxX - x.minX);
}

/**
 * How stroke box `b` may join box `g`: not at all, touching, beside it across a small
 * gap, or stacked apart vertically.
 */
export function join(g: Box, b: Box): 'no' | 'touching' | 'beside' | 'stacked' {
  const s = Math.max(size(g), size(b), 1e-9);
  const near = Math.max(Math.min(size(g), size(b)), 1e-9);
  const gx = gap(g.minX, g.maxX, b.minX, b.maxX);
  const gy = gap(g.minY, g.maxY, b.minY, b.maxY);
  if (gx > MAX_MERGE_GAP_X * near) return gx <= MAX_BESIDE_GAP_X * s && gy === 0 ? 'beside' : 'no';
  if (gy > MAX_MERGE_GAP_Y * s) return 'no';
  if (gy === 0) return 'touching';
  // A flag that misses its stem by a hair still touches; a fraction bar sticks out past
  // its numerator at both ends, a flag starts or ends within the stroke it belongs to.
  const flag = (x: Box, other: Box): boolean =>
    isFlat(x) && (x.minX >= other.minX || x.maxX <= other.maxX);
  if (gy <= NEAR_TOUCH_GAP * s && (flag(g, b) || flag(b, g))) return 'touching';
  // Vertically separated parts form one symbol only through a bar or a dot; a digit
  // above a fraction bar is a numerator, not part of the bar.
  const tiny = (x: Box, other: Box): boolean => size(x) <= DOT_MAX_RELATIVE_SIZE * size(other);
  return isFlat(g) || isFlat(b) || tiny(g, b) || tiny(b, g) ? 'stacked' : 'no';
}

/** What a stacked group is made of: its parts (strokes that touch) by kind. */
export interface StackedParts {
  strokes: number;
  bars: number;
  dots: number;
  /** Parts that are neither bars nor dots (the < of ≤, the + of ±). */
  solid: number;
  /** Whether the only bar is a cap: above the only solid part and narrower than it. */
  cap: boolean;
  /** Whether the parts are a bar with two legs hanging apart from it: a π. */
  legs: boolean;
}

/** A group of strokes that hangs together, with its box; `stacked` when it needs stacking. */
export interface Cluster {
  box: Box;
  stacked: StackedParts | null;
  /** How many strokes joined only across a small horizontal gap. */
  gaps: number;
}

function partsOf(boxes: readonly Box[], group: Box): StackedParts {
  const n = boxes.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : root(parent[i] as number));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      if (join(boxes[i] as Box, boxes[j] as Box) === 'touching') parent[root(j)] = root(i);
  // ('beside' parts never reach this: a gapped group is never also stacked.)
  const partBoxes = new Map<number, Box>();
  boxes.forEach((b, i) => {
    const r = root(i);
    const p = partBoxes.get(r);
    partBoxes.set(r, p ? union(p, b) : b);
  });
  const out: StackedParts = {
    strokes: n,
    bars: 0,
    dots: 0,
    solid: 0,
    cap: false,
    legs: false,
  };
  let bar: Box | null = null;
  let body: Box | null = null;
  for (const b of partBoxes.values()) {
    if (isFlat(b)) {
      out.bars++;
      bar = b;
    } else if (
      size(b) <= DOT_MAX_RELATIVE_SIZE * size(group) &&
      b.maxY - b.minY <= DOT_MAX_ELONGATION * (b.maxX - b.minX)
    )
      out.dots++;
    else {
      out.solid++;
      body = b;
    }
  }
  const w = body ? body.maxX - body.minX : 0;
  out.cap =
    bar !== null &&
    body !== null &&
    bar.maxY <= body.minY + CAP_MAX_DIP * (body.maxY - body.minY) &&
    bar.minX >= body.minX - CAP_MAX_LEFT * w &&
    bar.maxX <= body.maxX + CAP_MAX_RIGHT * w;
  return out;
}

/**
 * Whether the strokes hang together: starting from the last one, each other stroke must
 * join one of the strokes gathered so far, in any order (a ÷ written bar first and then
 * both dots gathers the bar, then the dots). Strokes are compared one to one, not to the
 * gathered box, which would also cover the gaps between them. Null when they do not hang
 * together, or when they are stacked with more than one solid part ("1 over a bar over
 * 0" is a fraction, not a ≠ or ÷), except a π's two legs hanging from its bar.
 */
export function cluster(boxes: readonly Box[]): Cluster | null {
  const found = gather(boxes);
  if (found && found.gaps === 0) return found;
  return hangingLegs(boxes) ?? found;
}

/**
 * Three strokes that are a bar and two legs under it, each leg's top near the bar and its
 * centre within the bar's width: a π whose legs do not touch its bar. Legs that touch are
 * found by `gather` already; legs apart from it read as two symbols under a bar otherwise.
 */
function hangingLegs(boxes: readonly Box[]): Cluster | null {
  if (boxes.length !== 3) return null;
  const bars = boxes.filter(isFlat);
  const bar = bars[0];
  if (!bar || bars.length !== 1) return null;
  const legs = boxes.filter((b) => b !== bar);
  const [a, b] = legs as [Box, Box];
  const hangs = (leg: Box): boolean => {
    const h = leg.maxY - leg.minY;
    const centre = (leg.minX + leg.maxX) / 2;
    return (
      h >= LEG_MIN_HEIGHT * (bar.maxX - bar.minX) &&
      Math.abs(leg.minY - bar.maxY) <= LEG_MAX_GAP * h &&
      centre >= bar.minX &&
      centre <= bar.maxX
    );
  };
  // Side by side: neither leg's centre within the other.
  const apart = (p: Box, q: Box): boolean =>
    (p.minX + p.maxX) / 2 < q.minX || (p.minX + p.maxX) / 2 > q.maxX;
  if (!hangs(a) || !hangs(b) || !apart(a, b) || !apart(b, a)) return null;
  const box = boxes.reduce(union);
  return {
    box,
    stacked: { strokes: 3, bars: 1, dots: 0, solid: 2, cap: false, legs: true },
    gaps: 0,
  };
}

/** Whether the strokes hang together by touching, gaps or stacking (see `cluster`). */
function gather(boxes: readonly Box[]): Cluster | null {
  const last = boxes.at(-1);
  if (!last) return null;
  let box = last;
  let stacked = false;
  let gaps = 0;
  const gathered: Box[] = [last];
  const left = Array.from({ length: boxes.length - 1 }, (_, i) => i);
  let grew = true;
  while (left.length > 0 && grew) {
    grew = false;
    // Latest first: the stroke written just before is the likeliest part.
    for (let j = left.length - 1; j >= 0; j--) {
      const b = boxes[left[j] as number] as Box;
      const how = gathered.map((g) => join(g, b));
      if (how.every((h) => h === 'no')) continue;
      if (!how.includes('touching')) {
        if (how.includes('beside')) gaps++;
        else stacked = true;
      }
      box = union(box, b);
      gathered.push(b);
      left.splice(j, 1);
      grew = true;
    }
  }
  if (left.length > 0 || (gaps > 0 && stacked)) return null;
  if (!stacked) return { box, stacked: null, gaps };
  const parts = partsOf(boxes, box);
  return parts.solid <= 1 ? { box, stacked: parts, gaps } : null;
}

function possible(label: string, parts: StackedParts): boolean {
  if (label === '5') return parts.bars === 1 && parts.solid === 1 && parts.dots === 0 && parts.cap;
  if (label === '\\pi') return parts.legs;
  if (!STACKED_SYMBOLS.has(label)) return false;
  if (THREE_PART_SYMBOLS.has(label) && parts.strokes < 3) return false;
  if (ONLY_BARS_AND_DOTS.has(label) && parts.solid > 0) return false;
  if (label === '\\div' && parts.dots === 0) return false;
  // ≤ and ≥ have their bar under the wedge; a bar over the only solid part is a cap (5).
  if ((label === '\\leq' || label === '\\geq') && parts.cap) return false;
  return true;
}

/** Keep only the labels `ok` allows (renormalized); the rest becomes "not one symbol". */
export function only(shape: ShapeResult, ok: (label: string) => boolean): ShapeResult {
  const kept = shape.ranked.filter((r) => ok(r.label));
  const total = kept.reduce((t, r) => t + r.score, 0);
  if (total <= 0) return { ranked: [], junk: 1 };
  return {
    ranked: kept.map((r) => ({ label: r.label, score: r.score / total })),
    junk: shape.junk + (1 - shape.junk) * (1 - total),
  };
}

/** Keep only the stacked symbols these parts can make. */
export function onlyStacked(shape: ShapeResult, parts: StackedParts): ShapeResult {
  return only(shape, (l) => possible(l, parts));
}
