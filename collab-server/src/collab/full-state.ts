import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_TYPES } from './frame.ts';

/** y-protocols sync sub-types. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;

interface Encoded {
  update: Uint8Array;
  stateVector: Uint8Array;
  /** The reply frames to an empty state vector (a first sync): the same bytes for every
   * such request until the next change. One address only (the last asked for), so
   * spelling a board's name in many ways cannot multiply the memory held. */
  fullReply: { address: string; frames: Uint8Array[] } | null;
}

/**
 * The whole document, encoded once per version. A sync step 1 asks for everything the
 * client lacks; answering each one with a fresh `encodeStateAsUpdate` let any reader
 * (a viewer too) make the server encode an 8 MiB board fifty times in a row. Here every
 * request between two changes shares one encoding; a non-empty state vector gets a
 * `diffUpdate` of it, which reads the encoding instead of walking the document.
 */
export class FullStateCache {
  readonly #encoded = new WeakMap<Y.Doc, Encoded>();
  readonly #watched = new WeakSet<Y.Doc>();

  #get(doc: Y.Doc): Encoded {
    let encoded = this.#encoded.get(doc);
    if (!encoded) {
      encoded = {
        update: Y.encodeStateAsUpdate(doc),
        stateVector: Y.encodeStateVector(doc),
        fullReply: null,
      };
      this.#encoded.set(doc, encoded);
      if (!this.#watched.has(doc)) {
        this.#watched.add(doc);
        // Any change makes a new version.
        doc.on('update', () => this.#encoded.delete(doc));
      }
    }
    return encoded;
  }

  /** Bytes a full-state reply for `doc` costs (the cached encoding's size). */
  sizeOf(doc: Y.Doc): number {
    return this.#get(doc).update.byteLength;
  }

  /** The reply to a sync step 1 (`stateVector` from the client): our step 2 with what it
   * lacks, then our own step 1, as Hocuspocus answers a connection. Both are plain Sync
   * messages: the provider has no handler for SyncReply (a server-to-server type), so a
   * step 1 sent as one was dropped, the client never sent its step 2, and its
   * `unsyncedChanges` (and any offline edits) stayed pending forever. */
  reply(doc: Y.Doc, address: string, stateVector: Uint8Array): Uint8Array[] {
    const encoded = this.#get(doc);
    if (Y.decodeStateVector(stateVector).size > 0)
      return this.#frames(address, Y.diffUpdate(encoded.update, stateVector), encoded.stateVector);
    // Built once: framing a multi-MiB board copies it twice, and a reader repeating first
    // syncs made the server do that (and collect the garbage) on every request (~0.7 s
    // of blocked event loop for 4 replies of a 4 MiB board on a loaded 2-core machine).
    if (encoded.fullReply?.address !== address) {
      const frames = this.#frames(address, encoded.update, encoded.stateVector);
      encoded.fullReply = { address, frames };
    }
    return encoded.fullReply.frames;
  }

  #frames(address: string, missing: Uint8Array, ours: Uint8Array): Uint8Array[] {
    const step2 = encoding.createEncoder();
    encoding.writeVarString(step2, address);
    encoding.writeVarUint(step2, MESSAGE_TYPES.sync);
    encoding.writeVarUint(step2, SYNC_STEP_2);
    encoding.writeVarUint8Array(step2, missing);
    const step1 = encoding.createEncoder();
    encoding.writeVarString(step1, address);
    encoding.writeVarUint(step1, MESSAGE_TYPES.sync);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, ours);
    return [encoding.toUint8Array(step2), encoding.toUint8Array(step1)];
  }
}
