import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardValidationError } from './errors.ts';
import { addNote, deleteNoteText, insertNoteText, listNotes, moveNote, readNote } from './notes.ts';
import {
  addStroke,
  deleteStrokes,
  listStrokes,
  moveStrokes,
  readStroke,
  restackStrokes,
} from './strokes.ts';
import { line, T0 } from './test-fixtures.ts';

const pen = { color: '#000000', width: 3, author: 'u1', createdAt: T0 };

describe('strokes', () => {
  it('paints in insertion order and restacks', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) addStroke(doc, { id, points: line(4), ...pen });
    expect(listStrokes(doc).items.map((s) => s.id)).toEqual(['a', 'b', 'c']);
    restackStrokes(doc, ['a'], 'front');
    expect(listStrokes(doc).items.map((s) => s.id)).toEqual(['b', 'c', 'a']);
    restackStrokes(doc, ['c', 'a'], 'back');
    expect(listStrokes(doc).items.map((s) => s.id)).toEqual(['c', 'a', 'b']);
  });

  it('keeps points with pressure and time, moves and deletes', () => {
    const doc = new Y.Doc();
    addStroke(doc, {
      id: 'a',
      points: [
        { x: 1, y: 2, pressure: 0.3, t: 0 },
        { x: 3, y: 4, pressure: 0.7, t: 16 },
      ],
      ...pen,
    });
    moveStrokes(doc, ['a', 'gone'], 10, -1);
    expect(readStroke(doc, 'a').points).toEqual([
      { x: 11, y: 1, pressure: 0.3, t: 0 },
      { x: 13, y: 3, pressure: 0.7, t: 16 },
    ]);
    deleteStrokes(doc, ['a', 'gone']);
    expect(listStrokes(doc).items).toEqual([]);
  });

  it('rejects bad input before it reaches the document', () => {
    const doc = new Y.Doc();
    expect(() => addStroke(doc, { points: [], ...pen })).toThrow(/non-empty/);
    expect(() => addStroke(doc, { points: line(2), ...pen, width: Infinity })).toThrow(
      BoardValidationError,
    );
    expect(() => addStroke(doc, { points: line(2), ...pen, color: 'blue' })).toThrow(/colour/);
    expect(() => addStroke(doc, { points: line(10_001), ...pen })).toThrow(
      /more than 40000 entries/,
    );
    expect(() => addStroke(doc, { id: 'has space', points: line(2), ...pen })).toThrow(
      /ids use only/,
    );
    expect(doc.getMap('strokes').size).toBe(0);
  });

  it('orders concurrent inserts identically on every replica', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addStroke(a, { id: 'from-a', points: line(2), ...pen });
    addStroke(b, { id: 'from-b', points: line(2), ...pen });
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(listStrokes(a).items.map((s) => s.id)).toEqual(listStrokes(b).items.map((s) => s.id));
  });
});

describe('notes', () => {
  it('edits text collaboratively and moves', () => {
    const doc = new Y.Doc();
    addNote(doc, { id: 'n', text: 'hello', x: 0, y: 0, color: '#ffff00', author: 'u1', now: T0 });
    insertNoteText(doc, 'n', 5, ' world', T0 + 1);
    deleteNoteText(doc, 'n', 0, 1, T0 + 2);
    moveNote(doc, 'n', 5, 6, T0 + 3);
    expect(readNote(doc, 'n')).toMatchObject({ text: 'ello world', x: 5, y: 6, updatedAt: T0 + 3 });
    expect(listNotes(doc).items).toHaveLength(1);
  });

  it('refuses text beyond the note limit', () => {
    const doc = new Y.Doc();
    addNote(doc, { id: 'n', text: '', x: 0, y: 0, color: '#ffff00', author: 'u1', now: T0 });
    expect(() => insertNoteText(doc, 'n', 0, 'x'.repeat(20_001), T0)).toThrow(/longer than 20000/);
    expect(readNote(doc, 'n').text).toBe('');
  });
});
