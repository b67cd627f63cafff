import type { Box } from '../symbols/features.ts';
import { cx, cy, height, overlapX, unionBox, width } from './geometry.ts';
import type { LayoutNode, LayoutSymbol } from './parse.ts';

/**
 * Big operators and their limits: Σ and lim carry them centred below and above, ∫ either
 * there or at its top right and bottom right. The result is a `script` node with the
 * operator as its base; the body (summand, integrand, limited expression) stays on the
 * baseline, and emit.ts decides how far it reaches. Pure geometry, thresholds below.
 */

/** CROHME's labels (`\lim` is read from letters by words.ts). */
export const BIG_OPERATORS: ReadonlySet<string> = new Set(['\\sum', '\\lim', '\\int']);

/**
 * A limit lies at most this many typical sizes above or below its operator: people leave
 * a gap, but a symbol further away belongs to another line.
 */
export const LIMIT_REACH = 2;
/** "Entirely below" (above) allows a limit to touch the operator by this × typical size. */
export const LIMIT_Y_TOLERANCE = 0.2;
/**
 * A limit row starts with a symbol sharing at least this part of the narrower width (its
 * own or the operator's) with the operator: a thin `1` under a wide lim, or a wide arrow.
 */
export const LIMIT_MIN_OVERLAP = 0.3;
/**
 * The row then takes its neighbours, at most this far sideways (× typical size) and
 * sharing its height band: a lower limit `i=1` is often wider than the Σ and starts left
 * of it, so its first symbol need not be under the Σ at all.
 */
export const LIMIT_ROW_GAP = 0.6;
/**
 * A limit lies within this many typical sizes of the operator's sides: a lower limit may
 * be wider than the operator, the next line of working under it is wider still.
 */
export const LIMIT_SIDE_REACH = 1;
/**
 * ∫'s right-hand scripts: the ∫ is tall and its integrand sits at its middle, so a script
 * is measured against the ∫'s top and bottom parts. Its centre lies in the top (bottom)
 * this part of the ∫'s height…
 */
export const INT_SCRIPT_ZONE = 0.3;
/** …and it does not cross the ∫'s middle (this part of its height from the edge). */
export const INT_SCRIPT_EDGE = 0.5;
/** Each script starts at most this far (× typical size) right of the ∫ or its neighbour… */
export const INT_SCRIPT_REACH = 1;
/**
 * …and reaches at least to this far (× typical size) past the ∫'s ends: what lies further
 * up or down is a limit above or below it, or another line.
 */
export const INT_SCRIPT_OVERHANG = 0.5;

type Parse = (items: LayoutNode[], ref: number) => LayoutNode[];
type Side = 'above' | 'below';

/** The big operator heading `n` (the bare symbol or the base of its script), if any. */
function bigOperatorOf(n: LayoutNode): string | null {
  const head = n.kind === 'script' ? n.base : n;
  return head.kind === 'sym' && BIG_OPERATORS.has(head.sym.label) ? head.sym.label : null;
}

function side(op: Box, b: Box, ref: number): Side | null {
  const tol = LIMIT_Y_TOLERANCE * ref;
  const reach = LIMIT_REACH * ref;
  if (b.minY >= op.maxY - tol && b.minY - op.maxY <= reach) return 'below';
  if (b.maxY <= op.minY + tol && op.minY - b.maxY <= reach) return 'above';
  return null;
}

/** A relation never starts a limit: "= …" under an integral is the next line of working. */
const RELATIONS: ReadonlySet<string> = new Set(['=', '\\lt', '\\gt', '\\leq', '\\geq', '\\neq']);

/** The leftmost of some boxed things. */
function leftmost<T extends { box: Box }>(xs: readonly T[]): T | null {
  return xs.reduce<T | null>((a, x) => (a === null || x.box.minX < a.box.minX ? x : a), null);
}

/**
 * Whether boxes starting with `first` can be one limit of the operator at `op`: on one
 * side of it, not much wider than it, and not starting with a relation.
 */
function fitsLimit(op: Box, boxes: readonly Box[], first: string | null, ref: number): boolean {
  if (boxes.length === 0 || (first !== null && RELATIONS.has(first))) return false;
  const b = unionBox(boxes);
  const spread = LIMIT_SIDE_REACH * ref;
  return side(op, b, ref) !== null && b.minX >= op.minX - spread && b.maxX <= op.maxX + spread;
}

/** Whether the whole of `line` could be a limit of the operator at `op` (so the same line). */
export function isLimitLine(op: Box, line: readonly LayoutSymbol[], ref: number): boolean {
  const first = leftmost(line);
  return (
    first !== null &&
    fitsLimit(
      op,
      line.map((s) => s.box),
      first.label,
      ref,
    )
  );
}

