import { describe, expect, it } from 'vitest';
import { TrackingWarnings } from './warnings.ts';

const ASPECT = 4 / 3;
const FRAME_MS = 33;
const at = (x: number, y: number, writing = true) => ({ point: { x, y }, writing });

describe('TrackingWarnings', () => {
  it('says nothing while a hand writes calmly in the middle of the view', () => {
    const w = new TrackingWarnings(ASPECT);
    for (let i = 0; i < 60; i++) expect(w.push(i * FRAME_MS, at(0.5 + i * 0.005, 0.5))).toBeNull();
  });

  it('warns when the hand is gone for a while, not for one dropped frame', () => {
    const w = new TrackingWarnings(ASPECT);
    w.push(0, at(0.6, 0.5));
    expect(w.push(FRAME_MS, null)).toBeNull(); // one frame without a hand
    expect(w.push(2 * FRAME_MS, at(0.6, 0.5))).toBeNull();
    // A loaded machine's slow frame (half a second late, no hand in it) is not one either.
    expect(w.push(2 * FRAME_MS + 500, null)).toBeNull();
    expect(w.push(3 * FRAME_MS + 500, at(0.6, 0.5))).toBeNull();
    let t = 3 * FRAME_MS + 500;
    let warning = null;
    for (let i = 0; i < 30 && !warning; i++) warning = w.push((t += FRAME_MS), null);
    expect(warning).toBe('out-of-frame');
  });

  it('says nothing before any hand was seen (the writer has not started)', () => {
    const w = new TrackingWarnings(ASPECT);
    for (let i = 0; i < 60; i++) expect(w.push(i * FRAME_MS, null)).toBeNull();
  });

  it('warns at the edge of the view, on every side', () => {
    for (const [x, y] of [
      [0.01, 0.5],
      [ASPECT - 0.01, 0.5],
      [0.6, 0.01],
      [0.6, 0.99],
    ] as const)
      expect(new TrackingWarnings(ASPECT).push(0, at(x, y, false)), `${x},${y}`).toBe('near-edge');
  });

  it('warns when the pen moves too far between two frames, only with the pen down', () => {
    const fast = new TrackingWarnings(ASPECT);
    fast.push(0, at(0.3, 0.5));
    expect(fast.push(FRAME_MS, at(0.45, 0.5))).toBe('too-fast');
    const hovering = new TrackingWarnings(ASPECT);
    hovering.push(0, at(0.3, 0.5, false));
    expect(hovering.push(FRAME_MS, at(0.45, 0.5, false))).toBeNull();
  });

  it('keeps a warning up for a moment, then clears it', () => {
    const w = new TrackingWarnings(ASPECT);
    w.push(0, at(0.3, 0.5));
    expect(w.push(FRAME_MS, at(0.45, 0.5))).toBe('too-fast');
    expect(w.push(2 * FRAME_MS, at(0.46, 0.5))).toBe('too-fast'); // calm again, still shown
    expect(w.push(2_000, at(0.47, 0.5))).toBeNull();
  });
});
