import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardValidationError } from './errors.ts';
import {
  addGraph,
  deleteGraph,
  graphRoot,
  moveGraph,
  readGraphs,
  setGraphEquations,
  setGraphView,
} from './graphs.ts';

const base = { equationIds: ['eq-1'], x: 10, y: 20, author: 'alice', now: 1 };

describe('graphs in the board document', () => {
  it('adds, pans, adds a function, moves and deletes a graph, seen by a second document', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    const graph = addGraph(a, base);
    expect(readGraphs(b).items).toEqual([graph]);
    setGraphView(a, graph.id, { xMin: 0, xMax: 5, yMin: -1, yMax: 1 });
    setGraphEquations(a, graph.id, ['eq-1', 'eq-2']);
    moveGraph(a, graph.id, 100, 200);
    const [seen] = readGraphs(b).items;
    expect(seen?.view).toEqual({ xMin: 0, xMax: 5, yMin: -1, yMax: 1 });
    expect(seen?.equationIds).toEqual(['eq-1', 'eq-2']);
    expect([seen?.x, seen?.y]).toEqual([100, 200]);
    deleteGraph(a, graph.id);
    expect(readGraphs(b).items).toEqual([]);
  });

  it('refuses bad input with a readable error, and skips a malformed entry', () => {
    const doc = new Y.Doc();
    expect(() => addGraph(doc, { ...base, equationIds: [] })).toThrow(/1 to 4 equations/);
    expect(() => addGraph(doc, { ...base, equationIds: ['a', 'a'] })).toThrow(/appears twice/);
    const g = addGraph(doc, base);
    expect(() => setGraphView(doc, g.id, { xMin: 1, xMax: 1, yMin: 0, yMax: 1 })).toThrow(
      BoardValidationError,
    );
    graphRoot(doc).set('junk', 'not a map');
    const read = readGraphs(doc);
    expect(read.items.map((i) => i.id)).toEqual([g.id]);
    expect(read.invalid).toHaveLength(1);
  });
});
