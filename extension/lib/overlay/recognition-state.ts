import type { Recognition } from '@motionmath/recognizer';
import type { EquationDraft } from '../messages.ts';

/** Pen-space scale to board units: a full camera frame height becomes 600 board px. */
export const BOARD_SCALE = 600;

/**
 * What the overlay currently reads: the recognizer's best reading of the ink (or the
 * alternative the writer picked), and the equation draft built from it when sending.
 */
export class RecognitionState {
  private reading: Recognition | null = null;

  get current(): Recognition | null {
    return this.reading;
  }

  /** A new reading of the ink; an empty one counts as nothing read. */
  set(r: Recognition | null): Recognition | null {
    this.reading = r && r.latex !== '' ? r : null;
    return this.reading;
  }

  clear(): void {
    this.reading = null;
  }

  /**
   * The writer picked an alternative: it becomes the reading, and the old best reading
   * joins the alternatives in its place. Unknown LaTeX changes nothing.
   */
  pick(latex: string): Recognition | null {
    const r = this.reading;
    const alt = r?.alternatives.find((a) => a.latex === latex);
    if (!r || !alt) return null;
    this.reading = {
      ...r,
      ...alt,
      alternatives: [
        { latex: r.latex, mathjs: r.mathjs, confidence: r.confidence },
        ...r.alternatives.filter((a) => a !== alt),
      ],
    };
    return this.reading;
  }

  /** The equation to send for the current reading and its ink (pen space → board px). */
  draft(
    strokes: readonly (readonly { x: number; y: number; t: number }[])[],
    id: string,
    now: number,
  ): EquationDraft | null {
    const r = this.reading;
    if (!r) return null;
    return {
      id,
      latex: r.latex,
      mathjs: r.mathjs,
      confidence: r.confidence,
      alternatives: r.alternatives.map((a) => ({
        latex: a.latex,
        mathjs: a.mathjs,
        confidence: a.confidence,
      })),
      strokes: strokes.map((s) => ({
        points: s.map((p) => ({ x: p.x * BOARD_SCALE, y: p.y * BOARD_SCALE, t: p.t })),
      })),
      createdAt: now,
    };
  }
}
