import type * as Y from 'yjs';
import {
  addEquation,
  boardRoots,
  deleteEquation,
  deleteStrokes,
  editEquation,
  moveEquation,
  moveGraph,
  moveStrokes,
  readBoard,
  restackStrokes,
  addStroke,
  cardRects,
  estimateCardSize,
  LIMITS,
  nextFreeSpot,
  pushApart,
} from '@motionmath/protocol';
import type {
  Alternative,
  BoardSnapshot,
  Graph,
  Rect,
  Size,
  StrokePoint,
} from '@motionmath/protocol';
import { DEFAULT_CAMERA, panBy, screenToBoard, zoomAt } from './camera.ts';
import type { Box, Camera, Point } from './camera.ts';
import {
  boxFromCorners,
  boxOfPoints,
  expandBox,
  strokeBox,
  strokesInBox,
  strokesTouchedBySegment,
  topStrokeAt,
  unionBox,
} from './geometry.ts';
import { appendPoint } from './ink.ts';
import { contentBox } from './export.ts';
import { EMPTY_VIEWPORT, fitInView, revealKeepingView, usableView } from './layout.ts';
import type { Viewport } from './layout.ts';
import { GraphStore } from './graphs.ts';
import { SELECTION_PAD_PX } from './render.ts';
import { createUndoManager } from './undo.ts';

/**
 * The editor core: tools, selection, camera and undo over a board `Y.Doc`. It knows
 * nothing of the network; whoever owns the document (the collab layer) syncs it. Every
 * local edit is one transaction tagged with this editor's origin, so undo is per user.
 */

export const TOOLS = ['select', 'pen', 'math', 'eraser', 'hand'] as const;
export type Tool = (typeof TOOLS)[number];

/** Prefix of a graph among the cards pushed apart when one grows. */
const GRAPH_KEY = 'graph:';

/** Pen colours: dark enough for 4.5:1 contrast on the white board (WCAG AA). */
export const PALETTE = ['#1e1e1e', '#1864ab', '#c92a2a', '#2b8a3e', '#862e9c', '#d9480f'] as const;
/** Pen widths in board units: fine, medium, bold. */
export const WIDTHS = [2, 4, 8] as const;
/** Math ink has one width, the one the recognizer's thresholds were set for; its colour is the pen's. */
export const MATH_INK_WIDTH = 3;
/** Hit tolerance in screen pixels (converted to board units by zoom): a finger is ~8 px. */
export const HIT_TOLERANCE_PX = 6;
/** Eraser radius in screen pixels. */
export const ERASER_RADIUS_PX = 10;
/** One wheel notch (100 px of deltaY) zooms by this factor. */
export const WHEEL_ZOOM_PER_100PX = 1.2;
/** Keyboard zoom step (Ctrl +/−). */
export const ZOOM_STEP = 1.25;
/** Arrow keys nudge the selection by this many board units (Shift: ×10). */
export const NUDGE = 1;
/** A typed card goes this far down the view (a fraction of its height): in sight, above the middle. */
const NEW_CARD_TOP = 0.2;

export interface PointerSample {
  /** Screen position relative to the canvas, in CSS pixels. */
  readonly x: number;
  readonly y: number;
  /** 0..1 (Pointer Events); 0.5 for mouse buttons down. */
  readonly pressure: number;
  /** Event time in ms. */
  readonly time: number;
  readonly shiftKey?: boolean;
  /** Middle button or space held: pan whatever the tool. */
  readonly pan?: boolean;
}

export interface EditorState {
  readonly tool: Tool;
  readonly color: string;
  readonly width: number;
  readonly camera: Camera;
  readonly selection: ReadonlySet<string>;
  /** The stroke being drawn (board coordinates), not yet in the document. */
  readonly draft: readonly StrokePoint[] | null;
  /** The selection rectangle being dragged. */
  readonly marquee: Box | null;
  /** Offset of the selection while it is being dragged (committed on release). */
  readonly dragOffset: Point | null;
  /** Math-pen strokes waiting to become one equation. */
  readonly mathStrokeIds: readonly string[];
  readonly readOnly: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Bumped on every document change (local or remote): views re-read `board` when it moves. */
  readonly revision: number;
  /** The canvas on screen and the chrome over it. */
  readonly viewport: Viewport;
}

export interface EditorOptions {
  readonly doc: Y.Doc;
  /** Written into `author` of everything this user creates. */
  readonly author: string;
  readonly readOnly?: boolean;
  readonly now?: () => number;
}

