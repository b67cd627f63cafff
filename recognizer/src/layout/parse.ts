import type { Box } from '../symbols/features.ts';
import {
  BIG_OPERATORS,
  integralScripts,
  isLimitLine,
  limitsAroundOperators,
} from './big-operators.ts';
import { cy, sizeOf, unionBox } from './geometry.ts';
import { roots } from './radicals.ts';
import { growByOverhangingScript, NEVER_SCRIPT, relation, SCRIPTABLE, SIGNS } from './scripts.ts';

/**
 * 2-D layout analysis: recognized symbols with boxes → expression tree. Stages, each on
 * what the previous left: lines (horizontal bands), fraction bars (a `-` with symbols
 * entirely above and below it), square roots (what lies inside the radical's box), the
 * limits of big operators (Σ, lim, ∫: big-operators.ts), then the baseline, where a
 * smaller symbol raised above the previous symbol's core is its superscript (and a
 * lowered one its subscript). Pure geometry, thresholds below.
 */

export interface LayoutSymbol {
  label: string;
  box: Box;
  /** Position in the recognizer's symbol list (for n-best substitution). */
  index: number;
}

export type LayoutNode =
  | { kind: 'sym'; sym: LayoutSymbol; box: Box }
  | { kind: 'frac'; bar: LayoutSymbol; num: LayoutNode[]; den: LayoutNode[]; box: Box }
  | { kind: 'sqrt'; sym: LayoutSymbol; index: LayoutNode[]; body: LayoutNode[]; box: Box }
  | { kind: 'script'; base: LayoutNode; sup: LayoutNode[]; sub: LayoutNode[]; box: Box };

/**
 * Lines are separated by an empty horizontal band at least this tall (× typical size),
 * and never right under a fraction bar (the gap to a denominator is not a line break).
 */
export const LINE_GAP = 0.8;
/**
 * A symbol belongs to a fraction when at least this fraction of its width lies over the
 * bar: the last symbol of a numerator often sticks out past the bar's end, and a lone
 * denominator may hang off a short bar by half its width (train fold 0, layout on true
 * symbols: 0.5 / 0.3 / 0.2 gave 34 / 31 / 30 wrong of 526).
 */
export const FRACTION_MIN_OVERLAP = 0.2;
/** A numerator may end this far below the bar's line (× typical size): bars are not level. */
export const FRACTION_Y_TOLERANCE = 0.15;
/** Numerator and denominator must lie within this many typical sizes of the bar. */
export const FRACTION_REACH = 3;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

function symNode(s: LayoutSymbol): LayoutNode {
  return { kind: 'sym', sym: s, box: s.box };
}

/**
 * A handwritten bar is often shorter than what it divides: the last digit of "10" or the
 * first of "15" sticks out past its end. A symbol next to the numerator (or denominator)
 * row, on the same side of the bar, sharing the row's height band and at most this far
 * from it (× typical size), belongs to that row.
 */
export const FRACTION_ROW_GAP = 0.8;
/**
 * …and whose centre is at least this far (× typical size) from the bar's line: a minus
 * before a fraction sits at the bar's height (-\frac{a}{2}), a numerator's own minus
 * above it (\frac{-b}{2a}).
 */
export const FRACTION_ROW_CLEAR = 0.25;

/** Grow a numerator or denominator row (in place) by its horizontal neighbours. */
function extendRow(
  row: LayoutNode[],
  pool: readonly LayoutNode[],
  bar: LayoutNode,
  ref: number,
  sameSide: (n: LayoutNode) => boolean,
): void {
  for (let grew = true; grew;) {
    grew = false;
    const band = unionBox(row.map((n) => n.box));
    for (const n of pool) {
      if (n === bar || row.includes(n) || !sameSide(n)) continue;
      const gapX = Math.max(n.box.minX - band.maxX, band.minX - n.box.maxX);
      const c = cy(n.box);
      const clear = Math.abs(c - cy(bar.box)) >= FRACTION_ROW_CLEAR * ref;
      if (gapX <= FRACTION_ROW_GAP * ref && clear && c > band.minY && c < band.maxY) {
        row.push(n);
        grew = true;
      }
    }
  }
}

function fractions(items: LayoutNode[], ref: number): LayoutNode[] {
  const bars = items
    .filter(
      (n): n is Extract<LayoutNode, { kind: 'sym' }> => n.kind === 'sym' && n.sym.label === '-',
    )
    .sort((a, b) => b.box.maxX - b.box.minX - (a.box.maxX - a.box.minX));
  let pool = items;
  for (const bar of bars) {
    if (!pool.includes(bar)) continue;
    const y = cy(bar.box);
    const inX = (n: LayoutNode): boolean => {
      const overlap = Math.min(n.box.maxX, bar.box.maxX) - Math.max(n.box.minX, bar.box.minX);
      return overlap >= FRACTION_MIN_OVERLAP * Math.max(n.box.maxX - n.box.minX, 1e-9);
    };
    const tol = FRACTION_Y_TOLERANCE * ref;
    const num = pool.filter(
      (n) =>
        n !== bar &&
        inX(n) &&
        n.box.maxY <= y + tol &&
        n.box.maxY > y - FRACTION_REACH * ref &&
        cy(n.box) < y,
    );
    const den = pool.filter(
      (n) =>
        n !== bar &&
        inX(n) &&
        n.box.minY >= y - tol &&
        n.box.minY < y + FRACTION_REACH * ref &&
        cy(n.box) > y,
    );
    if (num.length === 0 || den.length === 0) continue;
    const above = (n: LayoutNode): boolean => n !== bar && cy(n.box) < y && n.box.maxY <= y + tol;
    const below = (n: LayoutNode): boolean => n !== bar && cy(n.box) > y && n.box.minY >= y - tol;
    extendRow(num, pool, bar, ref, above);
    extendRow(den, pool, bar, ref, below);
    growByOverhangingScript(num, pool, ref, above);
    growByOverhangingScript(den, pool, ref, below);
    const frac: LayoutNode = {
      kind: 'frac',
      bar: bar.sym,
      num: parseItems(num, ref),
      den: parseItems(den, ref),
      box: unionBox([bar.box, ...num.map((n) => n.box), ...den.map((n) => n.box)]),
    };
    pool = [...pool.filter((n) => n !== bar && !num.includes(n) && !den.includes(n)), frac];
  }
  return pool;
}

