import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { authFrame, readServerFrame, updateFrame } from './hocuspocus-frames.ts';

/** A server frame as Hocuspocus writes it. */
function serverFrame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, 'board-1');
  encoding.writeVarUint(e, type);
  write(e);
  return encoding.toUint8Array(e);
}

describe('hocuspocus frames', () => {
  it('reads a broadcast update (same layout as the update we send)', () => {
    const update = new Uint8Array([1, 2, 3]);
    expect(readServerFrame(updateFrame('board-1', update))).toEqual({ kind: 'update', update });
  });

  it('reads authentication results', () => {
    const ok = serverFrame(2, (e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarString(e, 'read-write');
    });
    expect(readServerFrame(ok)).toEqual({ kind: 'authenticated' });
    const denied = serverFrame(2, (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, 'no access to this board');
    });
    expect(readServerFrame(denied)).toEqual({ kind: 'denied', reason: 'no access to this board' });
    // Our own auth frame is a token message, not a result.
    expect(readServerFrame(authFrame('board-1', 'secret'))).toEqual({ kind: 'other' });
  });

  it('reads sync step 2 (synced) and update acknowledgements', () => {
    const step2 = serverFrame(0, (e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, new Uint8Array([0, 0]));
    });
    expect(readServerFrame(step2)).toEqual({ kind: 'synced' });
    expect(readServerFrame(serverFrame(8, (e) => encoding.writeVarUint(e, 1)))).toEqual({
      kind: 'ack',
      saved: true,
    });
  });
});