type Gesture =
  | { kind: 'draw'; points: StrokePoint[]; start: number }
  | { kind: 'erase'; last: Point; erased: Set<string> }
  | { kind: 'pan'; last: Point }
  | { kind: 'marquee'; origin: Point; additive: boolean; base: ReadonlySet<string> }
  | { kind: 'drag'; origin: Point };

function rectInside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** Cut a point list into pieces of at most `max` points, each starting where the last ended. */
export function splitPoints(points: readonly StrokePoint[], max: number): StrokePoint[][] {
  if (points.length <= max) return [[...points]];
  const pieces: StrokePoint[][] = [];
  for (let start = 0; start < points.length - 1; start += max - 1) {
    pieces.push(points.slice(start, start + max));
  }
  return pieces;
}

export class Editor {
  readonly doc: Y.Doc;
  readonly author: string;
  /** Transaction origin of this user's edits: what the undo manager tracks. */
  readonly origin: object = { editor: 'local' };
  readonly undoManager: Y.UndoManager;
  /**
   * Origin of layout moves (a card pushed aside by one that grew): synced like any edit, but
   * not undoable; they follow from content, often someone else's.
   */
  readonly layoutOrigin: object = { editor: 'layout' };
  /** Measured card sizes (board units), by equation id: the geometry placement reads. */
  private readonly cardSizes = new Map<string, Size>();
  /** The board's graphs: read, placed and changed through here (see `graphs.ts`). */
  readonly graphStore: GraphStore;
  private readonly now: () => number;
  private state: EditorState;
  private snapshot: BoardSnapshot | null = null;
  private gesture: Gesture | null = null;
  /**
   * A drawing tool picked while the board is read-only. The board screen is read-only until
   * it knows the user's role, a moment after it opens: a tool picked then (M right away)
   * applies once the board turns writable, instead of being lost.
   */
  private wantedTool: Tool | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly onDocChange = () => {
    this.snapshot = null;
    this.pruneSelection();
    this.update({ revision: this.state.revision + 1 });
  };
  private readonly onStack = () => this.update({});

  constructor(options: EditorOptions) {
    this.doc = options.doc;
    this.author = options.author;
    this.now = options.now ?? Date.now;
    this.undoManager = createUndoManager(this.doc, this.origin);
    this.state = {
      tool: options.readOnly === true ? 'select' : 'pen',
      color: PALETTE[0],
      width: WIDTHS[1],
      camera: DEFAULT_CAMERA,
      selection: new Set(),
      draft: null,
      marquee: null,
      dragOffset: null,
      mathStrokeIds: [],
      readOnly: options.readOnly ?? false,
      canUndo: false,
      canRedo: false,
      revision: 0,
      viewport: EMPTY_VIEWPORT,
    };
    const { strokes, equations, notes, meta } = boardRoots(this.doc);
    for (const root of [strokes, equations, notes, meta]) root.observeDeep(this.onDocChange);
    this.graphStore = new GraphStore(this.doc, {
      changed: this.onDocChange,
      transact: (fn) => this.transact(fn),
      layout: (fn) => !this.state.readOnly && this.doc.transact(fn, this.layoutOrigin),
      author: this.author,
      now: this.now,
    });
    this.undoManager.on('stack-item-added', this.onStack);
    this.undoManager.on('stack-item-popped', this.onStack);
    this.undoManager.on('stack-cleared', this.onStack);
  }

  destroy(): void {
    const { strokes, equations, notes, meta } = boardRoots(this.doc);
    for (const root of [strokes, equations, notes, meta]) root.unobserveDeep(this.onDocChange);
    this.graphStore.destroy();
    this.undoManager.destroy();
    this.listeners.clear();
  }

  /** The validated board, re-read lazily after each change. */
  get board(): BoardSnapshot {
    this.snapshot ??= readBoard(this.doc);
    return this.snapshot;
  }

  /** The board's valid graphs, oldest first. */
  get graphs(): readonly Graph[] {
    return this.graphStore.graphs;
  }

  /** Graph the equation `equationId` beside its card (free spot, brought into sight). */
  addGraph(equationId: string): string | null {
    if (this.state.readOnly) return null;
    const card = this.board.equations.find((e) => e.id === equationId);
    if (!card) return null;
    const width = this.cardSizes.get(card.id)?.width ?? estimateCardSize(card).width;
    const size = this.graphStore.size;
    const at = this.freeSpot(size, { x: card.x + width + 24, y: card.y });
    const id = this.graphStore.add([equationId], at);
    this.reveal({ ...at, ...size });
    return id;
  }

