import { cx, cy, sizeOf, unionBox } from './geometry.ts';
import type { Box } from '../symbols/features.ts';
import type { LayoutNode } from './parse.ts';
import { growByOverhangingScript, lastAtom, NEVER_SCRIPT, SCRIPTABLE, SIGNS } from './scripts.ts';

/** Square roots: what lies inside the radical's box, its index, and its radicand's exponent. */

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
export function roots(
  items: LayoutNode[],
  ref: number,
  parseItems: (items: LayoutNode[], ref: number) => LayoutNode[],
): LayoutNode[] {
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
    const inside = pool.filter((n) => n !== r && underRadical(n.box, b));
    nestedRadicands(inside, pool, r);
    radicandEndsWithOperand(inside, pool, r, ref);
    growByOverhangingScript(inside, pool, ref, (n) => n !== r && cy(n.box) > b.minY);
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

/**
 * Centre right of the radical's left edge and at most this × its height past its bar's end,
 * and between its top and its foot.
 */
const RADICAND_OVERHANG = 0.1;

function underRadical(n: Box, b: Box): boolean {
  const h = b.maxY - b.minY;
  return (
    cx(n) > b.minX && cx(n) < b.maxX + RADICAND_OVERHANG * h && cy(n) > b.minY && cy(n) < b.maxY
  );
}

/**
 * Nested radicals: an inner √ is inside the outer one, and so is everything under it,
 * even where the inner bar reaches past the outer's end (people draw the outer bar before
 * they know how long the inside gets: \sqrt{1+\sqrt{2+\sqrt{3}}}). Grows in place.
 */
function nestedRadicands(
  inside: LayoutNode[],
  pool: readonly LayoutNode[],
  radical: LayoutNode,
): void {
  for (let k = 0; k < inside.length; k++) {
    const m = inside[k] as LayoutNode;
    if (m.kind !== 'sym' || m.sym.label !== '\\sqrt') continue;
    for (const n of pool)
      if (n !== radical && !inside.includes(n) && underRadical(n.box, m.box)) inside.push(n);
  }
}

/**
 * A radicand holds something and ends with an operand: when nothing is inside the box (a
 * short bar: \\sqrt 4 with the 4 past its end) or the inside ends with an operator (the
 * bar ends too early: \\sqrt{3+\\sqrt{4}}), the next node to the right on the radical's
 * band, at most this many typical sizes after, is in it too.
 */
export const SQRT_CONTINUE_REACH = 1;
/** Operators a radicand cannot end with. */
const NO_END = new Set([...SIGNS, ...NEVER_SCRIPT].filter((l) => l !== ',' && l !== '.'));

function radicandEndsWithOperand(
  inside: LayoutNode[],
  pool: readonly LayoutNode[],
  radical: LayoutNode,
  ref: number,
): void {
  const b = radical.box;
  for (;;) {
    const last = lastAtom(inside);
    if (last === null && inside.length > 0) return;
    if (last !== null && !(last.kind === 'sym' && NO_END.has(last.sym.label))) return;
    const from = last?.box ?? { ...b, maxX: b.minX };
    let next: LayoutNode | null = null;
    for (const n of pool) {
      if (n === radical || inside.includes(n) || n.box.maxY < b.minY || n.box.minY > b.maxY)
        continue;
      if (cx(n.box) <= from.maxX || n.box.minX - from.maxX > SQRT_CONTINUE_REACH * ref) continue;
      if (next === null || n.box.minX < next.box.minX) next = n;
    }
    if (next === null) return;
    inside.push(next);
    nestedRadicands(inside, pool, radical);
  }
}
