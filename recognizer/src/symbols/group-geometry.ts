import { isFlat, union } from './stacking.ts';
import type { Box } from './features.ts';

/**
 * Layout-aware plausibility of a candidate group of strokes being one symbol. The shape
 * classifier is scale-free: "(1" looks like an a, "√3" like a 6, "775" like an n once
 * each is squeezed into a unit box. What it cannot see is the size of the group relative
 * to the line and how its parts sit: these rules look at exactly that. Every factor is a
 * multiplier in (0, 1] on the group's "one symbol" probability; 1 means no objection.
 * Sizes are in units of the line's typical symbol height (`ref`, about a digit's height,
 * see `lineHeight`).
 */

/**
 * Symbols that grow with what they span have no width limit: the radical and the minus /
 * fraction bar. (Relations do not: a long = is still about as wide as a digit is tall.)
 */
const STRETCHY: ReadonlySet<string> = new Set(['\\sqrt', '-']);
/**
 * Wide symbols: letters and operators about as wide as tall or wider (x, a, ≤ …). At most
 * this wide (× ref) before the group is doubted: about one and a half digit heights.
 */
export const MAX_WIDTH_WIDE = 1.6;
const WIDE: ReadonlySet<string> = new Set([
  '=',
  '\\neq',
  'a',
  'm',
  'w',
  'x',
  'z',
  '\\times',
  '\\div',
  '\\pm',
  '\\leq',
  '\\geq',
  '\\lt',
  '\\gt',
  '\\pi',
  '+',
]);
/** Narrow symbols: brackets, slash, 1, comma, dot. Never wider than most of a digit height. */
export const MAX_WIDTH_NARROW = 0.9;
const NARROW: ReadonlySet<string> = new Set(['(', ')', '[', ']', '/', '1', ',', '.', '\\cdot']);
/** Everything else (digits, most letters): a digit is at most about 1.3 × as wide as tall. */
export const MAX_WIDTH_DEFAULT = 1.3;
/**
 * How fast the doubt grows past the limit: the factor is e^(−excess / this), so a group
 * 0.2 ref too wide keeps e^(−1) ≈ 37 % and one a whole digit too wide ≈ 0.7 %.
 */
export const WIDTH_EXCESS_SCALE = 0.2;

/**
 * An x of two round arcs back to back is written small but wide, often twice as wide as a
 * digit is tall; it still is one letter.
 */
export const MAX_WIDTH_X = 2.2;

export function maxWidth(label: string): number {
  if (STRETCHY.has(label)) return Infinity;
  if (label === 'x') return MAX_WIDTH_X;
  if (WIDE.has(label)) return MAX_WIDTH_WIDE;
  if (NARROW.has(label)) return MAX_WIDTH_NARROW;
  return MAX_WIDTH_DEFAULT;
}

/** Factor for a group of width `w` read as `label`, on a line whose typical size is `ref`. */
export function widthPlausibility(label: string, box: Box, ref: number): number {
  if (!(ref > 0)) return 1;
  const excess = (box.maxX - box.minX) / ref - maxWidth(label);
  return excess > 0 ? Math.exp(-excess / WIDTH_EXCESS_SCALE) : 1;
}

/**
 * A dot is a small mark: a stroke read as "." or "·" that is larger than this (× the
 * line height) is some other symbol (a stroke of an x drawn with few points reads as a
 * dot to the scale-free classifier). Same bound as the context rule `DOT_MAX_SIZE`.
 */
export const DOT_MAX_LINE_SIZE = 0.22;
/** Factor on the dot readings of a mark larger than that. */
export const BIG_DOT_FACTOR = 0.01;

export function dotPlausibility(label: string, box: Box, ref: number): number {
  if (label !== '.' && label !== '\\cdot') return 1;
  const size = Math.max(box.maxX - box.minX, box.maxY - box.minY);
  return ref > 0 && size > DOT_MAX_LINE_SIZE * ref ? BIG_DOT_FACTOR : 1;
}

