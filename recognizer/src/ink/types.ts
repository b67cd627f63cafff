/** A point of ink: x to the right, y down, any unit (the recognizer is scale-free); t in ms. */
export interface InkPoint {
  x: number;
  y: number;
  t?: number;
}

/** One pen-down-to-pen-up trace. */
export type Stroke = readonly InkPoint[];
