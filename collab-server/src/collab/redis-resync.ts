import type { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import type { Document, onChangePayload } from '@hocuspocus/server';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/**
 * Wait after a reconnection before announcing: the other connections of this instance
 * (publisher, subscriber) come back within moments of each other, and the subscriber
 * must be subscribed again to receive the peers' answers.
 */
export const RESYNC_DELAY_MS = 250;

/** Origin of the announcements (the extension ignores only its own `redis` origin). */
const RESYNC_ORIGIN = { source: 'local', context: { redisResync: true } } as const;

/**
 * Redis pub/sub keeps nothing: an update that an instance published while Redis was
 * down (or while a peer was reconnecting) never reaches the other instances, and
 * `@hocuspocus/extension-redis` exchanges state only when a document loads or changes.
 * A board edited during a Redis restart and then left alone stayed different on each
 * instance until its next edit. (Found by the cluster fault test, infra
 * `npm run test:cluster`.)
 *
 * So when one of the extension's connections comes back, every loaded document is
 * announced as if it had changed: the extension publishes its state vector (a
 * SyncStep1), and each peer replies with what this instance lacks and asks for what it
 * lacks itself. Every instance does this on its own reconnection, so whichever comes
 * back last catches up with the others, and they with it.
 */
export class RedisResync {
  readonly #extension: RedisExtension;
  readonly #documents: () => ReadonlyMap<string, Document>;
  readonly #logger: Logger;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: {
    extension: RedisExtension;
    documents: () => ReadonlyMap<string, Document>;
    logger: Logger;
  }) {
    this.#extension = options.extension;
    this.#documents = options.documents;
    this.#logger = options.logger;
  }

  /** Watches one of the extension's Redis connections. */
  watch(client: Redis): void {
    // ioredis emits 'ready' on the first connection and again after each reconnection.
    let connectedBefore = false;
    client.on('ready', () => {
      if (connectedBefore) this.#schedule();
      connectedBefore = true;
    });
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.announce(), RESYNC_DELAY_MS);
  }

  /** Announces every loaded document to the other instances. */
  announce(): void {
    const documents = this.#documents();
    this.#logger.warn(
      { documents: documents.size },
      'redis reconnected: resyncing loaded documents',
    );
    for (const [documentName, document] of documents) {
      // The extension's change hook is its way to announce a document; it reads only
      // these fields. Without an `update`, RedisUpdateFanout takes the stock path: a
      // state vector, not an update (redis-update-fanout.ts).
      const payload = { documentName, document, transactionOrigin: RESYNC_ORIGIN };
      this.#extension.onChange(payload as unknown as onChangePayload).catch((error: unknown) => {
        this.#logger.warn({ err: error, documentName }, 'could not resync a document over redis');
      });
    }
  }
}
