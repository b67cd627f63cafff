import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { BoardValidationError } from './errors.ts';
import { checkLayerKey } from './validate.ts';

/** What a validated read of a keyed collection gives: the good entries and the bad ones. */
export interface ReadResult<T> {
  readonly items: T[];
  /** Entries that failed validation; they are skipped, never half-read. */
  readonly invalid: BoardValidationError[];
}

type Parser<T> = (key: string, value: unknown, path: string) => T;

/** Read every entry of a collection, keeping the valid ones and reporting the rest. */
export function readCollection<T>(
  map: Y.Map<unknown>,
  path: string,
  parse: Parser<T>,
): ReadResult<T> {
  const items: T[] = [];
  const invalid: BoardValidationError[] = [];
  for (const [key, value] of map.entries()) {
    try {
      items.push(parse(key, value, `${path}.${key}`));
    } catch (error) {
      if (!(error instanceof BoardValidationError)) throw error;
      invalid.push(error);
    }
  }
  return { items, invalid };
}

/** Read one entry; throws `BoardValidationError` when it is missing or malformed. */
export function readEntry<T>(map: Y.Map<unknown>, path: string, key: string, parse: Parser<T>): T {
  if (!map.has(key)) throw new BoardValidationError(`${path}.${key}`, 'does not exist');
  return parse(key, map.get(key), `${path}.${key}`);
}

/** Paint order: ascending fractional index, ties (concurrent inserts) broken by id. */
export function byLayer(
  a: { layer: string; id: string },
  b: { layer: string; id: string },
): number {
  if (a.layer !== b.layer) return a.layer < b.layer ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The valid layer keys of a collection's entries, read without validating whole entries:
 * adding one stroke must not re-validate every point of every other stroke on the board.
 */
export function layerKeys(map: Y.Map<unknown>): string[] {
  const keys: string[] = [];
  for (const entry of map.values()) {
    if (!(entry instanceof Y.Map)) continue;
    try {
      keys.push(checkLayerKey(entry.get('layer'), 'layer'));
    } catch (error) {
      if (!(error instanceof BoardValidationError)) throw error;
    }
  }
  return keys;
}

/** A layer key above every valid entry, so a new item paints on top. */
export function layerKeyOnTop(layers: readonly string[]): string {
  let top: string | null = null;
  for (const layer of layers) if (top === null || layer > top) top = layer;
  return generateKeyBetween(top, null);
}

/** A layer key below every valid entry. */
export function layerKeyAtBottom(layers: readonly string[]): string {
  let bottom: string | null = null;
  for (const layer of layers) if (bottom === null || layer < bottom) bottom = layer;
  return generateKeyBetween(null, bottom);
}

/** Random ids; `crypto.randomUUID` exists in every browser and Node we support. */
export function newId(): string {
  return crypto.randomUUID();
}