/**
 * A radical encloses its radicand: when one stroke of a group reads as √ on its own
 * (at least this score) and another stroke of the group lies under it, the group is a
 * root and (part of) its contents, not one symbol (the classifier reads "√3" as a 6 or
 * an 8, and "+√2" inside a nested root as one long √).
 */
export const RADICAL_MIN_SCORE = 0.5;
/**
 * "Under the radical": the stroke's centre is inside the radical's box and its top is
 * below the radical's top by at least this fraction of the radical's height (a bar drawn
 * as a separate stroke along the top belongs to the √ itself).
 */
export const RADICAL_INSIDE_MARGIN = 0.1;
/**
 * Factor on such a group (strong: a √ shape around other ink is decisive; 0.02 still let
 * a confident √ swallow a 1 under it, 21 times on CROHME train).
 */
export const RADICAL_CONTENT_PENALTY = 0.002;

export interface GroupPart {
  box: Box;
  /** The part's best label on its own and its score. */
  label: string;
  score: number;
}

function inside(inner: Box, outer: Box): boolean {
  const cx = (inner.minX + inner.maxX) / 2;
  const cy = (inner.minY + inner.maxY) / 2;
  const h = outer.maxY - outer.minY;
  return (
    cx > outer.minX &&
    cx < outer.maxX &&
    cy > outer.minY &&
    cy < outer.maxY &&
    inner.minY > outer.minY + RADICAL_INSIDE_MARGIN * h
  );
}

/** Whether `part` lies before the radical: its centre left of the radical's left end. */
function before(part: Box, radical: Box): boolean {
  return (part.minX + part.maxX) / 2 < radical.minX;
}

/**
 * A √'s own bar starts at the top of its tick and runs right; a bar that sticks out left of
 * the tick by more than this fraction of the radical's height is a fraction bar over it
 * (a denominator that begins with a √).
 */
export const RADICAL_BAR_MAX_LEFT = 0.2;

function barPastTick(part: Box, radical: Box): boolean {
  return (
    isFlat(part) && part.minX < radical.minX - RADICAL_BAR_MAX_LEFT * (radical.maxY - radical.minY)
  );
}

/**
 * Factor for a group whose parts (strokes, in writing order) include a √ around another,
 * or a √ with another part before it (a coefficient touching the radical: "7√7") or a
 * fraction bar lying on it.
 */
export function radicalContentPlausibility(parts: readonly GroupPart[]): number {
  if (parts.length < 2) return 1;
  for (const p of parts) {
    if (p.label !== '\\sqrt' || p.score < RADICAL_MIN_SCORE) continue;
    const other = (q: GroupPart): boolean =>
      inside(q.box, p.box) || before(q.box, p.box) || barPastTick(q.box, p.box);
    if (parts.some((q) => q !== p && other(q))) return RADICAL_CONTENT_PENALTY;
  }
  return 1;
}

/**
 * A bracket (or a tall slash) beside a symbol: two parts side by side, the taller one
 * reaching past the shorter one both above and below. The scale-free classifier reads
 * "(1" as an a, "0)" as a d, "(3" as a b; but in a, b, d, 4 the parts share the baseline
 * or the top line, while a bracket spans the symbols it encloses, sticking out at both
 * ends. Side by side: overlapping horizontally by at most this fraction of the narrower.
 */
export const BESIDE_MAX_OVERLAP = 0.3;
/** "Past the shorter part": by at least this fraction of the taller part's height. */
export const ENCLOSE_MARGIN = 0.1;
/** Factor on a group containing such a pair. */
export const BRACKET_BESIDE_PENALTY = 0.1;

function bracketBeside(a: Box, b: Box): boolean {
  const overlap = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
  const narrower = Math.min(a.maxX - a.minX, b.maxX - b.minX);
  if (overlap > BESIDE_MAX_OVERLAP * narrower) return false;
  const [tall, short] = a.maxY - a.minY >= b.maxY - b.minY ? [a, b] : [b, a];
  const m = ENCLOSE_MARGIN * (tall.maxY - tall.minY);
  return tall.minY < short.minY - m && tall.maxY > short.maxY + m;
}

