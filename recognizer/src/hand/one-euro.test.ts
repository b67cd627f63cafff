import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { OneEuroFilter } from './one-euro.ts';

describe('OneEuroFilter', () => {
  it('reduces jitter on a still point', () => {
    const rnd = seededRandom(testSeed('one-euro still'));
    const f = new OneEuroFilter();
    let rawVar = 0;
    let outVar = 0;
    for (let i = 0; i < 300; i++) {
      const noise = (rnd.next() - 0.5) * 0.01;
      const y = f.filter(0.5 + noise, i * 33);
      if (i > 30) {
        rawVar += noise ** 2;
        outVar += (y - 0.5) ** 2;
      }
    }
    // At least halve the jitter power (MediaPipe-like noise of ±2.4 px in a 480 px frame).
    expect(outVar).toBeLessThan(rawVar / 2);
  });

  it('follows a fast movement with little lag', () => {
    const f = new OneEuroFilter();
    let y = 0;
    // 1 frame height per second, 30 fps: typical writing speed.
    for (let i = 0; i <= 30; i++) y = f.filter(i / 30, i * 33.3);
    expect(Math.abs(y - 1)).toBeLessThan(1 / 30);
  });

  it('passes the first value through, ignores NaN and survives zero dt', () => {
    const f = new OneEuroFilter();
    expect(f.filter(3, 0)).toBe(3);
    expect(f.filter(NaN, 10)).toBe(3);
    expect(Number.isFinite(f.filter(4, 10))).toBe(true);
    expect(Number.isFinite(f.filter(5, 10))).toBe(true);
  });
});