  getState(): EditorState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private update(patch: Partial<EditorState>): void {
    this.state = {
      ...this.state,
      ...patch,
      canUndo: this.undoManager.canUndo(),
      canRedo: this.undoManager.canRedo(),
    };
    this.emit();
  }

  /** Run an edit as this user's transaction (undoable, tagged for the collab layer). */
  private transact(fn: () => void): void {
    if (this.state.readOnly) return;
    this.doc.transact(fn, this.origin);
  }

  private pruneSelection(): void {
    if (this.state.selection.size === 0) return;
    const live = new Set(this.board.strokes.map((s) => s.id));
    const kept = [...this.state.selection].filter((id) => live.has(id));
    if (kept.length !== this.state.selection.size)
      this.state = { ...this.state, selection: new Set(kept) };
  }

  // ── settings ───────────────────────────────────────────────────────────────

  setTool(tool: Tool): void {
    // A viewer may look around (select, hand) but not pick a drawing tool.
    if (this.state.readOnly && tool !== 'select' && tool !== 'hand') {
      this.wantedTool = tool;
      return;
    }
    this.wantedTool = null;
    this.gesture = null;
    this.update({
      tool,
      draft: null,
      marquee: null,
      dragOffset: null,
      selection: tool === 'select' ? this.state.selection : new Set(),
    });
  }

  setColor(color: string): void {
    this.update({ color });
  }

