import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { Editor } from '../editor/editor.ts';
import { boardToScreen, screenToBoard } from '../editor/camera.ts';
import type { Point } from '../editor/camera.ts';
import { drawGrid, InkRenderer } from '../editor/render.ts';
import type { Peer } from '../collab/presence.ts';
import { useStore } from './useStore.ts';

const CURSORS: Record<string, string> = {
  select: 'default',
  pen: 'crosshair',
  math: 'crosshair',
  eraser: 'cell',
  hand: 'grab',
};

/**
 * The ink canvas: Pointer Events for mouse, pen and touch (one pointer draws; a second
 * finger pans), wheel/pinch zoom, and the other users' cursors on top.
 */
export function Canvas({
  editor,
  peers,
  spaceHeld,
  onCursor,
  onSize,
  onUserPan,
  children,
}: {
  editor: Editor;
  peers: readonly Peer[];
  spaceHeld: boolean;
  onCursor: (p: Point | null) => void;
  onSize: (width: number, height: number) => void;
  onUserPan: () => void;
  children?: React.ReactNode;
}) {
  const state = useStore(editor);
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const gridCanvas = useRef<HTMLCanvasElement>(null);
  const livePeers = useRef(peers);
  livePeers.current = peers;
  const renderer = useRef(new InkRenderer());
  const size = useRef({ width: 0, height: 0, dpr: 1 });
  const frame = useRef(0);
  const activePointer = useRef<number | null>(null);
  const touches = useRef(new Map<number, Point>());

  // One paint per animation frame, however many changes arrive in between.
  const paint = useCallback(() => {
    if (frame.current !== 0) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const c = canvas.current;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return;
      const state = editor.getState();
      const grid = gridCanvas.current?.getContext('2d');
      if (grid) drawGrid(grid, size.current, state.camera);
      const strokes = editor.board.strokes;
      renderer.current.prune(strokes);
      const live = livePeers.current.flatMap((p) => (p.drawing ? [p.drawing] : []));
      renderer.current.draw(ctx, size.current, strokes, state, editor.selectionBox(), live);
    });
  }, [editor]);
  // Peers' strokes in progress come with presence, not with the document.
  useEffect(() => paint(), [peers, paint]);

  useEffect(() => {
    const unsubscribe = editor.subscribe(paint);
    paint();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [editor, paint]);

  const onSizeRef = useRef(onSize);
  onSizeRef.current = onSize;
  useLayoutEffect(() => {
    const el = host.current;
    const c = canvas.current;
    if (!el || !c) return;
    const observer = new ResizeObserver(() => {
      const rect = el.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const width = Math.round(rect.width * dpr);
      const height = Math.round(rect.height * dpr);
      size.current = { width: rect.width, height: rect.height, dpr };
      // Resizing the bitmap clears it: only when the size really changed.
      for (const layer of [c, gridCanvas.current]) {
        if (layer && (layer.width !== width || layer.height !== height)) {
          layer.width = width;
          layer.height = height;
        }
      }
      onSizeRef.current(rect.width, rect.height);
      paint();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [paint]);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Non-passive so the page itself never scrolls or zooms under the board.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const at = { x: e.clientX - rect.left, y: e.clientY - rect.top };
      const scale = e.deltaMode === 1 ? 16 : 1;
      editor.wheel(e.deltaX * scale, e.deltaY * scale, at, e.ctrlKey || e.metaKey);
      onUserPan();
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [editor, onUserPan]);

  const local = (e: React.PointerEvent) => {
    const rect = host.current?.getBoundingClientRect();
    return { x: e.clientX - (rect?.left ?? 0), y: e.clientY - (rect?.top ?? 0) };
  };
  const sample = (e: React.PointerEvent, pan = false) => ({
    ...local(e),
    pressure: e.pointerType === 'mouse' ? 0.5 : e.pressure || 0.5,
    time: e.timeStamp,
    shiftKey: e.shiftKey,
    pan: pan || e.button === 1 || spaceHeld,
  });

  return (
    <div
      ref={host}
      className="canvas-host"
      style={{ cursor: spaceHeld || state.tool === 'hand' ? 'grab' : CURSORS[state.tool] }}
      onPointerDown={(e) => {
        // A stroke begun over a card's text draws; it does not select the text.
        if (state.tool !== 'select') e.preventDefault();
        if (e.pointerType === 'touch') touches.current.set(e.pointerId, local(e));
        if (activePointer.current !== null) {
          // A second finger: stop drawing and pan with two fingers instead.
          if (e.pointerType === 'touch') editor.pointerCancel();
          return;
        }
        if (e.button !== 0 && e.button !== 1) return;
        activePointer.current = e.pointerId;
        e.currentTarget.setPointerCapture(e.pointerId);
        host.current?.focus({ preventScroll: true });
        if (e.button === 1 || spaceHeld || state.tool === 'hand') onUserPan();
        editor.pointerDown(sample(e));
      }}
      onPointerMove={(e) => {
        const p = local(e);
        onCursor(screenToBoard(editor.getState().camera, p));
        if (e.pointerType === 'touch' && touches.current.size >= 2) {
          const prev = touches.current.get(e.pointerId);
          touches.current.set(e.pointerId, p);
          if (prev) {
            // Two-finger pan (by half each finger's motion) and pinch zoom.
            const others = [...touches.current.entries()].filter(([id]) => id !== e.pointerId);
            const other = others[0]?.[1];
            if (other) {
              const before = Math.hypot(prev.x - other.x, prev.y - other.y);
              const after = Math.hypot(p.x - other.x, p.y - other.y);
              if (before > 0)
                editor.zoomBy(after / before, { x: (p.x + other.x) / 2, y: (p.y + other.y) / 2 });
            }
            editor.wheel(-(p.x - prev.x) / 2, -(p.y - prev.y) / 2, p, false);
            onUserPan();
          }
          return;
        }
        if (e.pointerType === 'touch') touches.current.set(e.pointerId, p);
        if (activePointer.current !== e.pointerId) return;
        const coalesced = e.nativeEvent.getCoalescedEvents?.() ?? [];
        if (coalesced.length > 1 && state.tool !== 'hand') {
          const rect = host.current?.getBoundingClientRect();
          for (const c of coalesced) {
            editor.pointerMove({
              x: c.clientX - (rect?.left ?? 0),
              y: c.clientY - (rect?.top ?? 0),
              pressure: c.pointerType === 'mouse' ? 0.5 : c.pressure || 0.5,
              time: c.timeStamp,
              shiftKey: c.shiftKey,
            });
          }
        } else editor.pointerMove(sample(e));
      }}
      onPointerUp={(e) => {
        touches.current.delete(e.pointerId);
        if (activePointer.current !== e.pointerId) return;
        activePointer.current = null;
        editor.pointerUp(sample(e));
      }}
      onPointerCancel={(e) => {
        touches.current.delete(e.pointerId);
        if (activePointer.current !== e.pointerId) return;
        activePointer.current = null;
        editor.pointerCancel();
      }}
      onPointerLeave={() => onCursor(null)}
      tabIndex={0}
      role="application"
      aria-label="Board canvas. Use the toolbar or keyboard shortcuts; press ? for help."
      aria-roledescription="whiteboard"
    >
      <canvas ref={gridCanvas} className="grid" aria-hidden="true" />
      <div
        className="world"
        style={{
          transform: `scale(${state.camera.z}) translate(${state.camera.x}px, ${state.camera.y}px)`,
        }}
      >
        {children}
      </div>
      {/* Over the cards: ink annotates them (circle an answer, underline a step). */}
      <canvas ref={canvas} className="ink" aria-hidden="true" />
      {peers.map((peer) => {
        if (!peer.cursor) return null;
        const p = boardToScreen(state.camera, peer.cursor);
        return (
          <div
            key={peer.clientId}
            className="peer-cursor"
            style={{ transform: `translate(${p.x}px, ${p.y}px)`, color: peer.user.color }}
            aria-hidden="true"
          >
            <svg width="16" height="20" viewBox="0 0 16 20">
              <path
                d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z"
                fill="currentColor"
                stroke="#fff"
                strokeWidth="1.5"
              />
            </svg>
            <span className="peer-name" style={{ background: peer.user.color }}>
              {peer.user.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}
