import { describe, expect, it } from 'vitest';
import { boardToScreen } from './camera.ts';
import { fitInView, revealKeepingView, usableView } from './layout.ts';

const viewport = { width: 1000, height: 800, insets: { top: 60, right: 0, bottom: 80, left: 0 } };

describe('layout', () => {
  it('the usable view leaves out the chrome', () => {
    expect(usableView({ x: 0, y: 0, z: 1 }, viewport)).toEqual({
      x: 0,
      y: 60,
      width: 1000,
      height: 660,
    });
    expect(usableView({ x: 0, y: 0, z: 2 }, viewport).height).toBe(330);
  });

  it('fits content between the top bar and the toolbar', () => {
    const box = { minX: 0, minY: 0, maxX: 900, maxY: 700 };
    const camera = fitInView(box, viewport);
    const top = boardToScreen(camera, { x: box.minX, y: box.minY });
    const bottom = boardToScreen(camera, { x: box.maxX, y: box.maxY });
    expect(top.y).toBeGreaterThanOrEqual(60);
    expect(bottom.y).toBeLessThanOrEqual(800 - 80);
    expect(top.x).toBeGreaterThanOrEqual(0);
    expect(bottom.x).toBeLessThanOrEqual(1000);
  });

  it('reveals a rect by zooming out around the old view, and leaves the camera when it is in sight', () => {
    const camera = { x: 0, y: 0, z: 1 };
    const inSight = { x: 100, y: 100, width: 200, height: 100 };
    expect(revealKeepingView(camera, viewport, inSight)).toBe(camera);
    const below = { x: 100, y: 900, width: 200, height: 100 };
    const moved = revealKeepingView(camera, viewport, below);
    expect(moved.z).toBeLessThan(1);
    const view = usableView(moved, viewport);
    // The old view (the top bar's edge at y 60) and the new rect are both in sight.
    expect(view.y).toBeLessThanOrEqual(60 + 24);
    expect(view.y + view.height).toBeGreaterThanOrEqual(1000);
    expect(view.x).toBeLessThanOrEqual(24);
  });
});
