import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Configuration } from '@hocuspocus/extension-redis';
import {
  IncomingMessage,
  MessageType,
  OutgoingMessage,
  isTransactionOrigin,
} from '@hocuspocus/server';
import type { onChangePayload } from '@hocuspocus/server';
import type { Logger } from '../logger.ts';

/**
 * `@hocuspocus/extension-redis` with a cheaper change path: a change is sent to the other
 * instances as the Yjs update itself, one message on the document's channel.
 *
 * The stock extension announces every change with a state vector (SyncStep1); each peer
 * answers with a diff (SyncStep2, `encodeStateAsUpdate` against that vector) and its own
 * state vector, and the origin answers that with the update: three Redis messages per peer
 * and two hops before a peer has the change. That exchange was 40–43 % of a cluster
 * instance's busy time (collab-server README, "Benchmark"). The peers' own
 * `handleIncomingMessage` already applies an update message (a sync `Update`) with the
 * extension's `redis` transaction origin, so it is not published again, and it replies
 * nothing.
 *
 * The state-vector exchange stays where an update could have been missed:
 * - on load (`afterLoadDocument`, unchanged): the instance subscribes to the document's
 *   channel first, then exchanges state, so what was published before it subscribed
 *   arrives in the reply and everything after it on the channel;
 * - after a Redis reconnection: Redis pub/sub keeps nothing, so `RedisResync` announces
 *   every loaded document then. Its announcement carries no `update`, which is what routes
 *   it to the stock path below;
 * - when publishing an update fails: the state vector is published instead (by the stock,
 *   coalesced path), so the peers ask for whatever they lack once Redis answers again.
 *
 * Redis delivers one publisher's messages in order and relays an instance's change only
 * after it has the changes it depends on, so peers receive updates causally ordered; a
 * gap could only come from a lost subscriber connection, which triggers the resync.
 * Awareness, stateless messages and the store lock are the stock extension's.
 *
 * Nothing reaches another instance before it is stored (`whenStored`, from
 * `DurableStorage`, which fans client updates out locally before their append): an
 * instance holding an edit in memory that its own instance died before storing would
 * never store it, and the writer reconnecting there would have nothing new to send. So a
 * change is published only once every append before it has committed, and a peer's
 * state request (SyncStep1: a board loading elsewhere, a resync) is answered from this
 * instance's memory only once nothing in it is still being stored.
 */
/** y-protocols' sync step 1 (a state vector: "send me what I lack"). */
const SYNC_STEP_1 = 0;

/** What the fan-out waits for before anything leaves this instance (DurableStorage). */
export type WhenStored = (documentName: string) => Promise<boolean>;

type IncomingListener = (channel: Buffer, data: Buffer) => Promise<void>;

export class RedisUpdateFanout extends RedisExtension {
  readonly #logger: Logger;
  readonly #whenStored: WhenStored;

  constructor(configuration: Partial<Configuration> & { logger: Logger; whenStored?: WhenStored }) {
    const { logger, whenStored, ...rest } = configuration;
    super(rest);
    this.#logger = logger;
    const stored = Promise.resolve(true);
    this.#whenStored = whenStored ?? (() => stored);
    // The stock extension subscribed its (private) handler in its constructor: swap in
    // one that lets a peer's state request wait until this instance's memory is stored.
    const self = this as unknown as { handleIncomingMessage: IncomingListener };
    const stock = self.handleIncomingMessage;
    const guarded: IncomingListener = async (channel, data) => {
      const documentName = stateRequestOf(data);
      if (documentName !== null) await this.#settled(documentName);
      return stock(channel, data);
    };
    this.sub.off('messageBuffer', stock);
    self.handleIncomingMessage = guarded;
    this.sub.on('messageBuffer', guarded);
  }

  /** Waits until no append of the document is pending, so memory holds only stored
   * updates; the caller answers synchronously right after. `whenStored` returns the same
   * promise while nothing new is appended, which ends the loop. */
  async #settled(documentName: string): Promise<void> {
    for (;;) {
      const pending = this.#whenStored(documentName);
      await pending;
      if (this.#whenStored(documentName) === pending) return;
    }
  }

  override async onChange(data: onChangePayload): Promise<void> {
    if (isTransactionOrigin(data.transactionOrigin) && data.transactionOrigin.source === 'redis')
      return;
    // `RedisResync`'s announcement (no update): the stock state-vector exchange.
    if (!(data.update instanceof Uint8Array)) return super.onChange(data);

    const { documentName } = data;
    // Every append before this change has committed (or this one must not leave: a client
    // that holds it sends it again).
    if (!(await this.#whenStored(documentName))) return;
    const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(data.update);
    // The stock extension's channel (`<prefix>:<document>`) and framing (its identifier
    // prefix, so it ignores its own messages); both helpers are private there.
    const channel = `${this.configuration.prefix}:${documentName}`;
    const payload = Buffer.concat([this.messagePrefix, message.toUint8Array()]);
    this.pub.publish(channel, payload).catch((error: unknown) => {
      this.#logger.warn(
        { err: error, documentName },
        'could not publish an update over redis; falling back to a state exchange',
      );
      super.onChange(data).catch(() => {});
    });
  }
}

/**
 * The document a peer's message asks this instance's state of (a SyncStep1 in the stock
 * framing: identifier prefix, document name, Sync, step 1), or null for anything else.
 */
function stateRequestOf(data: Buffer): string | null {
  try {
    const identifierLength = data[0] ?? 0;
    const message = new IncomingMessage(data.subarray(identifierLength + 1));
    const documentName = message.readVarString();
    const type = message.readVarUint();
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
    return message.readVarUint() === SYNC_STEP_1 ? documentName : null;
  } catch {
    return null;
  }
}
