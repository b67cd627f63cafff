import * as Y from 'yjs';
import { boardRoots } from './board.ts';
import {
  byLayer,
  layerKeyAtBottom,
  layerKeyOnTop,
  layerKeys,
  newId,
  readCollection,
  readEntry,
} from './collection.ts';
import type { ReadResult } from './collection.ts';
import { BoardValidationError } from './errors.ts';
import { LIMITS, ROOT_STROKES } from './schema.ts';
import type { Stroke, StrokePoint } from './schema.ts';
import {
  checkAuthor,
  checkColor,
  checkCoordinate,
  checkId,
  checkNumber,
  checkPoints,
  checkTimestamp,
  flattenPoints,
  parseStroke,
} from './validate.ts';

export interface NewStroke {
  readonly id?: string;
  readonly points: readonly StrokePoint[];
  readonly color: string;
  readonly width: number;
  readonly author: string;
  readonly createdAt: number;
}

/** Add a stroke on top of everything else. Input is validated as strictly as reads are. */
export function addStroke(doc: Y.Doc, input: NewStroke): Stroke {
  const id = checkId(input.id ?? newId(), 'stroke.id');
  const flat = flattenPoints(input.points);
  const points = checkPoints(flat, `${ROOT_STROKES}.${id}.points`);
  const color = checkColor(input.color, `${ROOT_STROKES}.${id}.color`);
  const width = checkNumber(
    input.width,
    `${ROOT_STROKES}.${id}.width`,
    LIMITS.strokeWidthMin,
    LIMITS.strokeWidthMax,
  );
  const author = checkAuthor(input.author, `${ROOT_STROKES}.${id}.author`);
  const createdAt = checkTimestamp(input.createdAt, `${ROOT_STROKES}.${id}.createdAt`);
  const { strokes } = boardRoots(doc);
  const layer = layerKeyOnTop(layerKeys(strokes));
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    map.set('id', id);
    map.set('points', flat);
    map.set('color', color);
    map.set('width', width);
    map.set('author', author);
    map.set('layer', layer);
    map.set('createdAt', createdAt);
    strokes.set(id, map);
  });
  return { id, points, color, width, author, layer, createdAt };
}

/** Valid strokes in paint order, and the invalid entries skipped. */
export function listStrokes(doc: Y.Doc): ReadResult<Stroke> {
  const result = readCollection(boardRoots(doc).strokes, ROOT_STROKES, parseStroke);
  result.items.sort(byLayer);
  return result;
}

export function readStroke(doc: Y.Doc, id: string): Stroke {
  return readEntry(boardRoots(doc).strokes, ROOT_STROKES, id, parseStroke);
}

/** Delete strokes by id; unknown ids are ignored (another client may have deleted them). */
export function deleteStrokes(doc: Y.Doc, ids: readonly string[]): void {
  const { strokes } = boardRoots(doc);
  doc.transact(() => {
    for (const id of ids) strokes.delete(id);
  });
}

/** Move strokes by an offset (select-and-drag). Invalid or missing strokes are skipped. */
export function moveStrokes(doc: Y.Doc, ids: readonly string[], dx: number, dy: number): void {
  checkCoordinate(dx, 'move.dx');
  checkCoordinate(dy, 'move.dy');
  const { strokes } = boardRoots(doc);
  doc.transact(() => {
    for (const id of ids) {
      let stroke: Stroke;
      try {
        stroke = readStroke(doc, id);
      } catch (error) {
        // Deleted or corrupted by another client meanwhile: nothing of it to move.
        if (error instanceof BoardValidationError) continue;
        throw error;
      }
      const moved = stroke.points.map((p) => ({ ...p, x: p.x + dx, y: p.y + dy }));
      const flat = flattenPoints(moved);
      checkPoints(flat, `${ROOT_STROKES}.${id}.points`);
      (strokes.get(id) as Y.Map<unknown>).set('points', flat);
    }
  });
}

/** Raise strokes above (or lower them below) every other stroke, keeping their relative order. */
export function restackStrokes(doc: Y.Doc, ids: readonly string[], where: 'front' | 'back'): void {
  const { strokes } = boardRoots(doc);
  const all = listStrokes(doc).items;
  const chosen = new Set(ids);
  const moving = all.filter((s) => chosen.has(s.id));
  if (where === 'back') moving.reverse();
  doc.transact(() => {
    let layers = all.map((s) => s.layer);
    for (const stroke of moving) {
      const layer = where === 'front' ? layerKeyOnTop(layers) : layerKeyAtBottom(layers);
      (strokes.get(stroke.id) as Y.Map<unknown>).set('layer', layer);
      layers = [...layers, layer];
    }
  });
}