/** The symbols of the operator's limit row on one side: seeds under it, then neighbours. */
function limitRow(pool: readonly LayoutNode[], op: Box, ref: number, which: Side): LayoutNode[] {
  const onSide = pool.filter((n) => bigOperatorOf(n) === null && side(op, n.box, ref) === which);
  const row = onSide.filter(
    (n) =>
      overlapX(n.box, op) >= LIMIT_MIN_OVERLAP * Math.max(Math.min(width(n.box), width(op)), 1e-9),
  );
  for (let grew = row.length > 0; grew;) {
    grew = false;
    const band = unionBox(row.map((n) => n.box));
    for (const n of onSide) {
      const c = cy(n.box);
      if (row.includes(n) || -overlapX(n.box, band) > LIMIT_ROW_GAP * ref) continue;
      if (c > band.minY && c < band.maxY) {
        row.push(n);
        grew = true;
      }
    }
  }
  const first = leftmost(row);
  const label = first?.kind === 'sym' ? first.sym.label : null;
  return fitsLimit(
    op,
    row.map((n) => n.box),
    label,
    ref,
  )
    ? row
    : [];
}

/** Limits written below and above Σ, lim and ∫. */
export function limitsAroundOperators(
  items: LayoutNode[],
  ref: number,
  parse: Parse,
): LayoutNode[] {
  const ops = items.filter((n) => n.kind === 'sym' && bigOperatorOf(n) !== null);
  let pool = items;
  for (const op of ops) {
    const below = limitRow(pool, op.box, ref, 'below');
    const above = limitRow(pool, op.box, ref, 'above');
    if (below.length === 0 && above.length === 0) continue;
    const taken = [...below, ...above];
    const node: LayoutNode = {
      kind: 'script',
      base: op,
      sub: parse(below, ref),
      sup: parse(above, ref),
      box: unionBox([op.box, ...taken.map((n) => n.box)]),
    };
    pool = [...pool.filter((n) => n !== op && !taken.includes(n)), node];
  }
  return pool;
}

/** Which of the ∫'s script zones `b` is in (top right, bottom right), if any. */
function integralZone(int: Box, b: Box, ref: number): 'sup' | 'sub' | null {
  const h = Math.max(height(int), 1e-9);
  const c = cy(b);
  const overhang = INT_SCRIPT_OVERHANG * ref;
  if (c < int.minY + INT_SCRIPT_ZONE * h && b.maxY < int.minY + INT_SCRIPT_EDGE * h)
    return b.maxY >= int.minY - overhang ? 'sup' : null;
  if (c > int.maxY - INT_SCRIPT_ZONE * h && b.minY > int.maxY - INT_SCRIPT_EDGE * h)
    return b.minY <= int.maxY + overhang ? 'sub' : null;
  return null;
}

/**
 * The ∫'s limits at its top right and bottom right: the symbols right after it in its top
 * and bottom parts, up to the first one at its middle (the integrand). Sides already
 * filled by `limitsAroundOperators` are kept.
 */
export function integralScripts(items: LayoutNode[], ref: number, parse: Parse): LayoutNode[] {
  let pool = items;
  for (const n of items) {
    if (bigOperatorOf(n) !== '\\int') continue;
    const base = n.kind === 'script' ? n.base : n;
    const had = { sup: n.kind === 'script' ? n.sup : [], sub: n.kind === 'script' ? n.sub : [] };
    if (had.sup.length > 0 && had.sub.length > 0) continue;
    const b = base.box;
    const right = pool
      .filter((m) => m !== n && cx(m.box) > cx(b))
      .sort((p, q) => p.box.minX - q.box.minX);
    const found: Record<'sup' | 'sub', LayoutNode[]> = { sup: [], sub: [] };
    const edge = { sup: b.maxX, sub: b.maxX };
    let k = 0;
    for (; k < right.length; k++) {
      const m = right[k] as LayoutNode;
      const zone = integralZone(b, m.box, ref);
      if (zone === null || had[zone].length > 0) break;
      if (m.box.minX - edge[zone] > INT_SCRIPT_REACH * ref) break;
      found[zone].push(m);
      edge[zone] = Math.max(edge[zone], m.box.maxX);
    }
    const taken = [...found.sup, ...found.sub];
    // An integral needs an integrand: scripts that would take everything after the ∫ are
    // an integrand written low or high.
    if (taken.length === 0 || k === right.length) continue;
    const node: LayoutNode = {
      kind: 'script',
      base,
      sup: had.sup.length > 0 ? had.sup : parse(found.sup, ref),
      sub: had.sub.length > 0 ? had.sub : parse(found.sub, ref),
      box: unionBox([n.box, ...taken.map((m) => m.box)]),
    };
    pool = [...pool.filter((m) => m !== n && !taken.includes(m)), node];
  }
  return pool;
}
