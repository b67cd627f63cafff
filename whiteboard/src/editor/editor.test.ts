import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  appendStep,
  cardRects,
  finishEquation,
  readBoard,
  startSolving,
} from '@motionmath/protocol';
import { Editor, splitPoints } from './editor.ts';
import type { PointerSample } from './editor.ts';

let clock = 1_700_000_000_000;
const now = () => ++clock;

function setup(readOnly = false) {
  const doc = new Y.Doc();
  const editor = new Editor({ doc, author: 'alice', now, readOnly });
  return { doc, editor };
}

const at = (x: number, y: number, time = 0, extra: Partial<PointerSample> = {}): PointerSample => ({
  x,
  y,
  pressure: 0.5,
  time,
  ...extra,
});

function draw(editor: Editor, points: [number, number][]) {
  const [first, ...rest] = points;
  if (!first) return;
  editor.pointerDown(at(first[0], first[1], 0));
  rest.forEach(([x, y], i) => editor.pointerMove(at(x, y, (i + 1) * 16)));
  const last = points.at(-1) ?? first;
  editor.pointerUp(at(last[0], last[1], points.length * 16));
}

/** Two documents wired like a relay: every update of one is applied to the other. */
function linked(a: Y.Doc, b: Y.Doc) {
  a.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(b, u, 'remote'),
  );
  b.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'remote' && Y.applyUpdate(a, u, 'remote'),
  );
}

