import { cy } from './geometry.ts';
import type { LayoutNode } from './parse.ts';
import { FUNCTION_WORDS } from './words.ts';

/**
 * Where scripts are: the band of a base between its x-height line and baseline (`core`),
 * and whether a symbol is a superscript, a subscript or on the baseline of a base
 * (`relation`). Shared by the baseline stage and the radicals (an exponent past a √'s bar).
 */

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
export const NEVER_SCRIPT = new Set([
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
export const SIGNS = new Set(['-', '+']);

/** Symbols that can carry exponents/indices. */
export const SCRIPTABLE = new Set([
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

export function relation(a: LayoutNode, base: LayoutNode, ref: number): 'sup' | 'sub' | 'base' {
  const c = core(base, ref);
  const h = Math.max(c.bottom - c.top, 1e-9);
  const y = cy(a.box);
  if (y < c.top + SCRIPT_CENTER_REL * h && a.box.maxY < c.top + SCRIPT_EDGE_REL * h) return 'sup';
  if (y > c.bottom - SCRIPT_CENTER_REL * h && a.box.minY > c.bottom - SCRIPT_EDGE_REL * h)
    return 'sub';
  return 'base';
}

/**
 * The node of a row that ends furthest right, radicals left out: an inner radical's bar
 * may reach past what ends a radicand. Null when there is none.
 */
export function lastAtom(row: readonly LayoutNode[]): LayoutNode | null {
  let last: LayoutNode | null = null;
  for (const n of row)
    if (!(n.kind === 'sym' && n.sym.label === '\\sqrt') && (!last || n.box.maxX > last.box.maxX))
      last = n;
  return last;
}

/**
 * The exponent of a row's last symbol often sticks out past the end of the radical's or
 * the fraction bar's reach (\sqrt{z^2}, \frac{1}{n^2}): a symbol at most this many typical
 * sizes after the row, a superscript of its last symbol, is in the row.
 */
export const SCRIPT_OVERHANG_GAP = 0.5;

/** Grow a row (in place) by such exponents, among the pool's symbols that `ok` allows. */
export function growByOverhangingScript(
  row: LayoutNode[],
  pool: readonly LayoutNode[],
  ref: number,
  ok: (n: LayoutNode) => boolean,
): void {
  for (let grew = true; grew;) {
    grew = false;
    const last = lastAtom(row);
    if (last === null || last.kind !== 'sym' || !SCRIPTABLE.has(last.sym.label)) return;
    for (const n of pool) {
      if (row.includes(n) || n.kind !== 'sym' || !ok(n)) continue;
      if (NEVER_SCRIPT.has(n.sym.label) || SIGNS.has(n.sym.label)) continue;
      const gap = n.box.minX - last.box.maxX;
      if (
        n.box.minX > last.box.minX &&
        gap < SCRIPT_OVERHANG_GAP * ref &&
        relation(n, last, ref) === 'sup'
      ) {
        row.push(n);
        grew = true;
        break;
      }
    }
  }
}
