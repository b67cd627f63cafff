import * as Y from 'yjs';
import { byLayer, readCollection } from './collection.ts';
import type { ReadResult } from './collection.ts';
import { BoardValidationError } from './errors.ts';
import {
  BOARD_SCHEMA_VERSION,
  LIMITS,
  ROOT_EQUATIONS,
  ROOT_META,
  ROOT_NOTES,
  ROOT_STROKES,
} from './schema.ts';
import type { BoardMeta, Equation, Note, Stroke } from './schema.ts';
import {
  checkAuthor,
  checkString,
  checkTimestamp,
  parseEquation,
  parseMeta,
  parseNote,
  parseStroke,
} from './validate.ts';

/** The four top-level maps of a board document. */
export interface BoardRoots {
  readonly meta: Y.Map<unknown>;
  readonly strokes: Y.Map<unknown>;
  readonly equations: Y.Map<unknown>;
  readonly notes: Y.Map<unknown>;
}

export function boardRoots(doc: Y.Doc): BoardRoots {
  return {
    meta: doc.getMap(ROOT_META),
    strokes: doc.getMap(ROOT_STROKES),
    equations: doc.getMap(ROOT_EQUATIONS),
    notes: doc.getMap(ROOT_NOTES),
  };
}

export interface NewBoard {
  readonly title: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

/**
 * Write the meta of a new board. Idempotent for the creator: a board that already has a
 * schema version is left alone, so two clients racing to initialise do not fight.
 */
export function initBoard(doc: Y.Doc, input: NewBoard): void {
  const title = checkString(input.title, 'meta.title', LIMITS.titleLength);
  const createdBy = checkAuthor(input.createdBy, 'meta.createdBy');
  const createdAt = checkTimestamp(input.createdAt, 'meta.createdAt');
  const { meta } = boardRoots(doc);
  if (meta.has('schemaVersion')) return;
  doc.transact(() => {
    meta.set('title', title);
    meta.set('schemaVersion', BOARD_SCHEMA_VERSION);
    meta.set('createdAt', createdAt);
    meta.set('createdBy', createdBy);
  });
}

export function readMeta(doc: Y.Doc): BoardMeta {
  return parseMeta(boardRoots(doc).meta);
}

export function renameBoard(doc: Y.Doc, title: string): void {
  boardRoots(doc).meta.set('title', checkString(title, 'meta.title', LIMITS.titleLength));
}

/** A validated, plain snapshot of a whole board. */
export interface BoardSnapshot {
  /** Null when the meta itself is invalid or missing (its error is in `invalid`). */
  readonly meta: BoardMeta | null;
  readonly strokes: readonly Stroke[];
  readonly equations: readonly Equation[];
  readonly notes: readonly Note[];
  /** Every entry that failed validation, with the path to it. */
  readonly invalid: readonly BoardValidationError[];
}

export function readBoard(doc: Y.Doc): BoardSnapshot {
  const roots = boardRoots(doc);
  const invalid: BoardValidationError[] = [];
  let meta: BoardMeta | null = null;
  try {
    meta = parseMeta(roots.meta);
  } catch (error) {
    if (!(error instanceof BoardValidationError)) throw error;
    invalid.push(error);
  }
  const collect = <T>(result: ReadResult<T>): T[] => {
    invalid.push(...result.invalid);
    return result.items;
  };
  const strokes = collect(readCollection(roots.strokes, ROOT_STROKES, parseStroke));
  const equations = collect(readCollection(roots.equations, ROOT_EQUATIONS, parseEquation));
  const notes = collect(readCollection(roots.notes, ROOT_NOTES, parseNote));
  strokes.sort(byLayer);
  notes.sort(byLayer);
  equations.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { meta, strokes, equations, notes, invalid };
}

/** A fresh document, for callers that have none yet. */
export function createBoardDoc(input: NewBoard): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, input);
  return doc;
}