/** Factor for a group whose strokes include a bracket-like stroke beside another. */
export function bracketBesidePlausibility(parts: readonly GroupPart[]): number {
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++)
      if (bracketBeside((parts[i] as GroupPart).box, (parts[j] as GroupPart).box))
        return BRACKET_BESIDE_PENALTY;
  return 1;
}

/**
 * A bar drawn across the stroke written just before or after it (the cross of a 7 or a t,
 * the bar of a + or π) belongs to that stroke: on its own it would be a minus sign in the
 * middle of a digit. "Across": its centre in the middle band of the other stroke (this
 * fraction of its height kept off at the top and at the bottom) and its length spanning
 * the other stroke's centre line.
 */
export const CROSSING_BAND_MARGIN = 0.2;
/** Factor on a bar standing alone across its neighbour. */
export const CROSSING_BAR_ALONE_PENALTY = 0.2;
/** A stroke this flat (height / width) is a bar. */
export const CROSSING_BAR_MAX_ASPECT = 0.5;

const flatBox = (b: Box): boolean => b.maxY - b.minY <= CROSSING_BAR_MAX_ASPECT * (b.maxX - b.minX);

/** Factor for a one-stroke group `bar` given the boxes of the strokes written around it. */
export function crossingBarPlausibility(
  bar: Box,
  neighbours: readonly (Box | undefined)[],
): number {
  if (!flatBox(bar)) return 1;
  const y = (bar.minY + bar.maxY) / 2;
  for (const n of neighbours) {
    if (!n || flatBox(n)) continue;
    const m = CROSSING_BAND_MARGIN * (n.maxY - n.minY);
    const x = (n.minX + n.maxX) / 2;
    if (y > n.minY + m && y < n.maxY - m && bar.minX < x && bar.maxX > x)
      return CROSSING_BAR_ALONE_PENALTY;
  }
  return 1;
}

/**
 * A + or t of two strokes is two strokes that cross: each stroke's middle lies within the
 * other's extent, give or take this fraction of it. On CROHME train that holds for 99.6 %
 * of two-stroke + and 96 % of t, while a base and its exponent merged ("b²", "y²" read as
 * t) sit beside each other.
 */
export const CROSSING_TOLERANCE = 0.1;
/** Factor on + and t for two strokes that do not cross. */
export const UNCROSSED_PENALTY = 0.05;
const CROSSED_SYMBOLS: ReadonlySet<string> = new Set(['+', 't']);

/** Whether strokes `a` and `b` cross, by their boxes (either may be the bar). */
export function strokesCross(a: Box, b: Box): boolean {
  const across = (bar: Box, stem: Box): boolean => {
    const x = (stem.minX + stem.maxX) / 2;
    const y = (bar.minY + bar.maxY) / 2;
    const w = CROSSING_TOLERANCE * (bar.maxX - bar.minX);
    const h = CROSSING_TOLERANCE * (stem.maxY - stem.minY);
    return x >= bar.minX - w && x <= bar.maxX + w && y >= stem.minY - h && y <= stem.maxY + h;
  };
  return across(a, b) || across(b, a);
}

/** Factor for reading a group as `label` when it is two strokes that do (not) cross. */
export function crossingPlausibility(label: string, twoStrokesCross: boolean): number {
  return twoStrokesCross || !CROSSED_SYMBOLS.has(label) ? 1 : UNCROSSED_PENALTY;
}

/**
 * A small stroke off the upper right corner of the others is an exponent, not a part: of
 * the core symbols only a 5 (its cap) and a √ (its bar) have one there, and theirs is a
 * flat bar, which an exponent is not. On CROHME train such a part occurs in 0.04 % of
 * multi-stroke x (2 of 4,545) and of t, y, = alike, so an "x³" merged into one × or a
 * "b²" into a d or a 5 is taken apart. "Small": below this fraction of the others' size,
 * but not a mere speck (a stray pen tap is no exponent); "off the corner": its centre
 * right of the others and in their top quarter.
 */
