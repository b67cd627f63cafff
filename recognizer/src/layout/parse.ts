import type { Box } from '../symbols/features.ts';
import {
  BIG_OPERATORS,
  integralScripts,
  isLimitLine,
  limitsAroundOperators,
} from './big-operators.ts';
import { cx, cy, sizeOf, unionBox } from './geometry.ts';
import { FUNCTION_WORDS } from './words.ts';

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
 * bar: the last symbol of a numerator often sticks out past the bar's end.
 */
export const FRACTION_MIN_OVERLAP = 0.5;
/** A numerator may end this far below the bar's line (× typical size): bars are not level. */
export const FRACTION_Y_TOLERANCE = 0.15;
/** Numerator and denominator must lie within this many typical sizes of the bar. */
export const FRACTION_REACH = 3;
/**
 * Superscript: the symbol's centre is above the base's core top + this × core height and
 * its bottom above the core's middle. Subscripts mirror it.
 */
export const SCRIPT_CENTER_REL = 0.15;
export const SCRIPT_EDGE_REL = 0.5;
/** Part of a digit/ascender's height above the x-height line (where exponents start). */
export const ASCENDER_PART = 0.35;
/** Part of "log"'s height above its x-height band, and the same below (l and g). */
export const LOG_OUTER_PART = 0.3;
/** √ index ("∛"): inside the radical's box, left of this × its height from its left edge. */
export const SQRT_INDEX_ZONE = 0.35;
/**
 * An index may also start left of the radical (its centre up to this × height before the
 * left edge): people write it first, beside the tick rather than over it. Not when another
 * symbol ends less than SQRT_INDEX_CLEAR typical sizes before it: then it is that
 * symbol's exponent (2^{-n}\sqrt{…}).
 */
export const SQRT_INDEX_LEFT = 0.15;
export const SQRT_INDEX_CLEAR = 0.5;
/**
 * The exponent of a radicand's last symbol often sticks out past the end of the bar
 * (\sqrt{z^2}): a symbol at most this many typical sizes after the radicand, a
 * superscript of its last symbol and centred below the radical's top, is inside.
 */
export const SQRT_SCRIPT_GAP = 0.5;

const ASCENDERS = new Set([
  ...'0123456789bdfhklt',
  'A',
  '\\Delta',
  '\\theta',
  '\\sin',
  '\\tan',
  '\\ln',
  '\\lim',
]);
const DESCENDERS = new Set([...'gjpqy']);
const BRACKETS = new Set(['(', ')', '[', ']']);
/** Relations and punctuation never start a script. */
const NEVER_SCRIPT = new Set([
  '=',
  '\\lt',
  '\\gt',
  '\\leq',
  '\\geq',
  '\\neq',
  ',',
  '.',
  '\\cdot',
  '\\times',
  '\\div',
  '\\pm',
]);
/** Signs are in a script only when what follows is too (x^{-1}, x^{n-1}; not x^2 - x). */
const SIGNS = new Set(['-', '+']);

/** Symbols that can carry exponents/indices. */
const SCRIPTABLE = new Set([
  ...'0123456789abcdefghijklmnopqrstuvwxyz',
  ')',
  ']',
  '\\pi',
  '\\theta',
  '\\alpha',
  '\\beta',
  // Function names (layout/words.ts): \sin^2 x, \log_2 x.
  ...Object.keys(FUNCTION_WORDS),
]);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : (s[Math.floor(s.length / 2)] as number);
}

/** The band between x-height line and baseline, where scripts are measured from. */
function core(n: LayoutNode, ref: number): { top: number; bottom: number } {
  const b = n.box;
  const h = b.maxY - b.minY;
  if (n.kind === 'frac') {
    const y = cy(n.bar.box);
    return { top: y - ref / 2, bottom: y + ref / 2 };
  }
  if (n.kind === 'script') return core(n.base, ref);
  if (n.kind === 'sqrt') return { top: b.minY + ASCENDER_PART * h, bottom: b.maxY };
  const l = n.sym.label;
  if (ASCENDERS.has(l)) return { top: b.minY + ASCENDER_PART * h, bottom: b.maxY };
  if (DESCENDERS.has(l)) return { top: b.minY, bottom: b.maxY - ASCENDER_PART * h };
  // "log" and β: an ascender (l) and a descender (g) around the x-height band.
  if (l === '\\log' || l === '\\beta')
    return { top: b.minY + LOG_OUTER_PART * h, bottom: b.maxY - LOG_OUTER_PART * h };
  // A bracket reaches above its contents, and below them only a little: a letter after
  // ")" sits near its foot, and a subscript hangs below it.
  if (BRACKETS.has(l)) return { top: b.minY + 0.2 * h, bottom: b.maxY };
  return { top: b.minY, bottom: b.maxY };
}

