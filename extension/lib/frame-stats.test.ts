import { describe, expect, it } from 'vitest';
import { FrameStats } from './frame-stats.ts';
import type { LandmarkFrame } from './messages.ts';

const frame = (t: number, skipped = 0, capturedAt = 1000 + t): LandmarkFrame => ({
  type: 'frame',
  t,
  hands: [],
  width: 640,
  height: 480,
  detectMs: 20,
  pipeline: { capturedAt, drawMs: 2, skipped },
});

describe('FrameStats', () => {
  it('measures the delivered fps, the whole path per frame and the skipped frames', () => {
    const stats = new FrameStats();
    // 30 fps frames; every third one arrives after a skipped camera frame.
    for (let i = 0; i < 90; i++) {
      const t = i * (1000 / 30);
      stats.add(frame(t, i % 3 === 2 ? 1 : 0), 1, 1000 + t + 25);
    }
    const json = stats.toJSON();
    expect(json.frames).toBe(90);
    expect(json.skipped).toBe(30);
    expect(json.fps).toBeCloseTo(30, 5);
    expect(json.pathMs.every((ms) => Math.abs(ms - 25) < 1e-9)).toBe(true);
    expect(json.drawMs).toHaveLength(90);
    expect(stats.debugLine()).toBe('30.0 fps · frame 25.0 / 25.0 ms (p50 / p95) · skipped 25 %');
  });

  it('reports 0 fps before two frames, and the detection time for trackers without a pipeline', () => {
    const stats = new FrameStats();
    expect(stats.fps()).toBe(0);
    const { pipeline: _omit, ...bare } = frame(0);
    stats.add(bare, 1);
    expect(stats.toJSON()).toMatchObject({ frames: 1, skipped: 0, fps: 0, pathMs: [] });
    expect(stats.debugLine()).toBe('0.0 fps · frame 20.0 / 20.0 ms (p50 / p95) · skipped 0 %');
  });

  it('keeps a bounded window', () => {
    const stats = new FrameStats();
    for (let i = 0; i < 2000; i++) stats.add(frame(i * 33), 1);
    const json = stats.toJSON();
    expect(json.frames).toBe(2000);
    expect(json.detectMs.length).toBeLessThan(2000);
    expect(json.pathMs.length).toBe(json.detectMs.length);
  });
});
