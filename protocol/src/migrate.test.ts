import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, initBoard, readBoard, readMeta } from './board.ts';
import { BoardValidationError, BoardVersionError } from './errors.ts';
import { migrateBoard, schemaVersionOf } from './migrate.ts';
import { BOARD_SCHEMA_VERSION } from './schema.ts';
import { addStroke } from './strokes.ts';
import { line, T0 } from './test-fixtures.ts';

const context = { now: T0, actor: 'server' };

describe('migrateBoard', () => {
  it('upgrades an unversioned document and keeps its content', () => {
    const doc = new Y.Doc();
    addStroke(doc, {
      id: 's',
      points: line(3),
      color: '#000000',
      width: 1,
      author: 'u',
      createdAt: T0,
    });
    expect(schemaVersionOf(doc)).toBe(0);
    expect(migrateBoard(doc, context)).toEqual({ from: 0, to: BOARD_SCHEMA_VERSION });
    expect(readMeta(doc)).toEqual({
      title: 'Untitled board',
      schemaVersion: 1,
      createdAt: T0,
      createdBy: 'server',
    });
    expect(readBoard(doc)).toMatchObject({ invalid: [], strokes: [{ id: 's' }] });
  });

  it('keeps a partial meta that is already there', () => {
    const doc = new Y.Doc();
    boardRoots(doc).meta.set('title', 'Kept');
    migrateBoard(doc, context);
    expect(readMeta(doc).title).toBe('Kept');
  });

  it('is a no-op on a current document', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 't', createdBy: 'u', createdAt: T0 });
    const before = Y.encodeStateVector(doc);
    expect(migrateBoard(doc, context)).toEqual({ from: 1, to: 1 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses documents from a newer schema', () => {
    const doc = new Y.Doc();
    boardRoots(doc).meta.set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    expect(() => migrateBoard(doc, context)).toThrow(BoardVersionError);
  });

  it('refuses a version that is not a whole number', () => {
    const doc = new Y.Doc();
    boardRoots(doc).meta.set('schemaVersion', '1');
    expect(() => migrateBoard(doc, context)).toThrow(BoardValidationError);
  });
});