function relation(a: LayoutNode, base: LayoutNode, ref: number): 'sup' | 'sub' | 'base' {
  const c = core(base, ref);
  const h = Math.max(c.bottom - c.top, 1e-9);
  const y = cy(a.box);
  if (y < c.top + SCRIPT_CENTER_REL * h && a.box.maxY < c.top + SCRIPT_EDGE_REL * h) return 'sup';
  if (y > c.bottom - SCRIPT_CENTER_REL * h && a.box.minY > c.bottom - SCRIPT_EDGE_REL * h)
    return 'sub';
  return 'base';
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
    extendRow(num, pool, bar, ref, (n) => cy(n.box) < y && n.box.maxY <= y + tol);
    extendRow(den, pool, bar, ref, (n) => cy(n.box) > y && n.box.minY >= y - tol);
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

function roots(items: LayoutNode[], ref: number): LayoutNode[] {
  const radicals = items
    .filter(
      (n): n is Extract<LayoutNode, { kind: 'sym' }> =>
        n.kind === 'sym' && n.sym.label === '\\sqrt',
    )
    .sort((a, b) => sizeOf(b.box) - sizeOf(a.box));
  let pool = items;
  for (const r of radicals) {
    if (!pool.includes(r)) continue;
    const b = r.box;
    const h = b.maxY - b.minY;
    const inside = pool.filter(
      (n) =>
        n !== r &&
        cx(n.box) > b.minX &&
        cx(n.box) < b.maxX + 0.1 * h &&
        cy(n.box) > b.minY &&
        cy(n.box) < b.maxY,
    );
    extendRadicand(inside, pool, r, ref);
    const clearOnLeft = (n: LayoutNode): boolean =>
      !pool.some(
        (m) =>
          m !== r &&
          m !== n &&
          m.box.maxX <= n.box.maxX &&
          m.box.maxX > n.box.minX - SQRT_INDEX_CLEAR * ref &&
          m.box.maxY > b.minY &&
          m.box.minY < b.maxY,
      );
    const index = pool.filter(
      (n) =>
        n !== r &&
        (inside.includes(n) ||
          (n.kind === 'sym' &&
            SCRIPTABLE.has(n.sym.label) &&
            cx(n.box) > b.minX - SQRT_INDEX_LEFT * h &&
            clearOnLeft(n))) &&
        cx(n.box) < b.minX + SQRT_INDEX_ZONE * h &&
        cy(n.box) > b.minY &&
        cy(n.box) < b.minY + 0.5 * h &&
        sizeOf(n.box) < 0.5 * h,
    );
    const body = inside.filter((n) => !index.includes(n));
    const node: LayoutNode = {
      kind: 'sqrt',
      sym: r.sym,
      index: parseItems(index, ref),
      body: parseItems(body, ref),
      box: unionBox([b, ...inside.map((n) => n.box), ...index.map((n) => n.box)]),
    };
    pool = [...pool.filter((n) => n !== r && !inside.includes(n) && !index.includes(n)), node];
  }
  return pool;
}

/** Grow a radicand (in place) by the exponent of its last symbol (see SQRT_SCRIPT_GAP). */
function extendRadicand(
  inside: LayoutNode[],
  pool: readonly LayoutNode[],
  radical: LayoutNode,
  ref: number,
): void {
  for (let grew = true; grew;) {
    grew = false;
    const last = inside.reduce<LayoutNode | null>(
      (a, n) => (a === null || n.box.maxX > a.box.maxX ? n : a),
      null,
    );
    if (last === null || last.kind !== 'sym' || !SCRIPTABLE.has(last.sym.label)) return;
    for (const n of pool) {
      if (n === radical || inside.includes(n) || n.kind !== 'sym') continue;
      if (NEVER_SCRIPT.has(n.sym.label) || SIGNS.has(n.sym.label)) continue;
      const gap = n.box.minX - last.box.maxX;
      if (
        n.box.minX > last.box.minX &&
        gap < SQRT_SCRIPT_GAP * ref &&
        cy(n.box) > radical.box.minY &&
        relation(n, last, ref) === 'sup'
      ) {
        inside.push(n);
        grew = true;
        break;
      }
    }
  }
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
  const grouped = roots(fractions(items, ref), ref);
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

/** Parse recognized symbols into one node list per line (top to bottom). */
export function parseLayout(symbols: readonly LayoutSymbol[]): LayoutNode[][] {
  if (symbols.length === 0) return [];
  const sizes = symbols.map((s) => sizeOf(s.box));
  const m = median(sizes);
  const ref = Math.max(median(sizes.filter((s) => s > 0.4 * m)), 1e-9);
  return joinLimitLines(lines([...symbols], ref), ref).map((line) =>
    parseItems(line.map(symNode), ref),
  );
}