describe('Editor', () => {
  it('draws a stroke with the pen: the draft becomes a stroke in the document', () => {
    const { editor } = setup();
    editor.setColor('#c92a2a');
    editor.setWidth(8);
    editor.pointerDown(at(10, 10));
    editor.pointerMove(at(20, 15, 16));
    expect(editor.getState().draft).toHaveLength(2);
    editor.pointerUp(at(30, 20, 32));
    expect(editor.getState().draft).toBeNull();
    const [stroke] = editor.board.strokes;
    expect(stroke?.color).toBe('#c92a2a');
    expect(stroke?.width).toBe(8);
    expect(stroke?.author).toBe('alice');
    expect(stroke?.points.map((p) => [p.x, p.y, p.t])).toEqual([
      [10, 10, 0],
      [20, 15, 16],
      [30, 20, 32],
    ]);
  });

  it('bumps the revision on remote changes so views re-render', () => {
    const { editor, doc } = setup();
    const other = new Y.Doc();
    linked(doc, other);
    const before = editor.getState();
    new Editor({ doc: other, author: 'bob', now }).addEquation({
      source: 'typed',
      latex: '1+1',
      mathjs: '1+1',
      confidence: 1,
      near: { x: 0, y: 0 },
    });
    expect(editor.getState()).not.toBe(before);
    expect(editor.getState().revision).toBeGreaterThan(before.revision);
    expect(editor.board.equations).toHaveLength(1);
  });

  it('records board coordinates through the camera', () => {
    const { editor } = setup();
    editor.setCamera({ x: -100, y: -50, z: 2 });
    draw(editor, [
      [0, 0],
      [20, 0],
    ]);
    expect(editor.board.strokes[0]?.points.map((p) => [p.x, p.y])).toEqual([
      [100, 50],
      [110, 50],
    ]);
  });

  it('erases what the eraser passes over', () => {
    const { editor } = setup();
    draw(editor, [
      [0, 50],
      [100, 50],
    ]);
    draw(editor, [
      [0, 200],
      [100, 200],
    ]);
    editor.setTool('eraser');
    draw(editor, [
      [50, 0],
      [50, 100],
    ]);
    expect(editor.board.strokes).toHaveLength(1);
    expect(editor.board.strokes[0]?.points[0]?.y).toBe(200);
  });

  it('selects by click and marquee, moves on release, deletes', () => {
    const { editor } = setup();
    draw(editor, [
      [0, 0],
      [40, 0],
    ]);
    draw(editor, [
      [300, 300],
      [340, 300],
    ]);
    editor.setTool('select');
    draw(editor, [
      [-10, -10],
      [50, 20],
    ]);
    expect(editor.getState().selection.size).toBe(1);
    // Drag the selected stroke by (5, 7): nothing changes in the doc until release.
    editor.pointerDown(at(20, 0));
    editor.pointerMove(at(25, 7, 16));
    expect(editor.board.strokes[0]?.points[0]).toMatchObject({ x: 0, y: 0 });
    expect(editor.selectionBox()?.minX).toBeCloseTo(5 - 2);
    editor.pointerUp(at(25, 7, 32));
    expect(editor.board.strokes[0]?.points[0]).toMatchObject({ x: 5, y: 7 });
    editor.deleteSelection();
    expect(editor.board.strokes).toHaveLength(1);
    expect(editor.board.strokes[0]?.points[0]).toMatchObject({ x: 300, y: 300 });
  });

  it('drags a multi-selection from the gap inside its box; outside the box starts over', () => {
    const { editor } = setup();
    draw(editor, [
      [0, 0],
      [40, 0],
    ]);
    draw(editor, [
      [0, 100],
      [40, 100],
    ]);
    editor.setTool('select');
    draw(editor, [
      [-10, -10],
      [50, 110],
    ]);
    expect(editor.getState().selection.size).toBe(2);
    // (20, 50) is on no stroke, but inside the selection's box.
    editor.pointerDown(at(20, 50));
    editor.pointerMove(at(50, 60, 16));
    editor.pointerUp(at(50, 60, 32));
    expect(editor.board.strokes.map((s) => s.points[0])).toMatchObject([
      { x: 30, y: 10 },
      { x: 30, y: 110 },
    ]);
    expect(editor.getState().selection.size).toBe(2);
    // Far outside the box: a marquee over nothing, which clears the selection.
    draw(editor, [
      [500, 500],
      [520, 520],
    ]);
    expect(editor.getState().selection.size).toBe(0);
  });

  it('pans with the hand tool and zooms around a point', () => {
    const { editor } = setup();
    editor.setTool('hand');
    draw(editor, [
      [0, 0],
      [30, 40],
    ]);
    expect(editor.getState().camera).toEqual({ x: 30, y: 40, z: 1 });
    expect(editor.board.strokes).toHaveLength(0);
    editor.zoomBy(2, { x: 0, y: 0 });
    expect(editor.getState().camera.z).toBe(2);
  });

  it('undo reverts only this user’s edits, never a collaborator’s or the solver’s', () => {
    const a = setup();
    const docB = new Y.Doc();
    linked(a.doc, docB);
    const b = new Editor({ doc: docB, author: 'bob', now });
    draw(a.editor, [
      [0, 0],
      [10, 10],
    ]);
    draw(b, [
      [100, 100],
      [110, 110],
    ]);
    const eq = a.editor.addEquation({
      source: 'typed',
      latex: 'x+1=2',
      mathjs: 'x+1==2',
      confidence: 1,
      near: { x: 0, y: 50 },
    });
    expect(eq).not.toBeNull();
    // The solver writes into the equation with its own origin.
    startSolving(docB, eq!, { solverId: 'worker', now: now() });
    appendStep(docB, eq!, 'worker', {
      latex: 'x=1',
      explanation: 'subtract 1',
      rule: 'subtract',
      origin: 'engine',
    });
    finishEquation(docB, eq!, {
      solverId: 'worker',
      answer: { latex: 'x=1', mathjs: 'x==1' },
      now: now(),
    });
    expect(a.editor.getState().canUndo).toBe(true);
    a.editor.undo(); // removes alice's equation
    a.editor.undo(); // removes alice's stroke
    const board = readBoard(docB);
    expect(board.strokes.map((s) => s.author)).toEqual(['bob']);
    expect(board.equations).toHaveLength(0);
    a.editor.redo();
    expect(readBoard(docB).strokes).toHaveLength(2);
  });

  it('a drawing tool picked while the board is still read-only applies once it is writable', () => {
    // The board screen is read-only until it knows the user's role; M pressed at once.
    const { editor } = setup(true);
    editor.setTool('math');
    expect(editor.getState().tool).toBe('select');
    editor.setReadOnly(false);
    expect(editor.getState().tool).toBe('math');
    // A later choice made while writable wins over an old one.
    editor.setReadOnly(true);
    editor.setTool('pen');
    editor.setTool('hand');
    editor.setReadOnly(false);
    expect(editor.getState().tool).toBe('hand');
  });

  it('a read-only editor changes nothing but can still pan and select', () => {
    const { editor, doc } = setup(true);
    editor.setTool('pen');
    expect(editor.getState().tool).toBe('select');
    editor.setTool('hand');
    expect(editor.getState().tool).toBe('hand');
    draw(editor, [
      [0, 0],
      [10, 10],
    ]);
    expect(editor.getState().camera).toMatchObject({ x: 10, y: 10 });
    editor.setReadOnly(false);
    editor.setTool('pen');
    editor.setReadOnly(true);
    draw(editor, [
      [0, 0],
      [10, 10],
    ]);
    editor.setTool('eraser');
    draw(editor, [
      [0, 0],
      [10, 10],
    ]);
    expect(
      editor.addEquation({
        source: 'typed',
        latex: '1+1',
        mathjs: '1+1',
        confidence: 1,
        near: { x: 0, y: 0 },
      }),
    ).toBeNull();
    expect(readBoard(doc).strokes).toHaveLength(0);
    expect(readBoard(doc).equations).toHaveLength(0);
  });

  it('collects math-pen strokes until they become an equation', () => {
    const { editor } = setup();
    editor.setTool('math');
    draw(editor, [
      [0, 0],
      [10, 20],
    ]);
    draw(editor, [
      [20, 0],
      [30, 20],
    ]);
    const ink = editor.mathInk();
    expect(ink.ids).toHaveLength(2);
    expect(ink.box).toEqual({ minX: 0, minY: 0, maxX: 30, maxY: 20 });
    editor.clearMathInk(true);
    expect(editor.getState().mathStrokeIds).toEqual([]);
    expect(editor.board.strokes).toHaveLength(0);
  });

  it('editing an equation resets it to pending', () => {
    const { editor, doc } = setup();
    const id = editor.addEquation({
      source: 'typed',
      latex: '2+2',
      mathjs: '2+2',
      confidence: 1,
      near: { x: 0, y: 0 },
    })!;
    startSolving(doc, id, { solverId: 'w', now: now() });
    finishEquation(doc, id, { solverId: 'w', answer: { latex: '4', mathjs: '4' }, now: now() });
    expect(editor.board.equations[0]?.status).toBe('solved');
    editor.editEquation(id, '2+3', '2+3');
    expect(editor.board.equations[0]).toMatchObject({ latex: '2+3', status: 'pending' });
  });

  it('stores a stroke longer than the schema allows as connected pieces', () => {
    const pts = Array.from({ length: 25 }, (_, i) => ({ x: i, y: 0, pressure: 0.5, t: i }));
    const pieces = splitPoints(pts, 10);
    expect(pieces.map((p) => p.length)).toEqual([10, 10, 7]);
    expect(pieces[1]?.[0]).toEqual(pieces[0]?.[9]);
    expect(pieces.at(-1)?.at(-1)).toEqual(pts.at(-1));
    expect(splitPoints(pts.slice(0, 3), 10)).toEqual([pts.slice(0, 3)]);
  });

  it('places ten typed cards in a row inside the view, none overlapping', () => {
    const { editor } = setup();
    editor.setViewport({
      width: 1280,
      height: 800,
      insets: { top: 60, right: 0, bottom: 80, left: 0 },
    });
    for (let i = 0; i < 10; i++)
      editor.addEquation({ source: 'typed', latex: `x+${i}=1`, mathjs: '', confidence: 1 });
    const view = editor.visibleRect();
    const rects = cardRects(editor.board).map((c) => c.rect);
    expect(rects).toHaveLength(10);
    for (const [i, a] of rects.entries()) {
      expect(a.y + a.height, `card ${i} above the toolbar`).toBeLessThanOrEqual(
        view.y + view.height,
      );
      expect(a.y, `card ${i} below the top bar`).toBeGreaterThanOrEqual(view.y);
      for (const b of rects.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
  });

  it('a card that grows pushes the card under it, and that move is not the user’s to undo', () => {
    const { editor } = setup();
    editor.setViewport({
      width: 1280,
      height: 800,
      insets: { top: 0, right: 0, bottom: 0, left: 0 },
    });
    const a = editor.addEquation({
      source: 'typed',
      latex: 'a=1',
      mathjs: '',
      confidence: 1,
      near: { x: 0, y: 0 },
    })!;
    editor.undoManager.stopCapturing();
    const b = editor.addEquation({
      source: 'typed',
      latex: 'b=1',
      mathjs: '',
      confidence: 1,
      near: { x: 0, y: 0 },
    })!;
    const yOf = (id: string) => editor.board.equations.find((e) => e.id === id)?.y ?? NaN;
    const xOf = (id: string) => editor.board.equations.find((e) => e.id === id)?.x ?? NaN;
    editor.reportCardSize(b, { width: 240, height: 100 });
    expect(xOf(b)).toBe(xOf(a));
    const before = yOf(b);
    editor.reportCardSize(a, { width: 240, height: before - yOf(a) + 200 });
    expect(yOf(b)).toBeGreaterThan(before);
    editor.undo(); // undoes adding b, not the push
    expect(editor.board.equations.map((e) => e.id)).toEqual([a]);
  });

  it('a card near the bottom of the view that grows (its steps arrive) stays in sight', () => {
    const { editor } = setup();
    editor.setViewport({
      width: 1280,
      height: 800,
      insets: { top: 60, right: 0, bottom: 80, left: 0 },
    });
    const view = editor.visibleRect();
    const id = editor.addEquation({
      source: 'typed',
      latex: 'x+1=2',
      mathjs: '',
      confidence: 1,
      near: { x: 100, y: view.y + view.height - 200 },
    })!;
    const card = () => cardRects(editor.board, (c) => editor.cardSize(c)).find((c) => c.id === id);
    const inSight = () => {
      const r = card()?.rect;
      const v = editor.visibleRect();
      return !!r && r.y >= v.y && r.y + r.height <= v.y + v.height;
    };
    expect(inSight()).toBe(true);
    editor.reportCardSize(id, { width: 300, height: 420 });
    expect(inSight()).toBe(true);
    expect(editor.getState().camera.z).toBeLessThan(1);
  });
});
