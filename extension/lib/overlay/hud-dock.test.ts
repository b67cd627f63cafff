import { describe, expect, it } from 'vitest';
import { nextDock } from './hud-dock.ts';

/** A HUD at the bottom left of a 1280×720 viewport. */
const BOTTOM_HUD = { left: 16, top: 560, width: 360, height: 144 };

describe('nextDock', () => {
  it('stays where it is while the writing is elsewhere', () => {
    expect(nextDock('bottom', BOTTOM_HUD, [{ x: 640, y: 200 }])).toBe('bottom');
    expect(nextDock('bottom', BOTTOM_HUD, [])).toBe('bottom');
  });

  it('moves to the other edge when the pen comes near it', () => {
    expect(nextDock('bottom', BOTTOM_HUD, [{ x: 200, y: 540 }])).toBe('top');
    const topHud = { ...BOTTOM_HUD, top: 16 };
    expect(nextDock('top', topHud, [{ x: 100, y: 100 }])).toBe('bottom');
  });
});
