import { AUTHORED, parseShape } from './cli/shapes/authored.ts';
import type { InkPoint } from './ink/types.ts';

/**
 * Test helper: writes an expression as ink from the authored allographs, each glyph
 * scaled into a box (x, y, w, h; y down), like a tidy writer would.
 */
export type GlyphSpec = [
  label: string,
  x: number,
  y: number,
  w: number,
  h: number,
  variant?: number,
];

export function writeInk(specs: GlyphSpec[]): InkPoint[][] {
  const out: InkPoint[][] = [];
  let t = 0;
  for (const [label, x, y, w, h, variant] of specs) {
    const shapes = AUTHORED[label];
    const spec = shapes?.[variant ?? 0];
    if (spec === undefined) throw new Error(`no authored shape for ${label}`);
    const strokes = parseShape(spec);
    const pts = strokes.flat();
    const minX = Math.min(...pts.map((p) => p[0]));
    const minY = Math.min(...pts.map((p) => p[1]));
    const sw = Math.max(...pts.map((p) => p[0])) - minX || 1;
    const sh = Math.max(...pts.map((p) => p[1])) - minY || 1;
    for (const s of strokes)
      out.push(
        s.map(([px, py]) => ({
          x: x + ((px - minX) / sw) * w,
          y: y + ((py - minY) / sh) * h,
          t: (t += 10),
        })),
      );
  }
  return out;
}

/**
 * "4+7=x" in authored allographs: 4, + and = and x are two strokes each, 7 one (strokes
 * 0–1, 2–3, 4, 5–6, 7–8). Segmentation and boundary tests share it.
 */
export function fourPlusSevenEqualsX(): InkPoint[][] {
  return writeInk([
    ['4', 0, 0, 9, 14, 1],
    ['+', 12, 3, 9, 9],
    ['7', 24, 0, 8, 14],
    ['=', 35, 5, 9, 5],
    ['x', 47, 4, 9, 10],
  ]);
}
