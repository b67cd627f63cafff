import { describe, expect, it } from 'vitest';
import { LASER_FADE_MS, Laser } from './laser.ts';

describe('Laser', () => {
  it('keeps dots only while on, and fades them out over LASER_FADE_MS', () => {
    const laser = new Laser();
    laser.add({ x: 0.1, y: 0.1 }, 0);
    expect(laser.visible(0)).toEqual([]); // off: nothing recorded
    expect(laser.toggle()).toBe(true);
    laser.add({ x: 0.2, y: 0.2 }, 0);
    laser.add({ x: 0.3, y: 0.3 }, LASER_FADE_MS / 2);
    expect(laser.visible(LASER_FADE_MS / 2).map((d) => d.age)).toEqual([0.5, 0]);
    expect(laser.visible(LASER_FADE_MS).map((d) => d.point.x)).toEqual([0.3]);
    expect(laser.toggle()).toBe(false);
    expect(laser.visible(LASER_FADE_MS)).toEqual([]);
  });
});