  setWidth(width: number): void {
    this.update({ width });
  }

  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.state.readOnly) return;
    this.gesture = null;
    this.update({
      readOnly,
      draft: null,
      dragOffset: null,
      tool: readOnly && this.state.tool !== 'hand' ? 'select' : this.state.tool,
    });
    const wanted = this.wantedTool;
    if (!readOnly && wanted !== null) this.setTool(wanted);
  }

  setCamera(camera: Camera): void {
    this.update({ camera });
  }

  setViewport(viewport: Viewport): void {
    const v = this.state.viewport;
    const same =
      v.width === viewport.width &&
      v.height === viewport.height &&
      (['top', 'right', 'bottom', 'left'] as const).every(
        (k) => v.insets[k] === viewport.insets[k],
      );
    if (!same) this.update({ viewport });
  }

  /** The board area the user sees, clear of the chrome over the canvas. */
  visibleRect(): Rect {
    return usableView(this.state.camera, this.state.viewport);
  }

  /** Zoom so every stroke and card is in sight, clear of the top bar and the toolbar. */
  zoomToFit(): void {
    const box = this.graphStore.around(contentBox(this.board, (id) => this.cardSizes.get(id)));
    if (box.minX > box.maxX) return;
    this.update({ camera: fitInView(box, this.state.viewport) });
  }

  /** Bring `rect` into sight, keeping what is in sight now (zooming out if needed). */
  reveal(rect: Rect): void {
    const camera = revealKeepingView(this.state.camera, this.state.viewport, rect);
    if (camera !== this.state.camera) this.update({ camera });
  }

  /** Zoom to exactly `z` around a screen point (100 % is 1, not 0.8 × 1.25). */
  zoomTo(z: number, at: Point): void {
    this.update({ camera: zoomAt(this.state.camera, at, z) });
  }

  /** Zoom by a factor around a screen point (the cursor, or the viewport centre). */
  zoomBy(factor: number, at: Point): void {
    this.update({ camera: zoomAt(this.state.camera, at, this.state.camera.z * factor) });
  }

  /** Wheel: Ctrl/⌘ (and trackpad pinch) zooms at the cursor, otherwise scrolls the board. */
  wheel(deltaX: number, deltaY: number, at: Point, zoom: boolean): void {
    if (zoom) this.zoomBy(WHEEL_ZOOM_PER_100PX ** (-deltaY / 100), at);
    else this.update({ camera: panBy(this.state.camera, -deltaX, -deltaY) });
  }

  // ── pointer input ──────────────────────────────────────────────────────────

  private toBoard(p: PointerSample): Point {
    return screenToBoard(this.state.camera, p);
  }

  private tolerance(px: number): number {
    return px / this.state.camera.z;
  }

  pointerDown(p: PointerSample): void {
    const at = this.toBoard(p);
    const { tool, readOnly } = this.state;
    if (p.pan === true || tool === 'hand') {
      this.gesture = { kind: 'pan', last: p };
      return;
    }
    if (tool === 'select') {
      const hit = topStrokeAt(this.board.strokes, at, this.tolerance(HIT_TOLERANCE_PX));
      if (hit && !readOnly) {
        const selection = this.state.selection.has(hit.id)
          ? this.state.selection
          : new Set(p.shiftKey === true ? [...this.state.selection, hit.id] : [hit.id]);
        this.gesture = { kind: 'drag', origin: at };
        this.update({ selection, dragOffset: { x: 0, y: 0 } });
      } else if (!readOnly && p.shiftKey !== true && this.insideSelection(at)) {
        // The gaps between selected strokes belong to the selection: its box is a handle.
        this.gesture = { kind: 'drag', origin: at };
        this.update({ dragOffset: { x: 0, y: 0 } });
      } else {
        const additive = p.shiftKey === true;
        const base = additive ? this.state.selection : new Set<string>();
        this.gesture = { kind: 'marquee', origin: at, additive, base };
        this.update({ selection: base, marquee: boxFromCorners(at, at) });
      }
      return;
    }
    if (readOnly) return;
    if (tool === 'eraser') {
      this.gesture = { kind: 'erase', last: at, erased: new Set() };
      this.eraseAlong(at, at);
      return;
    }
    const first: StrokePoint = { x: at.x, y: at.y, pressure: p.pressure, t: 0 };
    this.gesture = { kind: 'draw', points: [first], start: p.time };
    this.update({ draft: [first] });
  }

  pointerMove(p: PointerSample): void {
    const g = this.gesture;
    if (g === null) return;
    const at = this.toBoard(p);
    switch (g.kind) {
      case 'pan':
        this.update({ camera: panBy(this.state.camera, p.x - g.last.x, p.y - g.last.y) });
        g.last = p;
        return;
      case 'draw':
        if (
          appendPoint(g.points, {
            x: at.x,
            y: at.y,
            pressure: p.pressure,
            t: Math.max(0, p.time - g.start),
          })
        ) {
          this.update({ draft: [...g.points] });
        }
        return;
      case 'erase':
        this.eraseAlong(g.last, at);
        g.last = at;
        return;
      case 'marquee': {
        const box = boxFromCorners(g.origin, at);
        const picked = strokesInBox(this.board.strokes, box).map((s) => s.id);
        this.update({ marquee: box, selection: new Set([...g.base, ...picked]) });
        return;
      }
      case 'drag':
        this.update({ dragOffset: { x: at.x - g.origin.x, y: at.y - g.origin.y } });
        return;
    }
  }

  pointerUp(p: PointerSample): void {
    const g = this.gesture;
    if (g === null) return;
    this.pointerMove(p);
    this.gesture = null;
    switch (g.kind) {
      case 'draw':
        this.commitStroke(g.points);
        return;
      case 'marquee':
        this.update({ marquee: null });
        return;
      case 'drag': {
        const offset = this.state.dragOffset;
        if (offset && (offset.x !== 0 || offset.y !== 0)) {
          const ids = [...this.state.selection];
          this.transact(() => moveStrokes(this.doc, ids, offset.x, offset.y));
        }
        this.update({ dragOffset: null });
        return;
      }
      default:
        return;
    }
  }

  /** The pointer was lost (palm rejection, alt-tab): drop the gesture without committing. */
  pointerCancel(): void {
    this.gesture = null;
    this.update({ draft: null, marquee: null, dragOffset: null });
  }

  private eraseAlong(a: Point, b: Point): void {
    const g = this.gesture;
    if (g?.kind !== 'erase') return;
    const hits = strokesTouchedBySegment(this.board.strokes, a, b, this.tolerance(ERASER_RADIUS_PX))
      .map((s) => s.id)
      .filter((id) => !g.erased.has(id));
    if (hits.length === 0) return;
    for (const id of hits) g.erased.add(id);
    this.transact(() => deleteStrokes(this.doc, hits));
    const mathLeft = this.state.mathStrokeIds.filter((id) => !g.erased.has(id));
    if (mathLeft.length !== this.state.mathStrokeIds.length)
      this.update({ mathStrokeIds: mathLeft });
  }

  private commitStroke(points: readonly StrokePoint[]): void {
    const math = this.state.tool === 'math';
    const ids: string[] = [];
    this.transact(() => {
      // The schema caps points per stroke; a longer one is stored as consecutive pieces.
      for (const piece of splitPoints(points, LIMITS.strokePoints)) {
        ids.push(
          addStroke(this.doc, {
            points: piece,
            color: this.state.color,
            width: math ? MATH_INK_WIDTH : this.state.width,
            author: this.author,
            createdAt: this.now(),
          }).id,
        );
      }
    });
    this.update({
      draft: null,
      mathStrokeIds: math ? [...this.state.mathStrokeIds, ...ids] : this.state.mathStrokeIds,
    });
  }

  // ── commands ───────────────────────────────────────────────────────────────

  undo(): void {
    if (this.state.readOnly) return;
    this.undoManager.undo();
  }

  redo(): void {
    if (this.state.readOnly) return;
    this.undoManager.redo();
  }

  selectAll(): void {
    this.update({ tool: 'select', selection: new Set(this.board.strokes.map((s) => s.id)) });
  }

  clearSelection(): void {
    this.update({ selection: new Set(), marquee: null });
  }

  deleteSelection(): void {
    const ids = [...this.state.selection];
    if (ids.length === 0) return;
    this.transact(() => deleteStrokes(this.doc, ids));
    this.update({ selection: new Set() });
  }

  nudgeSelection(dx: number, dy: number): void {
    const ids = [...this.state.selection];
    if (ids.length === 0) return;
    this.transact(() => moveStrokes(this.doc, ids, dx, dy));
  }

  bringToFront(): void {
    const ids = [...this.state.selection];
    if (ids.length > 0) this.transact(() => restackStrokes(this.doc, ids, 'front'));
  }

  sendToBack(): void {
    const ids = [...this.state.selection];
    if (ids.length > 0) this.transact(() => restackStrokes(this.doc, ids, 'back'));
  }

  /** The stroke being drawn as peers see it live (null when none). */
  liveStroke(): { points: number[]; color: string; width: number } | null {
    const draft = this.state.draft;
    if (!draft || draft.length === 0) return null;
    return {
      points: draft.flatMap((p) => [p.x, p.y]),
      color: this.state.color,
      width: this.state.tool === 'math' ? MATH_INK_WIDTH : this.state.width,
    };
  }

  /** Whether a board point falls in the selection's box as drawn (its dashed frame). */
  private insideSelection(at: Point): boolean {
    const box = this.selectionBox();
    if (!box) return false;
    const b = expandBox(box, this.tolerance(SELECTION_PAD_PX + HIT_TOLERANCE_PX));
    return at.x >= b.minX && at.x <= b.maxX && at.y >= b.minY && at.y <= b.maxY;
  }

  /** Bounding box of the selection (with the live drag offset), or null. */
  selectionBox(): Box | null {
    const chosen = this.board.strokes.filter((s) => this.state.selection.has(s.id));
    if (chosen.length === 0) return null;
    const box = chosen.map(strokeBox).reduce(unionBox);
    const o = this.state.dragOffset ?? { x: 0, y: 0 };
    return {
      minX: box.minX + o.x,
      minY: box.minY + o.y,
      maxX: box.maxX + o.x,
      maxY: box.maxY + o.y,
    };
  }

  /** Ink of the pending math strokes in drawing order (what the recognizer reads). */
  mathInk(): { ids: string[]; strokes: StrokePoint[][]; box: Box | null } {
    const byId = new Map(this.board.strokes.map((s) => [s.id, s]));
    const ids = this.state.mathStrokeIds.filter((id) => byId.has(id));
    const strokes = ids.map((id) => [...(byId.get(id)?.points ?? [])]);
    const all = strokes.flat();
    return { ids, strokes, box: all.length > 0 ? boxOfPoints(all) : null };
  }

  /** Forget the pending math ink; with `erase`, delete it from the board too (discard). */
  clearMathInk(erase: boolean): void {
    const ids = [...this.state.mathStrokeIds];
    if (erase && ids.length > 0) this.transact(() => deleteStrokes(this.doc, ids));
    this.update({ mathStrokeIds: [] });
  }

  // ── equations ──────────────────────────────────────────────────────────────

  /** A card's size as drawn: the board keeps clear of it. A card that grew pushes aside
   * the cards it now covers (writers only; every writer computes the same moves). */
  reportCardSize(id: string, size: Size): void {
    const known = this.cardSizes.get(id);
    if (known && known.width === size.width && known.height === size.height) return;
    const view = this.visibleRect();
    const card = this.board.equations.find((e) => e.id === id);
    // The card itself stays in sight when it grows (steps arrive, its editor opens): a card
    // that landed near the bottom of the view would otherwise grow under the toolbar.
    const wasInSight =
      card !== undefined &&
      rectInside({ x: card.x, y: card.y, ...(known ?? estimateCardSize(card)) }, view);
    this.cardSizes.set(id, size);
    if (card && wasInSight) this.reveal({ x: card.x, y: card.y, ...size });
    if (this.state.readOnly) return;
    // Graphs are pushed like cards (prefixed ids keep them apart from equation ids).
    const graphs = new Map(this.graphs.map((g) => [`${GRAPH_KEY}${g.id}`, g]));
    const board = {
      equations: [
        ...this.board.equations,
        ...[...graphs].map(([key, g]) => ({
          id: key,
          x: g.x,
          y: g.y,
          latex: '',
          steps: [],
          answer: null,
          error: null,
          createdAt: g.createdAt,
        })),
      ],
    };
    const sizes = (other: string) => graphs.get(other) ?? this.cardSizes.get(other);
    const moves = pushApart(board, id, sizes);
    if (moves.length === 0) return;
    const before = new Map(cardRects(board, sizes).map((c) => [c.id, c.rect]));
    this.doc.transact(() => {
      for (const m of moves) {
        const graph = graphs.get(m.id);
        if (graph) moveGraph(this.doc, graph.id, m.x, m.y);
        else moveEquation(this.doc, m.id, m.x, m.y, this.now());
      }
    }, this.layoutOrigin);
    // A card pushed out of sight that was in sight stays in sight (the view zooms out).
    for (const m of moves) {
      const was = before.get(m.id);
      if (was && rectInside(was, view)) this.reveal({ ...was, x: m.x, y: m.y });
    }
  }

  cardSize(id: string): Size | undefined {
    return this.cardSizes.get(id);
  }

  /**
   * Where a new card of `size` goes: the free spot nearest `near` (default: the top middle
   * of the view), inside the view when there is room, clear of cards and ink.
   */
  freeSpot(size: Size, near?: Point): Point {
    const view = this.visibleRect();
    const wished = near ?? {
      x: view.x + view.width / 2 - size.width / 2,
      y: view.y + view.height * NEW_CARD_TOP,
    };
    return nextFreeSpot(this.board, {
      size,
      near: wished,
      view,
      sizes: (id) => this.cardSizes.get(id),
      obstacles: this.graphs,
    });
  }

  /**
   * Confirm an equation: it lands on the board as `pending` at the nearest free spot (to
   * `near`, e.g. under its ink) and the view brings it into sight; a solver picks it up.
   */
  addEquation(input: {
    source: 'whiteboard' | 'typed';
    latex: string;
    mathjs: string;
    confidence: number;
    alternatives?: readonly Alternative[];
    strokeIds?: readonly string[];
    near?: Point;
  }): string | null {
    if (this.state.readOnly) return null;
    const size = estimateCardSize({ latex: input.latex, steps: [], answer: null, error: null });
    const at = this.freeSpot(size, input.near);
    let id: string | null = null;
    this.transact(() => {
      id = addEquation(this.doc, {
        source: input.source,
        latex: input.latex,
        mathjs: input.mathjs,
        confidence: input.confidence,
        ...(input.alternatives ? { alternatives: input.alternatives } : {}),
        ...(input.strokeIds ? { strokeIds: input.strokeIds } : {}),
        x: at.x,
        y: at.y,
        author: this.author,
        now: this.now(),
      }).id;
    });
    this.reveal({ ...at, ...size });
    return id;
  }

  /** Correct an equation's LaTeX (an alternative, or a typed fix): it goes back to `pending`. */
  editEquation(id: string, latex: string, mathjs: string, confidence = 1): void {
    this.transact(() => editEquation(this.doc, id, { latex, mathjs, confidence, now: this.now() }));
  }

  moveEquation(id: string, x: number, y: number): void {
    this.transact(() => moveEquation(this.doc, id, x, y, this.now()));
  }

  deleteEquation(id: string): void {
    this.transact(() => deleteEquation(this.doc, id));
  }
}