function baseline(items: LayoutNode[], ref: number): LayoutNode[] {
  const sorted = [...items].sort((a, b) => a.box.minX - b.box.minX);
  const out: LayoutNode[] = [];
  let i = 0;
  while (i < sorted.length) {
    const base = sorted[i] as LayoutNode;
    i++;
    const scriptable = base.kind === 'sym' ? SCRIPTABLE.has(base.sym.label) : base.kind === 'sqrt';
    if (!scriptable) {
      out.push(base);
      continue;
    }
    const sup: LayoutNode[] = [];
    const sub: LayoutNode[] = [];
    while (i < sorted.length) {
      const a = sorted[i] as LayoutNode;
      let rel = relation(a, base, ref);
      const label = a.kind === 'sym' ? a.sym.label : '';
      if (NEVER_SCRIPT.has(label)) rel = 'base';
      if (rel !== 'base' && SIGNS.has(label)) {
        const next = sorted[i + 1];
        if (!next || relation(next, base, ref) !== rel) rel = 'base';
      }
      if (rel === 'base') break;
      (rel === 'sup' ? sup : sub).push(a);
      i++;
    }
    if (sup.length === 0 && sub.length === 0) out.push(base);
    else
      out.push({
        kind: 'script',
        base,
        sup: parseItems(sup, ref),
        sub: parseItems(sub, ref),
        box: unionBox([base.box, ...sup.map((n) => n.box), ...sub.map((n) => n.box)]),
      });
  }
  return out;
}

function parseItems(items: LayoutNode[], ref: number): LayoutNode[] {
  if (items.length === 0) return [];
  const grouped = roots(fractions(items, ref), ref, parseItems);
  return baseline(
    integralScripts(limitsAroundOperators(grouped, ref, parseItems), ref, parseItems),
    ref,
  );
}

/** Split symbols into lines by empty horizontal bands. */
function lines(symbols: LayoutSymbol[], ref: number): LayoutSymbol[][] {
  const sorted = [...symbols].sort((a, b) => a.box.minY - b.box.minY);
  const out: LayoutSymbol[][] = [];
  let bottom = -Infinity;
  let lowest: LayoutSymbol | null = null;
  for (const s of sorted) {
    const underBar =
      lowest !== null &&
      lowest.label === '-' &&
      s.box.maxX > lowest.box.minX &&
      s.box.minX < lowest.box.maxX;
    if (out.length === 0 || (s.box.minY - bottom > LINE_GAP * ref && !underBar)) out.push([]);
    out.at(-1)?.push(s);
    if (s.box.maxY > bottom) {
      bottom = s.box.maxY;
      lowest = s;
    }
  }
  return out;
}

/**
 * People leave a gap around Σ, lim and ∫: a line that is all a limit of a big operator on
 * the line above or below it (isLimitLine) joins that line.
 */
function joinLimitLines(split: LayoutSymbol[][], ref: number): LayoutSymbol[][] {
  const limitOf = (line: LayoutSymbol[], ops: LayoutSymbol[]): boolean =>
    ops.some((op) => BIG_OPERATORS.has(op.label) && isLimitLine(op.box, line, ref));
  const out: LayoutSymbol[][] = [];
  for (const line of split) {
    const prev = out.at(-1);
    if (prev && (limitOf(line, prev) || limitOf(prev, line))) prev.push(...line);
    else out.push(line);
  }
  return out;
}

/**
 * The expression's typical symbol size, what every layout threshold is measured in: the
 * median size, leaving out dots and other marks under 0.4 of it.
 */
export function typicalSize(symbols: readonly LayoutSymbol[]): number {
  const sizes = symbols.map((s) => sizeOf(s.box));
  const m = median(sizes);
  return Math.max(median(sizes.filter((s) => s > 0.4 * m)), 1e-9);
}

/** Parse recognized symbols into one node list per line (top to bottom). */
export function parseLayout(symbols: readonly LayoutSymbol[]): LayoutNode[][] {
  if (symbols.length === 0) return [];
  const ref = typicalSize(symbols);
  return joinLimitLines(lines([...symbols], ref), ref).map((line) =>
    parseItems(line.map(symNode), ref),
  );
}
