import type { Equation, Stroke } from './schema.ts';

/**
 * Where cards go on a board, from the board's geometry alone (no DOM): the whiteboard and
 * the extension both place a new equation with `nextFreeSpot`, and the whiteboard moves
 * cards a growing card would cover with `pushApart`. Cards are sized by what the client
 * measured when it knows (`sizes`), else by `estimateCardSize`.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** An axis-aligned rectangle in board units. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What placement reads of a board: its cards and (optionally) its ink. */
export interface PlacementBoard {
  readonly equations: readonly Pick<
    Equation,
    'id' | 'x' | 'y' | 'latex' | 'steps' | 'answer' | 'error' | 'createdAt'
  >[];
  readonly strokes?: readonly Pick<Stroke, 'id' | 'points' | 'width'>[];
}

/** Measured card sizes by equation id (board units); cards it does not know are estimated. */
export type CardSizes = (id: string) => Size | undefined;

/** Space kept between a card and anything else (board units): enough to tell them apart. */
export const CARD_GAP = 16;
/** Kept clear of the view's edges when placing inside it, so a card never touches the frame. */
export const VIEW_MARGIN = 24;

/** The whiteboard's card: a minimum width for its controls, a maximum before math wraps. */
export const CARD_MIN_WIDTH = 240;
export const CARD_MAX_WIDTH = 560;
/** Rough width of one LaTeX source character once typeset (KaTeX at the card's size). */
const LATEX_CHAR_WIDTH = 9;
/** Card padding plus its header (status badge, tools). */
const CARD_CHROME_HEIGHT = 64;
/** One display-math line. */
const CARD_MATH_HEIGHT = 48;
/** One solution step: its math and a line of explanation. */
const CARD_STEP_HEIGHT = 44;
/** The answer line, or an error message. */
const CARD_FOOTER_HEIGHT = 32;
/** The horizontal padding of a card around its math. */
const CARD_PADDING_WIDTH = 48;

/** A card's size as the whiteboard draws it, estimated from its content. */
export function estimateCardSize(
  equation: Pick<Equation, 'latex' | 'steps' | 'answer' | 'error'>,
): Size {
  const longest = Math.max(
    equation.latex.length,
    ...equation.steps.map((s) => s.latex.length),
    equation.answer?.latex.length ?? 0,
  );
  const width = Math.min(
    CARD_MAX_WIDTH,
    Math.max(CARD_MIN_WIDTH, longest * LATEX_CHAR_WIDTH + CARD_PADDING_WIDTH),
  );
  const footer = equation.answer !== null || equation.error !== null ? CARD_FOOTER_HEIGHT : 0;
  return {
    width,
    height:
      CARD_CHROME_HEIGHT + CARD_MATH_HEIGHT + equation.steps.length * CARD_STEP_HEIGHT + footer,
  };
}

/** Where each card of the board is, measured where known. */
export function cardRects(
  board: PlacementBoard,
  sizes?: CardSizes,
): { readonly id: string; readonly rect: Rect }[] {
  return board.equations.map((e) => {
    const size = sizes?.(e.id) ?? estimateCardSize(e);
    return { id: e.id, rect: { x: e.x, y: e.y, width: size.width, height: size.height } };
  });
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

/** The box of a stroke's centre line plus half its width. */
export function strokeRect(stroke: Pick<Stroke, 'points' | 'width'>): Rect | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of stroke.points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  if (minX > maxX) return null;
  const half = stroke.width / 2;
  return {
    x: minX - half,
    y: minY - half,
    width: maxX - minX + 2 * half,
    height: maxY - minY + 2 * half,
  };
}

/**
 * Ink as a few obstacles: strokes closer than a gap merge into one box, so a line of
 * handwriting counts as one thing to keep clear of (and placement stays cheap on boards
 * with thousands of strokes).
 */
function inkObstacles(strokes: PlacementBoard['strokes'], gap: number): Rect[] {
  const boxes: Rect[] = [];
  for (const s of strokes ?? []) {
    let box = strokeRect(s);
    if (!box) continue;
    // Merge with every box it touches, until it touches none.
    for (let i = 0; i < boxes.length;) {
      const other = boxes[i] as Rect;
      if (overlaps(grow(box, gap), other)) {
        box = union(box, other);
        boxes.splice(i, 1);
        i = 0;
      } else i++;
    }
    boxes.push(box);
  }
  return boxes;
}

export interface SpotOptions {
  /** Size of the card to place. */
  readonly size: Size;
  /** Where it would ideally go (its top-left corner): under the ink it came from, or the view's top. */
  readonly near: Point;
  /** The part of the board the user sees: a spot inside it wins over a nearer one outside. */
  readonly view?: Rect;
  /** Measured sizes of the cards already there. */
  readonly sizes?: CardSizes;
  /** Ink to keep clear of as well (default true). */
  readonly avoidInk?: boolean;
  /** Other things on the board to keep clear of (graphs), board units. */
  readonly obstacles?: readonly Rect[];
}

/**
 * The free spot nearest to `near` for a card of `size`: inside `view` when one is free
 * there, else anywhere (there always is one, below everything). A spot is free when the
 * card keeps `CARD_GAP` from every card and every piece of ink.
 */
