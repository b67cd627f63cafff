import type * as Y from 'yjs';
import {
  addGraph,
  deleteGraph,
  GRAPH_MAX_FUNCTIONS,
  GRAPH_SPAN_MAX,
  GRAPH_SPAN_MIN,
  graphRoot,
  moveGraph,
  readGraphs,
  setGraphEquations,
  setGraphView,
} from '@motionmath/protocol';
import type { Graph, GraphView, Point, Size } from '@motionmath/protocol';
import type { Box } from './camera.ts';

/**
 * The graphs of a board, for the editor: a cached validated read, and the edits. Adding,
 * moving, removing and adding a function are the user's (undoable); panning and zooming
 * a graph is a view change everyone sees but nobody undoes, like a pushed card.
 */

/** One zoom button press or wheel notch on a graph scales its view by this factor. */
export const GRAPH_ZOOM_STEP = 1.25;
/** A graph's size as the board places it (board units): its plot plus its header. */
const GRAPH_SIZE: Size = { width: 360, height: 300 };

interface Host {
  /** Called when a graph changed (the board re-renders). */
  changed(): void;
  /** An undoable edit by this user. */
  transact(fn: () => void): void;
  /** A shared, not undoable, change (the view of a graph). */
  layout(fn: () => void): void;
  readonly author: string;
  now(): number;
}

export class GraphStore {
  private cache: readonly Graph[] | null = null;
  readonly size = GRAPH_SIZE;
  private readonly onChange = () => {
    this.cache = null;
    this.host.changed();
  };

  private readonly doc: Y.Doc;
  private readonly host: Host;

  constructor(doc: Y.Doc, host: Host) {
    this.doc = doc;
    this.host = host;
    graphRoot(doc).observeDeep(this.onChange);
  }

  destroy(): void {
    graphRoot(this.doc).unobserveDeep(this.onChange);
  }

  get graphs(): readonly Graph[] {
    this.cache ??= readGraphs(this.doc).items;
    return this.cache;
  }

  add(equationIds: readonly string[], at: Point): string | null {
    let id: string | null = null;
    this.host.transact(() => {
      id = addGraph(this.doc, {
        equationIds,
        x: at.x,
        y: at.y,
        author: this.host.author,
        now: this.host.now(),
      }).id;
    });
    return id;
  }

  find(id: string): Graph | undefined {
    return this.graphs.find((g) => g.id === id);
  }

  /** Show one more equation on the graph (up to GRAPH_MAX_FUNCTIONS), or take one off. */
  toggleEquation(id: string, equationId: string): void {
    const graph = this.find(id);
    if (!graph) return;
    const has = graph.equationIds.includes(equationId);
    const next = has
      ? graph.equationIds.filter((e) => e !== equationId)
      : [...graph.equationIds, equationId];
    if (next.length === 0 || next.length > GRAPH_MAX_FUNCTIONS) return;
    this.host.transact(() => setGraphEquations(this.doc, id, next));
  }

  setView(id: string, view: GraphView): void {
    if (!this.find(id)) return;
    this.host.layout(() => setGraphView(this.doc, id, view));
  }

  /** Pan by a fraction of the view (dx, dy in view widths/heights; y up). */
  pan(id: string, dx: number, dy: number): void {
    const graph = this.find(id);
    if (!graph) return;
    const { xMin, xMax, yMin, yMax } = graph.view;
    const w = (xMax - xMin) * dx;
    const h = (yMax - yMin) * dy;
    this.setView(id, { xMin: xMin + w, xMax: xMax + w, yMin: yMin + h, yMax: yMax + h });
  }

  /** Zoom by `factor` (>1 zooms in) around a point given as fractions of the view. */
  zoom(id: string, factor: number, at = { fx: 0.5, fy: 0.5 }): void {
    const graph = this.find(id);
    if (!graph) return;
    const { xMin, xMax, yMin, yMax } = graph.view;
    const clampSpan = (s: number) => Math.min(GRAPH_SPAN_MAX, Math.max(GRAPH_SPAN_MIN, s));
    const w = clampSpan((xMax - xMin) / factor);
    const h = clampSpan((yMax - yMin) / factor);
    const cx = xMin + (xMax - xMin) * at.fx;
    const cy = yMin + (yMax - yMin) * at.fy;
    this.setView(id, {
      xMin: cx - w * at.fx,
      xMax: cx + w * (1 - at.fx),
      yMin: cy - h * at.fy,
      yMax: cy + h * (1 - at.fy),
    });
  }

  move(id: string, x: number, y: number): void {
    this.host.transact(() => moveGraph(this.doc, id, x, y));
  }

  remove(id: string): void {
    this.host.transact(() => deleteGraph(this.doc, id));
  }

  /** `box` grown to hold every graph (zoom to fit, exports). */
  around(box: Box): Box {
    let out = box;
    for (const g of this.graphs)
      out = {
        minX: Math.min(out.minX, g.x),
        minY: Math.min(out.minY, g.y),
        maxX: Math.max(out.maxX, g.x + g.width),
        maxY: Math.max(out.maxY, g.y + g.height),
      };
    return out;
  }
}