export const SCRIPT_PART_MAX_SIZE = 0.6;
export const SCRIPT_PART_MIN_SIZE = 0.15;
export const SCRIPT_PART_MAX_DROP = 0.25;
/** Factor on symbols without such a part for a group that has one. */
export const SCRIPT_PART_PENALTY = 0.05;
const HAS_UPPER_RIGHT_PART: ReadonlySet<string> = new Set(['i', 'j']);

/** Whether one of the strokes sits off the upper right corner of the rest: small, not a bar. */
export function hasScriptPart(strokes: readonly Box[]): boolean {
  if (strokes.length < 2) return false;
  return strokes.some((p, i) => {
    const rest = strokes.filter((_, j) => j !== i).reduce(union);
    const [w, h] = [rest.maxX - rest.minX, rest.maxY - rest.minY];
    const size = Math.max(p.maxX - p.minX, p.maxY - p.minY);
    return (
      !isFlat(p) &&
      size < SCRIPT_PART_MAX_SIZE * Math.max(w, h) &&
      size > SCRIPT_PART_MIN_SIZE * Math.max(w, h) &&
      (p.minX + p.maxX) / 2 > rest.maxX &&
      (p.minY + p.maxY) / 2 < rest.minY + SCRIPT_PART_MAX_DROP * h
    );
  });
}

/** Factor for reading a group as `label` when it has (no) small upper right part. */
export function scriptPartPlausibility(label: string, scriptPart: boolean): number {
  return !scriptPart || HAS_UPPER_RIGHT_PART.has(label) ? 1 : SCRIPT_PART_PENALTY;
}

/**
 * Symbols stacked on a bar (= ≤ ≥ ±) have the bar under or over the rest, across most of
 * it: its horizontal overlap with the rest is at least this share of the narrower width.
 * An exponent and the minus after it ("b² − 4" read as b ≤ 4) overlap by a corner.
 */
export const STACK_MIN_OVERLAP = 0.5;
/** Factor on the bar-stacked symbols for a group whose flattest stroke sits beside the rest. */
export const STACK_BESIDE_PENALTY = 0.05;
const STACKED_ON_BAR: ReadonlySet<string> = new Set(['=', '\\leq', '\\geq', '\\pm']);

/** Whether the flattest of the strokes is a bar that only overlaps the rest by a corner. */
export function barBesideRest(strokes: readonly Box[]): boolean {
  if (strokes.length < 2) return false;
  const flatness = (b: Box): number => (b.maxY - b.minY) / Math.max(b.maxX - b.minX, 1e-9);
  let k = 0;
  strokes.forEach((b, i) => {
    if (flatness(b) < flatness(strokes[k] as Box)) k = i;
  });
  const bar = strokes[k] as Box;
  if (!isFlat(bar)) return false;
  const rest = strokes.filter((_, i) => i !== k).reduce(union);
  const overlap = Math.min(bar.maxX, rest.maxX) - Math.max(bar.minX, rest.minX);
  const narrower = Math.min(bar.maxX - bar.minX, rest.maxX - rest.minX);
  return overlap < STACK_MIN_OVERLAP * narrower;
}

/** Factor for reading a group as `label` when its bar sits beside the rest (barBesideRest). */
export function stackAlignPlausibility(label: string, barBeside: boolean): number {
  return barBeside && STACKED_ON_BAR.has(label) ? STACK_BESIDE_PENALTY : 1;
}

/** Marks shorter than this fraction of the median height (bars, dots) do not measure the line. */
export const LINE_HEIGHT_MIN_PART = 0.4;

/**
 * The line's typical symbol height, from a first segmentation: the median height of its
 * groups, ignoring bars and dots. Heights, not sizes: a wrongly merged group ("775" read
 * as one n) is much wider than a symbol but no taller, so it cannot inflate the measure
 * that is meant to expose it.
 */
export function lineHeight(boxes: readonly Box[]): number {
  const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)] ?? 0;
  const hs = boxes.map((b) => b.maxY - b.minY).sort((a, b) => a - b);
  const m = median(hs);
  const tall = hs.filter((h) => h > LINE_HEIGHT_MIN_PART * m);
  return tall.length > 0 ? median(tall) : m;
}
