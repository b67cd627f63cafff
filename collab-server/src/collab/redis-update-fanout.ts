import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Configuration } from '@hocuspocus/extension-redis';
import { OutgoingMessage, isTransactionOrigin } from '@hocuspocus/server';
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
 */
export class RedisUpdateFanout extends RedisExtension {
  readonly #logger: Logger;

  constructor(configuration: Partial<Configuration> & { logger: Logger }) {
    const { logger, ...rest } = configuration;
    super(rest);
    this.#logger = logger;
  }

  override async onChange(data: onChangePayload): Promise<void> {
    if (isTransactionOrigin(data.transactionOrigin) && data.transactionOrigin.source === 'redis')
      return;
    // `RedisResync`'s announcement (no update): the stock state-vector exchange.
    if (!(data.update instanceof Uint8Array)) return super.onChange(data);

    const { documentName } = data;
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
