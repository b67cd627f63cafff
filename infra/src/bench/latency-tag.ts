/**
 * Each load-test update inserts one tag into the board: who sent it, in which load step,
 * and when (epoch milliseconds with sub-millisecond precision, comparable across
 * threads and processes on one machine). A receiver reads the tags out of the update
 * bytes, so no sender-side bookkeeping has to be shared with it.
 */
import * as Y from 'yjs';

export interface LatencyTag {
  /** Sender's client index. */
  c: number;
  /** Load step the update belongs to. */
  s: number;
  /** Send time, `performance.timeOrigin + performance.now()`. */
  t: number;
}

/** A root type of its own, so the load never touches the board schema's types. */
export const TAG_ARRAY = 'loadTest';

export function nowEpochMs(): number {
  return performance.timeOrigin + performance.now();
}

export function pushTag(doc: Y.Doc, tag: LatencyTag): void {
  doc.getArray<LatencyTag>(TAG_ARRAY).push([tag]);
}

function isTag(value: unknown): value is LatencyTag {
  if (typeof value !== 'object' || value === null) return false;
  const { c, s, t } = value as Record<string, unknown>;
  return typeof c === 'number' && typeof s === 'number' && typeof t === 'number';
}

/** Every tag an update carries (a server may merge several updates into one). */
export function readTags(update: Uint8Array): LatencyTag[] {
  const tags: LatencyTag[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr) if (isTag(value)) tags.push(value);
  }
  return tags;
}
