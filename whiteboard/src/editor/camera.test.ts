import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import {
  boardToScreen,
  fitBox,
  followCamera,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  screenToBoard,
  visibleBox,
  zoomAt,
} from './camera.ts';

describe('camera', () => {
  it('round-trips screen ↔ board for random cameras', () => {
    const random = seededRandom(testSeed('camera round trip'));
    for (let i = 0; i < 200; i++) {
      const camera = {
        x: random.next() * 2000 - 1000,
        y: random.next() * 2000 - 1000,
        z: 0.1 + random.next() * 7,
      };
      const p = { x: random.next() * 1600, y: random.next() * 900 };
      const back = boardToScreen(camera, screenToBoard(camera, p));
      expect(back.x).toBeCloseTo(p.x, 6);
      expect(back.y).toBeCloseTo(p.y, 6);
    }
  });

  it('zooms around the cursor: the board point under it stays put', () => {
    const camera = { x: 30, y: -50, z: 1.5 };
    const cursor = { x: 400, y: 300 };
    const before = screenToBoard(camera, cursor);
    const zoomed = zoomAt(camera, cursor, 3);
    expect(zoomed.z).toBe(3);
    const after = screenToBoard(zoomed, cursor);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it('clamps zoom', () => {
    expect(zoomAt({ x: 0, y: 0, z: 1 }, { x: 0, y: 0 }, 100).z).toBe(MAX_ZOOM);
    expect(zoomAt({ x: 0, y: 0, z: 1 }, { x: 0, y: 0 }, 0.0001).z).toBe(MIN_ZOOM);
  });

  it('pans by screen pixels regardless of zoom', () => {
    const camera = panBy({ x: 0, y: 0, z: 2 }, 100, -40);
    expect(boardToScreen(camera, { x: 0, y: 0 })).toEqual({ x: 100, y: -40 });
  });

  it('fits a box in the viewport, centred, never zooming past 100 %', () => {
    const box = { minX: 1000, minY: 1000, maxX: 1100, maxY: 1050 };
    const camera = fitBox(box, 800, 600);
    expect(camera.z).toBe(1);
    const centre = boardToScreen(camera, { x: 1050, y: 1025 });
    expect(centre.x).toBeCloseTo(400);
    expect(centre.y).toBeCloseTo(300);
    const big = fitBox({ minX: 0, minY: 0, maxX: 8000, maxY: 100 }, 800, 600);
    expect(big.z).toBeLessThan(0.1 + 1e-9 + 0.01);
    const v = visibleBox(big, 800, 600);
    expect(v.minX).toBeLessThanOrEqual(0);
  });

  it('follows another viewport: same centre and zoom, whatever our window size', () => {
    const teacher = { camera: { x: -500, y: -200, z: 2 }, width: 1200, height: 800 };
    const mine = followCamera(teacher, 600, 400);
    const theirs = screenToBoard(teacher.camera, { x: 600, y: 400 });
    const ours = screenToBoard(mine, { x: 300, y: 200 });
    expect(ours.x).toBeCloseTo(theirs.x);
    expect(ours.y).toBeCloseTo(theirs.y);
    expect(mine.z).toBe(2);
  });
});
