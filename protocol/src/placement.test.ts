import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import {
  CARD_GAP,
  CARD_MIN_WIDTH,
  cardRects,
  estimateCardSize,
  nextFreeSpot,
  pushApart,
  VIEW_MARGIN,
} from './placement.ts';
import type { PlacementBoard, Rect, Size } from './placement.ts';
import { line } from './test-fixtures.ts';

type Card = PlacementBoard['equations'][number];

function card(id: string, x: number, y: number, latex = 'x=1'): Card {
  return { id, x, y, latex, steps: [], answer: null, error: null, createdAt: 0 };
}

const SIZE: Size = { width: 300, height: 120 };
const sized = (size: Size) => () => size;

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(r: Rect, view: Rect): boolean {
  return (
    r.x >= view.x &&
    r.y >= view.y &&
    r.x + r.width <= view.x + view.width &&
    r.y + r.height <= view.y + view.height
  );
}

describe('nextFreeSpot', () => {
  const view: Rect = { x: 0, y: 0, width: 1280, height: 800 };

  it('takes the wished-for spot on an empty board', () => {
    expect(nextFreeSpot({ equations: [] }, { size: SIZE, near: { x: 400, y: 200 }, view })).toEqual(
      { x: 400, y: 200 },
    );
  });

  it('ten cards in a row all land in the view, none touching another', () => {
    const equations: Card[] = [];
    for (let i = 0; i < 10; i++) {
      const at = nextFreeSpot(
        { equations },
        { size: SIZE, near: { x: 490, y: 200 }, view, sizes: sized(SIZE) },
      );
      equations.push(card(`e${i}`, at.x, at.y));
    }
    const rects = cardRects({ equations }, sized(SIZE)).map((c) => c.rect);
    for (const [i, a] of rects.entries()) {
      expect(inside(a, view), `card ${i} in view`).toBe(true);
      for (const b of rects.slice(i + 1)) {
        const spaced = {
          x: a.x - CARD_GAP,
          y: a.y - CARD_GAP,
          width: a.width + 2 * CARD_GAP,
          height: a.height + 2 * CARD_GAP,
        };
        expect(overlap(spaced, b)).toBe(false);
      }
    }
  });

  it('keeps clear of ink, and goes right under it when that is free', () => {
    const ink = { id: 's1', points: line(100, 400, 200), width: 4 };
    const board = { equations: [], strokes: [ink] };
    // Under the ink: the ink's box ends at y = 200 + 99/2 + 2.
    const under = nextFreeSpot(board, { size: SIZE, near: { x: 400, y: 240 }, view });
    expect(under.x).toBe(400);
    expect(under.y).toBeGreaterThanOrEqual(200 + 99 / 2 + 2 + CARD_GAP);
    // Ignoring ink, the wished-for spot is free.
    expect(
      nextFreeSpot(board, { size: SIZE, near: { x: 400, y: 240 }, view, avoidInk: false }),
    ).toEqual({ x: 400, y: 240 });
  });

  it('outside the view when the view is full, and never on top of anything', () => {
    const small: Rect = { x: 0, y: 0, width: 400, height: 300 };
    const board = { equations: [card('a', VIEW_MARGIN, VIEW_MARGIN)] };
    const at = nextFreeSpot(board, {
      size: SIZE,
      near: { x: VIEW_MARGIN, y: VIEW_MARGIN },
      view: small,
      sizes: sized(SIZE),
    });
    const placed = { ...at, ...SIZE };
    expect(inside(placed, small)).toBe(false);
    expect(overlap(placed, { x: VIEW_MARGIN, y: VIEW_MARGIN, ...SIZE })).toBe(false);
  });

  it('random boards: the spot never overlaps a card or ink', () => {
    const seed = testSeed('placement');
    const random = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const equations = Array.from({ length: random.int(0, 25) }, (_, i) =>
        card(
          `e${i}`,
          random.int(-500, 1500),
          random.int(-500, 1200),
          'x'.repeat(random.int(1, 60)),
        ),
      );
      const strokes = Array.from({ length: random.int(0, 10) }, (_, i) => ({
        id: `s${i}`,
        points: line(random.int(2, 200), random.int(-200, 1200), random.int(-200, 900)),
        width: random.pick([2, 4, 8]),
      }));
      const size = { width: random.int(200, 500), height: random.int(80, 400) };
      const near = { x: random.int(0, 1000), y: random.int(0, 700) };
      const at = nextFreeSpot({ equations, strokes }, { size, near, view });
      const placed = { ...at, ...size };
      for (const c of cardRects({ equations })) {
        expect(overlap(placed, c.rect), `seed ${seed} round ${round}: card ${c.id}`).toBe(false);
      }
      for (const s of strokes) {
        for (const p of s.points) {
          const hit =
            p.x > at.x && p.x < at.x + size.width && p.y > at.y && p.y < at.y + size.height;
          expect(hit, `seed ${seed} round ${round}: ink ${s.id}`).toBe(false);
        }
      }
    }
  });
});

