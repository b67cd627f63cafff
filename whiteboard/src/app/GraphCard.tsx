import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Equation, Graph } from '@motionmath/protocol';
import { GRAPH_MAX_FUNCTIONS } from '@motionmath/protocol';
import type { Tool } from '../editor/editor.ts';
import { GRAPH_ZOOM_STEP } from '../editor/graphs.ts';
import type { GraphStore } from '../editor/graphs.ts';
import { GRAPH_COLORS, graphSvg } from '../graph/graph-svg.ts';
import type { GraphItem } from '../graph/graph-svg.ts';
import { plottable } from '../graph/plot.ts';
import { CARD_CONTROLS } from './EquationCard.tsx';

/** The header over a graph's plot (board units): title, tools. */
export const GRAPH_HEAD_HEIGHT = 40;

/** The functions a graph shows, in its colours; cards gone or not graphable are skipped. */
export function graphItems(graph: Graph, equations: readonly Equation[]): GraphItem[] {
  const items: GraphItem[] = [];
  graph.equationIds.forEach((id, i) => {
    const eq = equations.find((e) => e.id === id);
    const plot = eq ? plottable(eq.mathjs) : null;
    if (plot) items.push({ plot, color: GRAPH_COLORS[i % GRAPH_COLORS.length] as string });
  });
  return items;
}

/**
 * A graph on the board. With the select tool, dragging the plot pans it and the wheel
 * zooms it (for everyone: the view is in the document); with a pen, ink goes over it;
 * the hand pans the board. The header moves it, like a card's.
 */
export const GraphCard = memo(function GraphCard({
  graph,
  equations,
  tool,
  readOnly,
  store,
  zoom,
}: {
  graph: Graph;
  equations: readonly Equation[];
  tool: Tool;
  readOnly: boolean;
  store: GraphStore;
  /** The board camera's zoom: screen pixels per board unit, to turn drags into moves. */
  zoom: number;
}) {
  const items = useMemo(() => graphItems(graph, equations), [graph, equations]);
  const plotHeight = graph.height - GRAPH_HEAD_HEIGHT;
  const { svg, marks } = useMemo(
    () => graphSvg(items, graph.view, graph.width, plotHeight),
    [items, graph.view, graph.width, plotHeight],
  );
  const [offset, setOffset] = useState<{ x: number; y: number } | null>(null);
  const plotRef = useRef<HTMLDivElement>(null);
  const interactive = tool === 'select' && !readOnly;

  useEffect(() => {
    const el = plotRef.current;
    if (!el || !interactive) return;
    // Non-passive and stopped here: the wheel zooms the graph, not the board under it.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const r = el.getBoundingClientRect();
      const at = { fx: (e.clientX - r.left) / r.width, fy: 1 - (e.clientY - r.top) / r.height };
      store.zoom(graph.id, GRAPH_ZOOM_STEP ** (-e.deltaY / 100), at);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [interactive, store, graph.id]);

  const others = equations.filter(
    (e) => !graph.equationIds.includes(e.id) && plottable(e.mathjs) !== null,
  );
  const labels = items.map((i) => i.plot.label);
  return (
    <figure
      className="card graph"
      style={{
        left: graph.x + (offset?.x ?? 0),
        top: graph.y + (offset?.y ?? 0),
        width: graph.width,
        height: graph.height,
      }}
      aria-label={`Graph of ${labels.join(' and ') || 'nothing'}`}
      data-graph-id={graph.id}
      data-marks={marks.map((m) => m.label).join('; ')}
      data-view={[graph.view.xMin, graph.view.xMax, graph.view.yMin, graph.view.yMax].join(',')}
      onPointerDown={(e) => {
        if (tool === 'hand') return;
        const target = e.target instanceof Element ? e.target : null;
        const handle = target?.closest(`${CARD_CONTROLS}, .card-head, .plot`) ?? null;
        if (tool !== 'select' && (handle === null || handle.classList.contains('plot'))) return;
        e.stopPropagation();
      }}
    >
      <header
        className="card-head"
        title={readOnly ? undefined : 'Drag to move'}
        onPointerDown={(e) => {
          if (readOnly || tool === 'hand' || (e.target as Element).closest(CARD_CONTROLS)) return;
          const start = { x: e.clientX, y: e.clientY };
          const el = e.currentTarget;
          el.setPointerCapture(e.pointerId);
          const at = (ev: PointerEvent) => ({
            x: (ev.clientX - start.x) / zoom,
            y: (ev.clientY - start.y) / zoom,
          });
          const move = (ev: PointerEvent) => setOffset(at(ev));
          const up = (ev: PointerEvent) => {
            el.removeEventListener('pointermove', move);
            el.removeEventListener('pointerup', up);
            const o = at(ev);
            if (o.x !== 0 || o.y !== 0) store.move(graph.id, graph.x + o.x, graph.y + o.y);
            setOffset(null);
          };
          el.addEventListener('pointermove', move);
          el.addEventListener('pointerup', up);
        }}
      >
        <span className="badge">Graph</span>
        {!readOnly && (
          <span className="card-tools">
            {others.length > 0 && graph.equationIds.length < GRAPH_MAX_FUNCTIONS && (
              <select
                aria-label="Add a function to this graph"
                value=""
                onChange={(e) => e.target.value && store.toggleEquation(graph.id, e.target.value)}
              >
                <option value="">+ Add</option>
                {others.map((e) => (
                  <option key={e.id} value={e.id}>
                    {plottable(e.mathjs)?.label ?? e.latex}
                  </option>
                ))}
              </select>
            )}
            <button
              type="button"
              aria-label="Zoom graph in"
              onClick={() => store.zoom(graph.id, GRAPH_ZOOM_STEP)}
            >
              +
            </button>
            <button
              type="button"
              aria-label="Zoom graph out"
              onClick={() => store.zoom(graph.id, 1 / GRAPH_ZOOM_STEP)}
            >
              −
            </button>
            <button type="button" aria-label="Delete graph" onClick={() => store.remove(graph.id)}>
              ×
            </button>
          </span>
        )}
      </header>
      <div
        ref={plotRef}
        className="plot"
        style={{ height: plotHeight, cursor: interactive ? 'move' : undefined }}
        // Our own SVG from numbers and escaped labels (graph-svg.ts), never user HTML.
        dangerouslySetInnerHTML={{ __html: svg }}
        onPointerDown={(e) => {
          if (!interactive || e.button !== 0) return;
          const el = e.currentTarget;
          el.setPointerCapture(e.pointerId);
          let last = { x: e.clientX, y: e.clientY };
          const move = (ev: PointerEvent) => {
            const r = el.getBoundingClientRect();
            store.pan(graph.id, -(ev.clientX - last.x) / r.width, (ev.clientY - last.y) / r.height);
            last = { x: ev.clientX, y: ev.clientY };
          };
          const up = () => {
            el.removeEventListener('pointermove', move);
            el.removeEventListener('pointerup', up);
          };
          el.addEventListener('pointermove', move);
          el.addEventListener('pointerup', up);
        }}
      />
      {marks.length > 0 && (
        <figcaption className="sr-only">
          Marked: {marks.map((m) => `${m.kind} ${m.label}`).join(', ')}
        </figcaption>
      )}
    </figure>
  );
});
