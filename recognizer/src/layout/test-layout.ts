import { toLatex, toMathjs } from './emit.ts';
import { parseLayout } from './parse.ts';
import type { LayoutNode, LayoutSymbol } from './parse.ts';

/**
 * Test helpers for the layout: symbols as boxes placed the way people write (units of one
 * x-height ≈ 10; y down), and trees built by hand for the emitter.
 */
export type Spec = [label: string, x: number, y: number, w: number, h: number];

/** Parses boxed symbols and emits both texts. */
export function layout(specs: Spec[]): { latex: string; mathjs: string } {
  const symbols: LayoutSymbol[] = specs.map(([label, x, y, w, h], index) => ({
    label,
    index,
    box: { minX: x, minY: y, maxX: x + w, maxY: y + h },
  }));
  const tree = parseLayout(symbols);
  return { latex: toLatex(tree), mathjs: toMathjs(tree) };
}

/** Tree nodes on one dummy box, each symbol with the next index. */
export function treeNodes(): {
  box: LayoutNode['box'];
  s(label: string): LayoutNode;
  script(base: LayoutNode, sub: LayoutNode[], sup: LayoutNode[]): LayoutNode;
} {
  const box = { minX: 0, minY: 0, maxX: 1, maxY: 1 };
  let index = 0;
  return {
    box,
    s: (label) => ({ kind: 'sym', sym: { label, box, index: index++ }, box }),
    script: (base, sub, sup) => ({ kind: 'script', base, sub, sup, box }),
  };
}
