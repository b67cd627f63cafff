import * as Y from 'yjs';
import { boardRoots } from './board.ts';
import {
  byLayer,
  layerKeyOnTop,
  layerKeys,
  newId,
  readCollection,
  readEntry,
} from './collection.ts';
import type { ReadResult } from './collection.ts';
import { BoardValidationError } from './errors.ts';
import { LIMITS, ROOT_NOTES } from './schema.ts';
import type { Note } from './schema.ts';
import {
  checkAuthor,
  checkColor,
  checkCoordinate,
  checkId,
  checkString,
  checkTimestamp,
  parseNote,
} from './validate.ts';

export interface NewNote {
  readonly id?: string;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly color: string;
  readonly author: string;
  readonly now: number;
}

export function addNote(doc: Y.Doc, input: NewNote): Note {
  const id = checkId(input.id ?? newId(), 'note.id');
  const path = `${ROOT_NOTES}.${id}`;
  const text = checkString(input.text, `${path}.text`, LIMITS.noteLength);
  const values = {
    x: checkCoordinate(input.x, `${path}.x`),
    y: checkCoordinate(input.y, `${path}.y`),
    color: checkColor(input.color, `${path}.color`),
    author: checkAuthor(input.author, `${path}.author`),
    createdAt: checkTimestamp(input.now, `${path}.createdAt`),
    updatedAt: checkTimestamp(input.now, `${path}.updatedAt`),
    layer: layerKeyOnTop(layerKeys(boardRoots(doc).notes)),
  };
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', id);
    map.set('text', new Y.Text(text));
    for (const [key, value] of Object.entries(values)) map.set(key, value);
    boardRoots(doc).notes.set(id, map);
  });
  return readNote(doc, id);
}

export function readNote(doc: Y.Doc, id: string): Note {
  return readEntry(boardRoots(doc).notes, ROOT_NOTES, id, parseNote);
}

export function listNotes(doc: Y.Doc): ReadResult<Note> {
  const result = readCollection(boardRoots(doc).notes, ROOT_NOTES, parseNote);
  result.items.sort(byLayer);
  return result;
}

/**
 * The note's shared text, for binding to an editor so concurrent typing merges
 * character by character. Validated first: callers never get a foreign type.
 */
export function noteText(doc: Y.Doc, id: string): Y.Text {
  readNote(doc, id);
  return (boardRoots(doc).notes.get(id) as Y.Map<unknown>).get('text') as Y.Text;
}

/** Insert text at a position, refusing edits that would exceed the note limit. */
export function insertNoteText(
  doc: Y.Doc,
  id: string,
  index: number,
  text: string,
  now: number,
): void {
  const ytext = noteText(doc, id);
  const path = `${ROOT_NOTES}.${id}.text`;
  if (ytext.length + text.length > LIMITS.noteLength) {
    throw new BoardValidationError(path, `longer than ${LIMITS.noteLength} characters`);
  }
  doc.transact(() => {
    ytext.insert(Math.max(0, Math.min(index, ytext.length)), text);
    touch(doc, id, now);
  });
}

export function deleteNoteText(
  doc: Y.Doc,
  id: string,
  index: number,
  length: number,
  now: number,
): void {
  const ytext = noteText(doc, id);
  const start = Math.max(0, Math.min(index, ytext.length));
  doc.transact(() => {
    ytext.delete(start, Math.max(0, Math.min(length, ytext.length - start)));
    touch(doc, id, now);
  });
}

function touch(doc: Y.Doc, id: string, now: number): void {
  (boardRoots(doc).notes.get(id) as Y.Map<unknown>).set(
    'updatedAt',
    checkTimestamp(now, `${ROOT_NOTES}.${id}.updatedAt`),
  );
}

export function moveNote(doc: Y.Doc, id: string, x: number, y: number, now: number): void {
  readNote(doc, id);
  const map = boardRoots(doc).notes.get(id) as Y.Map<unknown>;
  doc.transact(() => {
    map.set('x', checkCoordinate(x, `${ROOT_NOTES}.${id}.x`));
    map.set('y', checkCoordinate(y, `${ROOT_NOTES}.${id}.y`));
    touch(doc, id, now);
  });
}

export function deleteNote(doc: Y.Doc, id: string): void {
  boardRoots(doc).notes.delete(id);
}