describe('estimateCardSize', () => {
  it('grows with the steps and the length of the math, within the card limits', () => {
    const short = estimateCardSize(card('a', 0, 0, 'x=1'));
    const long = estimateCardSize(card('b', 0, 0, 'x'.repeat(200)));
    expect(short.width).toBe(CARD_MIN_WIDTH);
    expect(long.width).toBeGreaterThan(short.width);
    const step = { latex: 'x=2', explanation: '', rule: 'r', origin: 'engine' as const };
    const solved = { ...card('c', 0, 0), steps: [step, step], answer: { latex: '2', mathjs: '2' } };
    expect(estimateCardSize(solved).height).toBeGreaterThan(short.height);
  });
});

describe('pushApart', () => {
  it('a card that grew pushes the one under it down, which pushes the next', () => {
    const board = { equations: [card('a', 0, 0), card('b', 0, 140), card('c', 0, 280)] };
    const tall = (id: string) => (id === 'a' ? { width: 300, height: 400 } : SIZE);
    const moves = pushApart(board, 'a', tall);
    expect(moves.find((m) => m.id === 'b')).toEqual({ id: 'b', x: 0, y: 400 + CARD_GAP });
    expect(moves.find((m) => m.id === 'c')?.y).toBe(400 + CARD_GAP + SIZE.height + CARD_GAP);
    expect(moves.some((m) => m.id === 'a')).toBe(false);
  });

  it('a card that grew wider pushes its neighbour beside it to the right', () => {
    const board = { equations: [card('a', 0, 0), card('b', 320, 0)] };
    const wide = (id: string) => (id === 'a' ? { width: 500, height: 120 } : SIZE);
    expect(pushApart(board, 'a', wide)).toEqual([{ id: 'b', x: 500 + CARD_GAP, y: 0 }]);
  });

  it('a card that grew wider pushes a card above it on its right aside, not over it', () => {
    // Two staggered columns, as cards land: 'b' starts a little higher than 'a'.
    const board = { equations: [card('a', 0, 100), card('b', 320, 90)] };
    const wide = (id: string) => (id === 'a' ? { width: 560, height: 300 } : SIZE);
    expect(pushApart(board, 'a', wide)).toEqual([{ id: 'b', x: 560 + CARD_GAP, y: 90 }]);
  });

  it('random staggered columns growing wider and taller: the grown card covers nothing', () => {
    const seed = testSeed('push-apart-columns');
    const random = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const equations = Array.from({ length: random.int(2, 12) }, (_, i) =>
        card(
          `e${i}`,
          (i % 2) * 260 + random.int(0, 40),
          Math.floor(i / 2) * 140 + random.int(0, 30),
        ),
      );
      const grown = `e${random.int(0, equations.length - 1)}`;
      const big = { width: random.int(240, 560), height: random.int(120, 400) };
      const sizes = (id: string): Size => (id === grown ? big : { width: 240, height: 120 });
      const moves = new Map(pushApart({ equations }, grown, sizes).map((m) => [m.id, m]));
      const after = { equations: equations.map((e) => ({ ...e, ...moves.get(e.id) })) };
      const rects = cardRects(after, sizes);
      const g = rects.find((r) => r.id === grown)?.rect as Rect;
      for (const r of rects) {
        if (r.id === grown) continue;
        const was = equations.find((e) => e.id === r.id) as Card;
        // Cards above-left overlapping its corner did so before it grew: not its doing.
        if (was.x < g.x + CARD_GAP && was.y < g.y) continue;
        expect(overlap(g, r.rect), `seed ${seed} round ${round}: ${grown} over ${r.id}`).toBe(
          false,
        );
      }
    }
  });

  it('leaves cards alone when nothing is covered, and cards above and left stay put', () => {
    const board = { equations: [card('a', 0, 0), card('b', 0, 500), card('up', -400, -300)] };
    expect(pushApart(board, 'a', sized(SIZE))).toEqual([]);
  });

  it('random columns: after the push the grown card covers nothing', () => {
    const seed = testSeed('push-apart');
    const random = seededRandom(seed);
    for (let round = 0; round < 200; round++) {
      const heights = Array.from({ length: random.int(2, 12) }, () => random.int(60, 200));
      let y = 0;
      const equations = heights.map((h, i) => {
        const c = card(`e${i}`, random.int(0, 40), y);
        y += h + CARD_GAP;
        return c;
      });
      const grown = `e${random.int(0, heights.length - 1)}`;
      const extra = random.int(1, 600);
      const sizes = (id: string): Size => ({
        width: 300,
        height: (heights[Number(id.slice(1))] ?? 0) + (id === grown ? extra : 0),
      });
      const moves = new Map(pushApart({ equations }, grown, sizes).map((m) => [m.id, m]));
      const after = { equations: equations.map((e) => ({ ...e, ...moves.get(e.id) })) };
      const rects = cardRects(after, sizes);
      const g = rects.find((r) => r.id === grown)?.rect as Rect;
      for (const r of rects) {
        if (r.id === grown) continue;
        expect(overlap(g, r.rect), `seed ${seed} round ${round}: ${grown} over ${r.id}`).toBe(
          false,
        );
      }
    }
  });
});
