import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pushTag, readTags } from './latency-tag.ts';

function capture(doc: Y.Doc, change: () => void): Uint8Array {
  let update: Uint8Array | undefined;
  const keep = (u: Uint8Array) => (update = u);
  doc.on('update', keep);
  change();
  doc.off('update', keep);
  if (!update) throw new Error('no update');
  return update;
}

describe('latency tags', () => {
  it('round-trip through the update bytes', () => {
    const doc = new Y.Doc();
    const update = capture(doc, () => pushTag(doc, { c: 17, s: 2, t: 1234.5 }));
    expect(readTags(update)).toEqual([{ c: 17, s: 2, t: 1234.5 }]);
  });

  it('are all found in a merged update, and other content is ignored', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const first = capture(a, () => pushTag(a, { c: 1, s: 0, t: 1 }));
    const second = capture(b, () => pushTag(b, { c: 2, s: 0, t: 2 }));
    const other = capture(b, () => b.getMap('meta').set('title', 'x'));
    const merged = Y.mergeUpdates([first, second, other]);
    expect(
      readTags(merged)
        .map((tag) => tag.c)
        .sort(),
    ).toEqual([1, 2]);
  });
});
