import type { Box } from '../symbols/features.ts';

/** Box helpers shared by the layout stages. */

export const cx = (b: Box): number => (b.minX + b.maxX) / 2;
export const cy = (b: Box): number => (b.minY + b.maxY) / 2;
export const width = (b: Box): number => b.maxX - b.minX;
export const height = (b: Box): number => b.maxY - b.minY;
export const sizeOf = (b: Box): number => Math.max(width(b), height(b));

export function unionBox(boxes: readonly Box[]): Box {
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}

/** How much two boxes share in x (negative: the gap between them). */
export const overlapX = (a: Box, b: Box): number =>
  Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
