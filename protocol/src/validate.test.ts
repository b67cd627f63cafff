import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, initBoard, readBoard, readMeta } from './board.ts';
import { addEquation, readEquation } from './equations.ts';
import { BoardValidationError } from './errors.ts';
import { addNote } from './notes.ts';
import { addStroke, listStrokes } from './strokes.ts';
import { line, T0 } from './test-fixtures.ts';

function validBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Algebra', createdBy: 'u1', createdAt: T0 });
  addStroke(doc, {
    id: 's1',
    points: line(3),
    color: '#112233',
    width: 2,
    author: 'u1',
    createdAt: T0,
  });
  addEquation(doc, {
    id: 'e1',
    source: 'typed',
    latex: 'x+1=2',
    mathjs: 'x+1=2',
    confidence: 1,
    author: 'u1',
    x: 0,
    y: 0,
    now: T0,
  });
  addNote(doc, { id: 'n1', text: 'hi', x: 1, y: 2, color: '#ffee00', author: 'u1', now: T0 });
  return doc;
}

const attemptOf = (r: ReturnType<typeof boardRoots>) =>
  (r.equations.get('e1') as Y.Map<unknown>).get('attempt') as Y.Map<unknown>;

/** Write a raw value the way a hostile client could, bypassing the typed API. */
function corrupt(doc: Y.Doc, write: (roots: ReturnType<typeof boardRoots>) => void): void {
  doc.transact(() => write(boardRoots(doc)));
}

describe('validation of documents written by anyone', () => {
  it('reads a valid board without complaint', () => {
    const board = readBoard(validBoard());
    expect(board.invalid).toEqual([]);
    expect(board.meta?.title).toBe('Algebra');
    expect(board.strokes.map((s) => s.id)).toEqual(['s1']);
    expect(board.equations.map((e) => e.id)).toEqual(['e1']);
    expect(board.notes.map((n) => n.text)).toEqual(['hi']);
  });

  // [what, the hostile write, expected error]; each write breaks exactly one entry.
  const cases: [string, (roots: ReturnType<typeof boardRoots>) => void, RegExp][] = [
    [
      'meta title of the wrong type',
      (r) => r.meta.set('title', 42),
      /^meta\.title: expected a string/,
    ],
    [
      'a stroke stored as a plain object',
      (r) => r.strokes.set('s1', { id: 's1' }),
      /^strokes\.s1: expected a Y\.Map/,
    ],
    [
      'NaN in stroke points',
      (r) => (r.strokes.get('s1') as Y.Map<unknown>).set('points', [0, 0, 0.5, 0, NaN, 1, 0.5, 8]),
      /^strokes\.s1\.points\[1\]\.x: expected a finite number/,
    ],
    [
      'a point count that is not a multiple of four',
      (r) => (r.strokes.get('s1') as Y.Map<unknown>).set('points', [0, 0, 0.5]),
      /^strokes\.s1\.points: expected a non-empty flat list/,
    ],
    [
      'time going backwards within a stroke',
      (r) => (r.strokes.get('s1') as Y.Map<unknown>).set('points', [0, 0, 0.5, 10, 1, 1, 0.5, 5]),
      /points\[1\]\.t: point times must not go backwards/,
    ],
    [
      'a colour that is CSS, not hex',
      (r) => (r.strokes.get('s1') as Y.Map<unknown>).set('color', 'red;background:url(x)'),
      /^strokes\.s1\.color: expected a colour/,
    ],
    [
      'an id that does not match its key',
      (r) => (r.strokes.get('s1') as Y.Map<unknown>).set('id', 'other'),
      /^strokes\.s1\.id: does not match its key s1/,
    ],
    [
      'an unknown equation status',
      (r) => attemptOf(r).set('status', 'hacked'),
      /^equations\.e1\.attempt\.status: expected one of pending\|solving\|solved\|unsupported\|error/,
    ],
    [
      'steps stored as a plain array',
      (r) => attemptOf(r).set('steps', []),
      /^equations\.e1\.attempt\.steps: expected a Y\.Array/,
    ],
    [
      'a step without an explanation',
      (r) => (attemptOf(r).get('steps') as Y.Array<unknown>).push([{ latex: 'x=1', rule: 'r' }]),
      /^equations\.e1\.attempt\.steps\[0\]\.explanation: expected a string/,
    ],
    [
      'an attempt replaced by a plain object',
      (r) => (r.equations.get('e1') as Y.Map<unknown>).set('attempt', { status: 'solved' }),
      /^equations\.e1\.attempt: expected a Y\.Map/,
    ],
    [
      'confidence above one',
      (r) => (r.equations.get('e1') as Y.Map<unknown>).set('confidence', 7),
      /^equations\.e1\.confidence: must be between 0 and 1/,
    ],
    [
      'oversized LaTeX',
      (r) => (r.equations.get('e1') as Y.Map<unknown>).set('latex', 'x'.repeat(5000)),
      /^equations\.e1\.latex: longer than 4000 characters/,
    ],
    [
      'note text that is a string instead of Y.Text',
      (r) => (r.notes.get('n1') as Y.Map<unknown>).set('text', 'plain'),
      /^notes\.n1\.text: expected a Y\.Text/,
    ],
    [
      'a malformed layer key',
      (r) => (r.notes.get('n1') as Y.Map<unknown>).set('layer', '!!'),
      /^notes\.n1\.layer: not a valid fractional index/,
    ],
  ];

  it.each(cases)('reports %s with its path and keeps the rest', (_name, write, message) => {
    const doc = validBoard();
    corrupt(doc, write);
    const board = readBoard(doc);
    expect(board.invalid).toHaveLength(1);
    const [error] = board.invalid;
    expect(error).toBeInstanceOf(BoardValidationError);
    expect(error!.message).toMatch(message);
    // Everything else on the board (meta, stroke, equation, note: four entries) is still there.
    const valid =
      (board.meta ? 1 : 0) + board.strokes.length + board.equations.length + board.notes.length;
    expect(valid).toBe(3);
  });

  it('throws a BoardValidationError from single-entry readers', () => {
    const doc = validBoard();
    corrupt(doc, (r) => (r.equations.get('e1') as Y.Map<unknown>).set('x', 'left'));
    expect(() => readEquation(doc, 'e1')).toThrow(BoardValidationError);
    expect(() => readEquation(doc, 'missing')).toThrow(/equations\.missing: does not exist/);
  });

  it('throws for a board without meta', () => {
    expect(() => readMeta(new Y.Doc())).toThrow(/meta\.title: expected a string, got undefined/);
  });

  it('survives arbitrary junk at the top level', () => {
    const doc = validBoard();
    corrupt(doc, (r) => {
      r.strokes.set('junk1', null);
      r.strokes.set('junk2', new Y.Text('x'));
      r.equations.set('junk3', 12);
      r.notes.set('junk4', new Y.Array());
    });
    const board = readBoard(doc);
    expect(board.invalid.map((e) => e.path).sort()).toEqual([
      'equations.junk3',
      'notes.junk4',
      'strokes.junk1',
      'strokes.junk2',
    ]);
    expect(listStrokes(doc).items.map((s) => s.id)).toEqual(['s1']);
  });
});
