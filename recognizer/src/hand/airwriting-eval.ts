import { PenTracker } from './pen-tracker.ts';
import type { HandFrame, TrackedStroke } from './pen-tracker.ts';

/**
 * Scoring of the hand → pen pipeline against recorded air-writing with ground truth
 * (shared/data/airwriting): per-frame pen state and stroke count. Used by tests and bench.
 */
export interface AirwritingRecord {
  id: string;
  model: string;
  width: number;
  height: number;
  frames: (HandFrame & { pen: 'down' | 'up'; tip: [number, number] })[];
  strokesTruth: [number, number][][];
}

export interface AirwritingScore {
  frames: number;
  penCorrect: number;
  strokes: TrackedStroke[];
  strokeCountMatches: boolean;
  /** Mean distance (frame heights) from each pen-down point to the true fingertip. */
  meanTipError: number;
}

export function scoreAirwriting(rec: AirwritingRecord): AirwritingScore {
  const aspect = rec.width / rec.height;
  const tracker = new PenTracker({ mode: 'point', aspect });
  for (const f of rec.frames) tracker.push(f);
  const last = rec.frames.at(-1);
  tracker.flush(last ? last.t : 0);
  const strokes = tracker.strokes;
  let penCorrect = 0;
  let errSum = 0;
  let errN = 0;
  const truthAt = new Map(rec.frames.map((f) => [f.t, f.tip]));
  for (const s of strokes)
    for (const p of s.points) {
      const tip = p.t === undefined ? undefined : truthAt.get(p.t);
      if (tip) {
        errSum += Math.hypot(p.x - tip[0] * aspect, p.y - tip[1]);
        errN++;
      }
    }
  for (const f of rec.frames) {
    const down = strokes.some((s) => f.t >= s.t0 && f.t <= s.t1);
    if (down === (f.pen === 'down')) penCorrect++;
  }
  return {
    frames: rec.frames.length,
    penCorrect,
    strokes,
    strokeCountMatches: strokes.length === rec.strokesTruth.length,
    meanTipError: errN === 0 ? 0 : errSum / errN,
  };
}
