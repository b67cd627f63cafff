/** A point of ink: x to the right, y down, any unit (the recognizer is scale-free); t in ms. */
export interface InkPoint {
  x: number;
  y: number;
  t?: number;
}

/** One pen-down-to-pen-up trace. */
export type Stroke = readonly InkPoint[];

/**
 * Ink coordinates beyond ±1e9 are dropped as garbage: no screen or tablet produces them,
 * and bounding them keeps every product and difference finite.
 */
export const MAX_INK_COORDINATE = 1e9;

/** A usable ink coordinate pair. */
export function isInkPoint(p: unknown): p is InkPoint {
  const q = p as Partial<InkPoint> | null;
  return (
    q !== null &&
    typeof q === 'object' &&
    typeof q.x === 'number' &&
    typeof q.y === 'number' &&
    Math.abs(q.x) <= MAX_INK_COORDINATE &&
    Math.abs(q.y) <= MAX_INK_COORDINATE
  );
}
