import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** Hocuspocus message types (first varUint after the document name). */
export const MESSAGE_TYPES = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
  syncStatus: 8,
} as const;

const MESSAGE_TYPE_NAMES = new Map<number, string>(
  Object.entries(MESSAGE_TYPES).map(([name, id]) => [id, name]),
);

/** y-protocols sync sub-types. */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** Invalid protocol data from a client; its connection is closed with this reason. */
export class ProtocolError extends Error {}

export interface ParsedFrame {
  documentName: string;
  /** e.g. `sync`, `awareness`; for metrics and logs. */
  typeName: string;
  /** The Yjs update a sync step 2 or update message carries. */
  update?: Uint8Array;
  /** True when `update` contains neither structs nor deletions (nothing to store). */
  updateIsEmpty?: boolean;
  /** Structs (Yjs items) the update carries: what it costs in memory once applied. */
  structCount?: number;
  /** Sync step 1: the client's state vector (what it has already). */
  stateVector?: Uint8Array;
  /** Awareness: the client ids the update sets a state for (removals not included). */
  awarenessClients?: number[];
}

/** Largest awareness update accepted: a name, a colour and a cursor are ~200 bytes;
 * 16 KiB leaves room for a selection, not for 900 KB relayed to everyone. */
export const MAX_AWARENESS_BYTES = 16 * 1024;

interface IdLike {
  client: number;
  clock: number;
}
const within = (id: IdLike | null | undefined, start: IdLike, length: number) =>
  id != null &&
  id.client === start.client &&
  id.clock >= start.clock &&
  id.clock < start.clock + length;

/**
 * Structural checks Yjs does not make: an item whose origin, right origin or parent lies
 * inside its own id range can never integrate. Such an update applied to a live
 * document is acknowledged, then breaks every later fold of the log (compaction, load).
 */
function checkStructs(structs: ReturnType<typeof Y.decodeUpdate>['structs']): void {
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const { id, length } = struct;
    const parent = struct.parent as unknown;
    if (
      within(struct.origin, id, length) ||
      within(struct.rightOrigin, id, length) ||
      (parent instanceof Y.ID && within(parent, id, length))
    ) {
      throw new ProtocolError('update refused: an item refers to itself');
    }
  }
}

/** The socket gate and the storage extension both need the parse of the same frame
 * object; remembering it avoids decoding every update twice. */
const parsedFrames = new WeakMap<Uint8Array, ParsedFrame>();

/**
 * Validates one client→server frame completely before Hocuspocus sees it, so invalid
 * data is rejected with a precise reason instead of surfacing as an exception deep in
 * the document code (or, worse, being persisted). Yjs updates are decoded completely:
 * what cannot be decoded is never stored.
 */
export function parseClientFrame(data: Uint8Array): ParsedFrame {
  const cached = parsedFrames.get(data);
  if (cached) return cached;
  try {
    const parsed = parse(data);
    parsedFrames.set(data, parsed);
    return parsed;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(
      `malformed frame: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function parse(data: Uint8Array): ParsedFrame {
  const decoder = decoding.createDecoder(data);
  const documentName = decoding.readVarString(decoder);
  if (documentName.length === 0) throw new ProtocolError('empty document name');
  const type = decoding.readVarUint(decoder);
  const typeName = MESSAGE_TYPE_NAMES.get(type);
  switch (type) {
    case MESSAGE_TYPES.sync:
    case MESSAGE_TYPES.syncReply: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SYNC_STEP_1) {
        Y.decodeStateVector(payload);
        return { documentName, typeName: 'sync-step-1', stateVector: payload };
      }
      if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) {
        throw new ProtocolError(`unknown sync message type ${syncType}`);
      }
      // A full structural decode, with the same reader that applying uses. (Applying to
      // a scratch document as well would cost a fresh Y.Doc per message, as much as the
      // database write; a stored update that still fails to apply is skipped on load.)
      const decoded = Y.decodeUpdate(payload);
      checkStructs(decoded.structs);
      return {
        documentName,
        typeName: syncType === SYNC_UPDATE ? 'update' : 'sync-step-2',
        update: payload,
        updateIsEmpty: decoded.structs.length === 0 && decoded.ds.clients.size === 0,
        structCount: decoded.structs.length,
      };
    }
    case MESSAGE_TYPES.awareness: {
      const update = decoding.readVarUint8Array(decoder);
      if (update.byteLength > MAX_AWARENESS_BYTES) {
        throw new ProtocolError(`awareness update too large (limit ${MAX_AWARENESS_BYTES} bytes)`);
      }
      const inner = decoding.createDecoder(update);
      const count = decoding.readVarUint(inner);
      const awarenessClients: number[] = [];
      for (let i = 0; i < count; i++) {
        const clientId = decoding.readVarUint(inner);
        decoding.readVarUint(inner); // clock
        if (JSON.parse(decoding.readVarString(inner)) !== null) awarenessClients.push(clientId);
      }
      return { documentName, typeName: 'awareness', awarenessClients };
    }
    case MESSAGE_TYPES.auth:
      decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      return { documentName, typeName: 'auth' };
    case MESSAGE_TYPES.stateless:
      decoding.readVarString(decoder);
      return { documentName, typeName: 'stateless' };
    case MESSAGE_TYPES.queryAwareness:
    case MESSAGE_TYPES.close:
      return { documentName, typeName: typeName ?? 'unknown' };
    default:
      throw new ProtocolError(
        typeName
          ? `message type ${typeName} is not allowed from clients`
          : `unknown message type ${type}`,
      );
  }
}