export function nextFreeSpot(board: PlacementBoard, options: SpotOptions): Point {
  const { size, near } = options;
  const obstacles = [
    ...cardRects(board, options.sizes).map((c) => c.rect),
    ...(options.avoidInk === false ? [] : inkObstacles(board.strokes, CARD_GAP)),
    ...(options.obstacles ?? []),
  ].map((r) => grow(r, CARD_GAP));
  const free = (x: number, y: number) => {
    const rect = { x, y, width: size.width, height: size.height };
    return !obstacles.some((o) => overlaps(rect, o));
  };
  // Candidate corners: the wished-for spot, and flush against each obstacle's sides. The
  // nearest free spot always has its left edge at one of these x's and its top at one of
  // these y's (slide any free spot left/up until it touches something or reaches `near`).
  const xs = new Set([near.x]);
  const ys = new Set([near.y]);
  for (const o of obstacles) {
    xs.add(o.x + o.width);
    xs.add(o.x - size.width);
    ys.add(o.y + o.height);
    ys.add(o.y - size.height);
  }
  const search = (region: Rect | null): Point | null => {
    const inside = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
    const rx = [...xs];
    const ry = [...ys];
    if (region) {
      const minX = region.x;
      const maxX = region.x + region.width - size.width;
      const minY = region.y;
      const maxY = region.y + region.height - size.height;
      if (maxX < minX || maxY < minY) return null;
      rx.push(minX, maxX, Math.min(maxX, Math.max(minX, near.x)));
      ry.push(minY, maxY, Math.min(maxY, Math.max(minY, near.y)));
      const kx = rx.filter((x) => inside(x, minX, maxX));
      const ky = ry.filter((y) => inside(y, minY, maxY));
      rx.splice(0, rx.length, ...kx);
      ry.splice(0, ry.length, ...ky);
    }
    const candidates: { x: number; y: number; d: number }[] = [];
    for (const x of rx)
      for (const y of ry) candidates.push({ x, y, d: (x - near.x) ** 2 + (y - near.y) ** 2 });
    // Ties (same distance) go to the upper, then the left one: reading order.
    candidates.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
    const found = candidates.find((c) => free(c.x, c.y));
    return found ? { x: found.x, y: found.y } : null;
  };
  const view = options.view;
  const inView = view
    ? search({
        x: view.x + VIEW_MARGIN,
        y: view.y + VIEW_MARGIN,
        width: view.width - 2 * VIEW_MARGIN,
        height: view.height - 2 * VIEW_MARGIN,
      })
    : null;
  if (inView) return inView;
  const anywhere = search(null);
  if (anywhere) return anywhere;
  // Unreachable (below the lowest obstacle is free), kept so the function is total.
  const bottom = Math.max(near.y, ...obstacles.map((o) => o.y + o.height));
  return { x: near.x, y: bottom };
}

/** A card moved to make room. */
export interface CardMove {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** Passes over the cards before pushing gives up: a guard, real boards settle in one or two. */
const MAX_PUSH_PASSES = 64;

/**
 * Moves that clear the cards a grown card now covers. A covered card level with it or
 * higher, and to its right, moves right (the card grew wider into it); any other covered
 * card below its top moves down below it; a moved card pushes what it then covers in turn
 * (the lower of two moves down). The grown card and cards above and left of it stay put
 * (a card grows right and down, so such an overlap was there before); overlaps elsewhere
 * on the board that it did not cause are left alone.
 */
export function pushApart(board: PlacementBoard, grownId: string, sizes?: CardSizes): CardMove[] {
  const rects = new Map(cardRects(board, sizes).map((c) => [c.id, c.rect]));
  const grown = rects.get(grownId);
  if (!grown) return [];
  const involved = new Set([grownId]);
  const moved = new Set<string>();
  /** Where `pushed` goes to clear `pusher`, or null to leave it. */
  const clear = (pusherId: string, pusher: Rect, pushed: Rect): Rect | null => {
    if (!overlaps(grow(pusher, CARD_GAP), pushed)) return null;
    if (pusherId === grownId && pushed.y < pusher.y + CARD_GAP && pushed.x >= pusher.x + CARD_GAP)
      return { ...pushed, x: pusher.x + pusher.width + CARD_GAP };
    if (pushed.y < pusher.y) return null;
    return { ...pushed, y: pusher.y + pusher.height + CARD_GAP };
  };
  for (let pass = 0, changed = true; changed && pass < MAX_PUSH_PASSES; pass++) {
    changed = false;
    const order = [...rects].sort(
      ([ia, a], [ib, b]) => a.y - b.y || a.x - b.x || (ia < ib ? -1 : 1),
    );
    for (const [i, [upperId]] of order.entries()) {
      for (const [lowerId] of order.slice(i + 1)) {
        if (!involved.has(upperId) && !involved.has(lowerId)) continue;
        // The grown card never moves: it pushes whichever side of the pair the other is on.
        const [pusherId, pushedId] = lowerId === grownId ? [lowerId, upperId] : [upperId, lowerId];
        const next = clear(pusherId, rects.get(pusherId) as Rect, rects.get(pushedId) as Rect);
        if (!next) continue;
        rects.set(pushedId, next);
        involved.add(pushedId);
        moved.add(pushedId);
        changed = true;
      }
    }
  }
  return [...moved].map((id) => {
    const r = rects.get(id) as Rect;
    return { id, x: r.x, y: r.y };
  });
}
