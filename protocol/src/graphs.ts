import * as Y from 'yjs';
import { newId, readCollection } from './collection.ts';
import type { ReadResult } from './collection.ts';
import { BoardValidationError } from './errors.ts';
import { checkAuthor, checkCoordinate, checkId, checkNumber, checkTimestamp } from './validate.ts';

/**
 * Graphs on a board: a plot of one or more equation cards (functions `y = …`, `f(x) = …`,
 * or inequalities in x and y), placed on the board like a card. It lives in the board
 * document, so every participant sees it and its view (pan, zoom) live.
 *
 *   graphs  id → Y.Map { id, equationIds (string[]), x, y, width, height,
 *                        xMin, xMax, yMin, yMax, author, createdAt }
 *
 * A separate top-level map, not a field of an equation: a graph can show several cards,
 * and older clients that do not know graphs ignore the map instead of failing on a card.
 */

export const ROOT_GRAPHS = 'graphs';

/** Functions one graph shows: two compared is the common case; more is unreadable. */
export const GRAPH_MAX_FUNCTIONS = 4;
/** A graph's size on the board (board units): room for axes, labels and a legend. */
export const GRAPH_WIDTH = 360;
export const GRAPH_HEIGHT = 300;
/** The smallest and largest span one axis may show: keeps the sampling meaningful. */
export const GRAPH_SPAN_MIN = 1e-3;
export const GRAPH_SPAN_MAX = 1e6;
/** The view a new graph opens with: the window of a school graphing calculator. */
export const DEFAULT_GRAPH_VIEW: GraphView = { xMin: -10, xMax: 10, yMin: -8, yMax: 8 };

export interface GraphView {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface Graph {
  readonly id: string;
  readonly equationIds: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly view: GraphView;
  readonly author: string;
  readonly createdAt: number;
}

function fail(path: string, reason: string): never {
  throw new BoardValidationError(path, reason);
}

export function graphRoot(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(ROOT_GRAPHS);
}

function checkEquationIds(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) fail(path, 'expected an array of equation ids');
  if (value.length < 1 || value.length > GRAPH_MAX_FUNCTIONS)
    fail(path, `a graph shows 1 to ${GRAPH_MAX_FUNCTIONS} equations, got ${value.length}`);
  const ids = value.map((v, i) => checkId(v, `${path}.${i}`));
  if (new Set(ids).size !== ids.length) fail(path, 'an equation appears twice');
  return ids;
}

export function checkGraphView(view: GraphView, path: string): GraphView {
  const c = (v: number, p: string) => checkCoordinate(v, `${path}.${p}`);
  const checked = { xMin: c(view.xMin, 'xMin'), xMax: c(view.xMax, 'xMax') };
  const y = { yMin: c(view.yMin, 'yMin'), yMax: c(view.yMax, 'yMax') };
  for (const [lo, hi, axis] of [
    [checked.xMin, checked.xMax, 'x'],
    [y.yMin, y.yMax, 'y'],
  ] as const) {
    const span = hi - lo;
    if (!(span >= GRAPH_SPAN_MIN && span <= GRAPH_SPAN_MAX))
      fail(`${path}.${axis}`, `the ${axis} range must span ${GRAPH_SPAN_MIN} to ${GRAPH_SPAN_MAX}`);
  }
  return { ...checked, ...y };
}

export function parseGraph(key: string, value: unknown, path: string): Graph {
  if (!(value instanceof Y.Map)) fail(path, 'expected a Y.Map');
  const map = value as Y.Map<unknown>;
  const id = checkId(map.get('id'), `${path}.id`);
  if (id !== key) fail(`${path}.id`, `does not match its key ${key}`);
  const n = (k: string) => map.get(k) as number;
  return {
    id,
    equationIds: checkEquationIds(map.get('equationIds'), `${path}.equationIds`),
    x: checkCoordinate(map.get('x'), `${path}.x`),
    y: checkCoordinate(map.get('y'), `${path}.y`),
    width: checkNumber(map.get('width'), `${path}.width`, 50, 4000),
    height: checkNumber(map.get('height'), `${path}.height`, 50, 4000),
    view: checkGraphView(
      { xMin: n('xMin'), xMax: n('xMax'), yMin: n('yMin'), yMax: n('yMax') },
      `${path}.view`,
    ),
    author: checkAuthor(map.get('author'), `${path}.author`),
    createdAt: checkTimestamp(map.get('createdAt'), `${path}.createdAt`),
  };
}

/** Every valid graph, oldest first, and the entries that failed validation. */
export function readGraphs(doc: Y.Doc): ReadResult<Graph> {
  const result = readCollection(graphRoot(doc), ROOT_GRAPHS, parseGraph);
  result.items.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return result;
}

export interface NewGraph {
  readonly id?: string;
  readonly equationIds: readonly string[];
  readonly x: number;
  readonly y: number;
  readonly view?: GraphView;
  readonly author: string;
  readonly now: number;
}

export function addGraph(doc: Y.Doc, input: NewGraph): Graph {
  const id = checkId(input.id ?? newId(), 'graph.id');
  const path = `${ROOT_GRAPHS}.${id}`;
  const view = checkGraphView(input.view ?? DEFAULT_GRAPH_VIEW, `${path}.view`);
  const values: Record<string, unknown> = {
    id,
    equationIds: checkEquationIds([...input.equationIds], `${path}.equationIds`),
    x: checkCoordinate(input.x, `${path}.x`),
    y: checkCoordinate(input.y, `${path}.y`),
    width: GRAPH_WIDTH,
    height: GRAPH_HEIGHT,
    ...view,
    author: checkAuthor(input.author, `${path}.author`),
    createdAt: checkTimestamp(input.now, `${path}.createdAt`),
  };
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    for (const [k, v] of Object.entries(values)) map.set(k, v);
    graphRoot(doc).set(id, map);
  });
  return parseGraph(id, map, path);
}

function graphMap(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = graphRoot(doc).get(id);
  if (!(map instanceof Y.Map)) fail(`${ROOT_GRAPHS}.${id}`, 'does not exist');
  return map as Y.Map<unknown>;
}

/** Pan or zoom a graph, for everyone looking at it. */
export function setGraphView(doc: Y.Doc, id: string, view: GraphView): void {
  const checked = checkGraphView(view, `${ROOT_GRAPHS}.${id}.view`);
  const map = graphMap(doc, id);
  doc.transact(() => {
    for (const [k, v] of Object.entries(checked)) map.set(k, v);
  });
}

/** The equations a graph shows (add a second function, or take one off). */
export function setGraphEquations(doc: Y.Doc, id: string, equationIds: readonly string[]): void {
  const ids = checkEquationIds([...equationIds], `${ROOT_GRAPHS}.${id}.equationIds`);
  graphMap(doc, id).set('equationIds', ids);
}

export function moveGraph(doc: Y.Doc, id: string, x: number, y: number): void {
  const map = graphMap(doc, id);
  const path = `${ROOT_GRAPHS}.${id}`;
  const cx = checkCoordinate(x, `${path}.x`);
  const cy = checkCoordinate(y, `${path}.y`);
  doc.transact(() => {
    map.set('x', cx);
    map.set('y', cy);
  });
}

export function deleteGraph(doc: Y.Doc, id: string): void {
  graphRoot(doc).delete(id);
}
