import { describe, expect, it } from 'vitest';
import type { Stroke } from '@motionmath/protocol';
import {
  boxOfPoints,
  distanceToSegment,
  hitStroke,
  segmentsIntersect,
  strokesInBox,
  strokesTouchedBySegment,
  topStrokeAt,
} from './geometry.ts';

const stroke = (id: string, pts: [number, number][], width = 4): Stroke => ({
  id,
  points: pts.map(([x, y], i) => ({ x, y, pressure: 0.5, t: i * 8 })),
  color: '#000000',
  width,
  author: 'a',
  layer: id,
  createdAt: 0,
});

describe('geometry', () => {
  it('measures distance to a segment, including beyond its ends', () => {
    expect(distanceToSegment({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
    expect(distanceToSegment({ x: -3, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 1, y: 1 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBeCloseTo(
      Math.SQRT2,
    );
  });

  it('detects crossing segments and ignores parallel or disjoint ones', () => {
    expect(
      segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 }),
    ).toBe(true);
    expect(
      segmentsIntersect({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 1 }, { x: 10, y: 1 }),
    ).toBe(false);
    expect(segmentsIntersect({ x: 0, y: 0 }, { x: 1, y: 1 }, { x: 5, y: 0 }, { x: 6, y: -1 })).toBe(
      false,
    );
  });

  it('hits a stroke within half its width plus the tolerance', () => {
    const s = stroke(
      'a',
      [
        [0, 0],
        [100, 0],
      ],
      10,
    );
    expect(hitStroke(s, { x: 50, y: 6 }, 2)).toBe(true);
    expect(hitStroke(s, { x: 50, y: 8 }, 2)).toBe(false);
    expect(hitStroke(s, { x: 106, y: 0 }, 2)).toBe(true);
  });

  it('picks the topmost stroke under the pointer', () => {
    const low = stroke('low', [
      [0, 0],
      [100, 0],
    ]);
    const high = stroke('high', [
      [50, -50],
      [50, 50],
    ]);
    expect(topStrokeAt([low, high], { x: 50, y: 0 }, 2)?.id).toBe('high');
    expect(topStrokeAt([low, high], { x: 10, y: 0 }, 2)?.id).toBe('low');
    expect(topStrokeAt([low, high], { x: 10, y: 30 }, 2)).toBeUndefined();
  });

  it('erases strokes a fast swipe crosses between two samples', () => {
    const vertical = stroke(
      'v',
      [
        [50, 0],
        [50, 100],
      ],
      2,
    );
    const far = stroke(
      'far',
      [
        [500, 0],
        [500, 100],
      ],
      2,
    );
    const hit = strokesTouchedBySegment([vertical, far], { x: 0, y: 50 }, { x: 100, y: 50 }, 3);
    expect(hit.map((s) => s.id)).toEqual(['v']);
  });

  it('selects strokes with a point inside the marquee', () => {
    const a = stroke('a', [
      [10, 10],
      [20, 20],
    ]);
    const b = stroke('b', [
      [200, 200],
      [300, 300],
    ]);
    const picked = strokesInBox([a, b], { minX: 0, minY: 0, maxX: 15, maxY: 15 });
    expect(picked.map((s) => s.id)).toEqual(['a']);
  });

  it('boxes points with padding', () => {
    expect(
      boxOfPoints(
        [
          { x: 1, y: 5 },
          { x: -2, y: 3 },
        ],
        1,
      ),
    ).toEqual({ minX: -3, minY: 2, maxX: 2, maxY: 6 });
  });
});
