/**
 * The few Hocuspocus protocol frames a load-test client needs, so that 2,000 clients cost
 * one small Y.Doc each and no provider machinery. A frame is `varString(document)
 * varUint(MessageType) payload` (see collab-server/src/collab/frame.ts); the message
 * types, the auth payload and the sync payloads are the libraries' own (@hocuspocus/server,
 * @hocuspocus/common, y-protocols).
 */
import { AuthMessageType, writeAuthentication } from '@hocuspocus/common';
import { MessageType } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';

function frame(board: string, type: MessageType, write: (e: encoding.Encoder) => void) {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, board);
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function authFrame(board: string, token: string): Uint8Array {
  return frame(board, MessageType.Auth, (e) => writeAuthentication(e, token));
}

export function syncStep1Frame(board: string, stateVector: Uint8Array): Uint8Array {
  return frame(board, MessageType.Sync, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function updateFrame(board: string, update: Uint8Array): Uint8Array {
  return frame(board, MessageType.Sync, (e) => syncProtocol.writeUpdate(e, update));
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
  if (type === MessageType.Sync || type === MessageType.SyncReply) {
    const sync = decoding.readVarUint(decoder);
    if (sync === syncProtocol.messageYjsSyncStep2) return { kind: 'synced' };
    if (sync === syncProtocol.messageYjsUpdate)
      return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
    return { kind: 'other' };
  }
  if (type === MessageType.Auth) {
    const auth = decoding.readVarUint(decoder);
    if (auth === AuthMessageType.Authenticated) return { kind: 'authenticated' };
    if (auth === AuthMessageType.PermissionDenied)
      return { kind: 'denied', reason: decoding.readVarString(decoder) };
    return { kind: 'other' };
  }
  if (type === MessageType.SyncStatus)
    return { kind: 'ack', saved: decoding.readVarUint(decoder) === 1 };
  return { kind: 'other' };
}
