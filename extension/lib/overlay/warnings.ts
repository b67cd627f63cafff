import type { Point } from '../ink-renderer.ts';

/**
 * Gentle warnings for the writer, from what the tracker sees: the hand left the camera's
 * view (or is at its edge, about to), or it moves too fast for the camera's frame rate
 * to sample the ink (small symbols turn into straight chords). Pure: fed frame by frame
 * with tracker times, so it is tested without a camera.
 */

export type TrackingWarning = 'out-of-frame' | 'near-edge' | 'too-fast';

export const WARNING_TEXT: Record<TrackingWarning, string> = {
  'out-of-frame': 'Your hand left the camera view: bring it back in to write.',
  'near-edge': 'Your hand is at the edge of the camera view.',
  'too-fast': 'Slow down a little: the camera cannot keep up with that speed.',
};

/** The hand must be gone this long before it counts as out of view: one or two frames without
 * a hand (a missed detection, a slow frame on a loaded machine) are not. */
const GONE_MS = 600;
/** Pen space is 0..aspect × 0..1; within this much of a border the hand is at the edge. */
const EDGE_MARGIN = 0.03;
/**
 * A pen-down step longer than this (in frame heights) between two frames is too fast to
 * sample: at 30 fps it is ~2.4 frame heights a second, and a 5 %-tall digit written that
 * fast gets under 3 samples per stroke.
 */
const MAX_STEP = 0.08;
/** A warning stays up at least this long, so it never flickers. */
const HOLD_MS = 1_500;

export class TrackingWarnings {
  private readonly aspect: number;
  private lastSeen = -Infinity;
  private seenOnce = false;
  private last: { point: Point; writing: boolean } | null = null;
  private shown: { warning: TrackingWarning; since: number } | null = null;

  constructor(aspect: number) {
    this.aspect = aspect;
  }

  /**
   * One tracker frame: `cursor` is the pen's position (null when no hand was found).
   * Returns the warning to show now, or null.
   */
  push(t: number, cursor: { point: Point; writing: boolean } | null): TrackingWarning | null {
    const now = this.detect(t, cursor);
    if (now) this.shown = { warning: now, since: t };
    else if (this.shown && t - this.shown.since >= HOLD_MS) this.shown = null;
    return this.shown?.warning ?? null;
  }

  private detect(
    t: number,
    cursor: { point: Point; writing: boolean } | null,
  ): TrackingWarning | null {
    const previous = this.last;
    this.last = cursor;
    if (!cursor) return this.seenOnce && t - this.lastSeen >= GONE_MS ? 'out-of-frame' : null;
    this.seenOnce = true;
    this.lastSeen = t;
    const { x, y } = cursor.point;
    if (previous?.writing && cursor.writing) {
      const step = Math.hypot(x - previous.point.x, y - previous.point.y);
      if (step > MAX_STEP) return 'too-fast';
    }
    const atEdge =
      x < EDGE_MARGIN || y < EDGE_MARGIN || x > this.aspect - EDGE_MARGIN || y > 1 - EDGE_MARGIN;
    return atEdge ? 'near-edge' : null;
  }
}
