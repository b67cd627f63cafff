/**
 * The few Hocuspocus protocol frames a load-test client needs, encoded by hand so that
 * 2,000 clients cost one small Y.Doc each and no provider machinery. A frame is
 * `varString(document) varUint(type) payload` (see collab-server/src/collab/frame.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

const MESSAGE = { sync: 0, auth: 2, syncReply: 4, syncStatus: 8 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

function frame(board: string, type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, board);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function authFrame(board: string, token: string): Uint8Array {
  return frame(board, MESSAGE.auth, (e) => {
    encoding.writeVarUint(e, AUTH.token);
    encoding.writeVarString(e, token);
  });
}

export function syncStep1Frame(board: string, stateVector: Uint8Array): Uint8Array {
  return frame(board, MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function updateFrame(board: string, update: Uint8Array): Uint8Array {
  return frame(board, MESSAGE.sync, (e) => {
    encoding.writeVarUint(e, SYNC.update);
    encoding.writeVarUint8Array(e, update);
  });
}

/** What a server frame means to a load-test client. */
export type ServerFrame =
  | { kind: 'authenticated' }
  | { kind: 'denied'; reason: string }
  /** The server's answer to our sync step 1: from here on we receive the board's updates. */
  | { kind: 'synced' }
  | { kind: 'update'; update: Uint8Array }
  /** Hocuspocus acknowledges each update it applied (after our durable write). */
  | { kind: 'ack'; saved: boolean }
  | { kind: 'other' };

export function readServerFrame(data: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(data);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE.sync || type === MESSAGE.syncReply) {
    const sync = decoding.readVarUint(decoder);
    if (sync === SYNC.step2) return { kind: 'synced' };
    if (sync === SYNC.update)
      return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
    return { kind: 'other' };
  }
  if (type === MESSAGE.auth) {
    const auth = decoding.readVarUint(decoder);
    if (auth === AUTH.authenticated) return { kind: 'authenticated' };
    if (auth === AUTH.permissionDenied)
      return { kind: 'denied', reason: decoding.readVarString(decoder) };
    return { kind: 'other' };
  }
  if (type === MESSAGE.syncStatus)
    return { kind: 'ack', saved: decoding.readVarUint(decoder) === 1 };
  return { kind: 'other' };
}
