import type {
  Extension,
  afterHandleMessagePayload,
  beforeHandleMessagePayload,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Database } from '../db/database.ts';
import { compactDocument, loadStoredDocument } from '../db/documents.ts';
import type { Logger } from '../logger.ts';
import { CLOSE_CODES, closeReason } from './context.ts';
import { parseClientFrame } from './frame.ts';
import { UpdateLogWriter } from './update-log-writer.ts';

/** The origin of updates applied while loading from storage (never re-stored). */
export const STORAGE_ORIGIN = {
  source: 'local',
  skipStoreHooks: true,
  context: { storage: true },
} as const;

export interface DurableStorageOptions {
  db: Database;
  logger: Logger;
  /** Fold the log into a snapshot once this many rows accumulated. */
  compactAfterUpdates: number;
  /** Largest document (bytes, estimated); updates that would exceed it are refused. */
  maxDocumentBytes: number;
  /** Largest estimated memory of one document, and of all loaded ones together. */
  maxDocumentMemoryBytes: number;
  maxLoadedMemoryBytes: number;
  /** Runs after each store with the in-memory document (the equation index). */
  afterStore?: (documentName: string, document: Y.Doc) => Promise<void>;
  /** When set, `afterStore` runs only if this top-level type (or anything inside it)
   * changed since it last ran, and once after each load. With 1,000 boards stored every
   * 2 s, indexing each in a transaction held the embedded PGlite's one connection
   * ~500 times a second, and the update log's INSERTs queued behind them. */
  afterStoreWatches?: string;
}

/**
 * Heap per Yjs item (struct) once applied, and per encoded byte. The attack
 * measured 15.7 MiB of tiny map entries → ~925 MiB of heap, i.e. ~590 B per entry of
 * ~10 encoded bytes; strings take twice their UTF-8 size as UTF-16.
 */
const ITEM_HEAP_BYTES = 500;
const BYTE_HEAP_FACTOR = 2;

/** Backoff of the background retry of an update applied but not yet stored. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;

/** Items (structs) a document holds: one array length per client, so cheap to count. */
export function countItems(doc: Y.Doc): number {
  let items = 0;
  for (const structs of doc.store.clients.values()) items += structs.length;
  return items;
}

/** Estimated heap of a document of `bytes` encoded bytes and `items` items. */
export const estimateMemory = (bytes: number, items: number) =>
  bytes * BYTE_HEAP_FACTOR + items * ITEM_HEAP_BYTES;

/** Folds a snapshot and log rows into one state update. Applying them to a fresh
 * document (rather than `Y.mergeUpdates`) lets Yjs garbage-collect deleted content.
 * A row that does not apply is skipped (as on load), so one bad row cannot make every
 * later compaction fail and pin the board in memory. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  const apply = (update: Uint8Array) => {
    try {
      Y.applyUpdate(doc, update);
    } catch {
      // Counted by the load path's log line when the board next loads.
    }
  };
  try {
    if (snapshot) apply(snapshot);
    for (const update of updates) apply(update);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Durable persistence. Hocuspocus acknowledges an update (SyncStatus) right after
 * applying it and only stores documents debounced, so a crash would lose acknowledged
 * edits. Instead, `beforeHandleMessage` — which Hocuspocus awaits before it applies the
 * message and sends the acknowledgement — appends the update to the durable log first.
 * A client's "unsynced changes" therefore reach 0 only for updates that are on disk.
 *
 * The local fan-out does not wait for the disk: the update is applied to the live
 * document (Hocuspocus broadcasts it to this instance's other clients on that) before the
 * append is awaited; Hocuspocus's own apply afterwards is a no-op. Safe, because only the
 * acknowledgement promises durability: if this server dies first, the sender still holds
 * the unacknowledged update and so does every client that received it, and each sends it
 * again to whichever instance it reconnects to.
 * Other instances must not get it before it is stored: one that held an edit in memory
 * while the edit's own instance died before its append would never store it (its
 * clients, and the reconnecting writer, already have it: nothing new to send). So the
 * Redis fan-out waits for `whenStored` (see `RedisUpdateFanout`): a per-document chain of
 * every append started so far, extended here before the early apply.
 * If the append fails while the server lives, it is retried in the background (the live
 * document already has it); the chain, and so the Redis publish, waits for the retry.
 * Server-side writes (solver workers, direct connections) go through `onChange`, which
 * is not awaited; they are tracked and flushed on store and shutdown.
 */
const NOTHING_PENDING: Promise<boolean> = Promise.resolve(true);

export class DurableStorage implements Extension {
  priority = 500;
  extensionName = 'durable-storage';
  private readonly options: DurableStorageOptions;
  /** Log rows appended per document since the last compaction (this instance's view). */
  private readonly logRows = new Map<string, number>();
  /** Estimated document sizes: stored state plus every accepted update. */
  private readonly sizes = new Map<string, number>();
  /** Items per loaded document, counted after each applied message. */
  private readonly items = new Map<string, number>();
  /** Estimated heap of every loaded document together. */
  #totalMemory = 0;
  private readonly pendingLocal = new Set<Promise<void>>();
  /** Documents whose watched type changed since `afterStore` last ran for them. */
  private readonly afterStoreDue = new Set<string>();
  /** Applied updates whose append failed, retried in the background until stored. */
  private readonly retrying = new Map<Promise<void>, string>();
  /** Per document: settles once every client update applied so far is stored (true),
   * or false when one could not be before the server stopped. */
  readonly #stored = new Map<string, Promise<boolean>>();
  #stopping = false;
  private readonly log: UpdateLogWriter;

  constructor(options: DurableStorageOptions) {
    this.options = options;
    this.log = new UpdateLogWriter(options.db);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
    // The board may have been unloaded with an applied update still being retried: the
    // load must see it (else the reloaded board would miss what its clients already have).
    const retries = [...this.retrying].filter(([, name]) => name === documentName);
    await Promise.all(retries.map(([pending]) => pending));
    const stored = await loadStoredDocument(this.options.db, documentName);
    let skipped = 0;
    const apply = (update: Uint8Array) => {
      try {
        Y.applyUpdate(document, update, STORAGE_ORIGIN);
      } catch (error) {
        // Never let one bad row make a board unloadable: skip it loudly.
        skipped += 1;
        this.options.logger.error(
          { err: error, documentName },
          'skipping an unreadable stored update',
        );
      }
    };
    document.transact(() => {
      if (stored.snapshot) apply(stored.snapshot);
      for (const update of stored.updates) apply(update);
    }, STORAGE_ORIGIN);
    this.logRows.set(documentName, stored.updates.length);
    this.#watchForAfterStore(documentName, document);
    this.#account(documentName, Y.encodeStateAsUpdate(document).byteLength, countItems(document));
    this.options.logger.debug(
      { documentName, logRows: stored.updates.length, skipped },
      'document loaded from storage',
    );
  }

  async beforeHandleMessage({
    connection,
    document,
    documentName,
    update: frame,
  }: beforeHandleMessagePayload) {
    const parsed = parseClientFrame(frame);
    if (!parsed.update || parsed.updateIsEmpty || connection.readOnly) return;
    const size = (this.sizes.get(documentName) ?? 0) + parsed.update.byteLength;
    const items = (this.items.get(documentName) ?? 0) + (parsed.structCount ?? 0);
    const memory = estimateMemory(size, items);
    const growth = memory - this.memoryOf(documentName);
    const refusal =
      size > this.options.maxDocumentBytes
        ? `document too large (limit ${this.options.maxDocumentBytes} bytes)`
        : memory > this.options.maxDocumentMemoryBytes
          ? `document too large in memory (limit ${this.options.maxDocumentMemoryBytes} bytes estimated)`
          : this.#totalMemory + growth > this.options.maxLoadedMemoryBytes
            ? 'the server is out of memory for boards; try again later'
            : null;
    if (refusal) {
      const reason = closeReason(refusal);
      connection.webSocket.close(CLOSE_CODES.tooLarge, reason);
      throw Object.assign(new Error(reason), { code: CLOSE_CODES.tooLarge, reason });
    }
    const update = parsed.update;
    const append = this.log.append(documentName, update);
    this.#chainStored(
      documentName,
      append.then(
        () => true,
        () => this.#retry(documentName, update),
      ),
    );
    // Fan out locally now (see the class comment); the origin is the one Hocuspocus gives
    // its own apply, so every other hook (Redis fan-out, metrics) sees a client update.
    Y.applyUpdate(document, update, { source: 'connection', connection });
    try {
      await append;
    } catch (error) {
      // Not stored → not acknowledged: close so the client keeps its edit and resends.
      this.options.logger.error({ err: error, documentName }, 'could not store an update');
      const reason = 'storage unavailable, retry later';
      connection.webSocket.close(CLOSE_CODES.storageUnavailable, reason);
      throw Object.assign(new Error(reason), { code: CLOSE_CODES.storageUnavailable, reason });
    }
    this.#account(documentName, size, items);
    this.logRows.set(documentName, (this.logRows.get(documentName) ?? 0) + 1);
  }

  /** After applying: the item count as the document has it now (merged, deleted). */
  async afterHandleMessage({ documentName, document, update }: afterHandleMessagePayload) {
    if (!parseClientFrame(update).update || !this.sizes.has(documentName)) return;
    this.#account(documentName, this.sizes.get(documentName) ?? 0, countItems(document));
  }

  /**
   * Settles once every client update of `documentName` applied so far is stored: true,
   * or false if one could not be before the server stopped (then it must not reach other
   * instances; its clients resend it). Resolves at once when nothing is pending.
   */
  whenStored(documentName: string): Promise<boolean> {
    // One settled promise for "nothing pending", so callers can tell whether the chain
    // moved while they waited (`RedisUpdateFanout` loops until it did not).
    return this.#stored.get(documentName) ?? NOTHING_PENDING;
  }

  #chainStored(documentName: string, stored: Promise<boolean>) {
    const previous = this.whenStored(documentName);
    const chain = Promise.all([previous, stored]).then(([a, b]) => a && b);
    this.#stored.set(documentName, chain);
    void chain.then(() => {
      if (this.#stored.get(documentName) === chain) this.#stored.delete(documentName);
    });
  }

  /** Estimated heap of a loaded document (0 when not loaded). */
  memoryOf(documentName: string): number {
    if (!this.sizes.has(documentName)) return 0;
    return estimateMemory(this.sizes.get(documentName) ?? 0, this.items.get(documentName) ?? 0);
  }

  /** Estimated heap of every loaded document. */
  get totalMemory(): number {
    return this.#totalMemory;
  }

  #account(documentName: string, bytes: number, items: number) {
    this.#totalMemory += estimateMemory(bytes, items) - this.memoryOf(documentName);
    this.sizes.set(documentName, bytes);
    this.items.set(documentName, items);
  }

  #forget(documentName: string) {
    this.#totalMemory -= this.memoryOf(documentName);
    this.sizes.delete(documentName);
    this.items.delete(documentName);
  }

  async onChange({ documentName, transactionOrigin, update }: onChangePayload) {
    const origin = transactionOrigin as { source?: string } | null | undefined;
    // Client updates were stored in beforeHandleMessage; Redis ones by their instance.
    if (origin?.source === 'connection' || origin?.source === 'redis') return;
    if (origin === STORAGE_ORIGIN) return;
    const pending = this.log
      .append(documentName, update)
      .then(() => {
        this.logRows.set(documentName, (this.logRows.get(documentName) ?? 0) + 1);
        if (this.sizes.has(documentName))
          this.#account(
            documentName,
            (this.sizes.get(documentName) ?? 0) + update.byteLength,
            this.items.get(documentName) ?? 0,
          );
      })
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, documentName },
          'could not store a server-side update',
        );
      })
      .finally(() => this.pendingLocal.delete(pending));
    this.pendingLocal.add(pending);
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
    await this.flush();
    const rows = this.logRows.get(documentName) ?? 0;
    // Compact when the log grew long, or when the last client left (the document is
    // about to be unloaded and the next load should be a single snapshot read). The
    // payload's clientsCount dates from the last change, so ask the document now.
    const lastClientLeft = document.getConnectionsCount() === 0;
    if (rows >= this.options.compactAfterUpdates || (lastClientLeft && rows > 0)) {
      await this.compact(documentName);
      if (this.sizes.has(documentName))
        this.#account(
          documentName,
          Y.encodeStateAsUpdate(document).byteLength,
          countItems(document),
        );
    }
    const { afterStore, afterStoreWatches } = this.options;
    if (afterStore && (!afterStoreWatches || this.afterStoreDue.has(documentName))) {
      // Cleared first: a change while it runs makes it due again.
      this.afterStoreDue.delete(documentName);
      try {
        await afterStore(documentName, document);
      } catch (error) {
        if (afterStoreWatches) this.afterStoreDue.add(documentName);
        throw error;
      }
    }
  }

  /** Marks `afterStore` due now (after a load) and whenever the watched type changes. */
  #watchForAfterStore(documentName: string, document: Y.Doc) {
    const name = this.options.afterStoreWatches;
    if (!name) return;
    this.afterStoreDue.add(documentName);
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      for (const changed of transaction.changed.keys()) {
        let root = changed;
        while (root._item?.parent instanceof Y.AbstractType) root = root._item.parent;
        // Looked up each time: `getMap` replaces a root first defined by a plain `get`.
        if (document.share.get(name) === root) {
          this.afterStoreDue.add(documentName);
          return;
        }
      }
    });
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload) {
    // Hocuspocus drops the document before this hook runs: a connection may have loaded
    // it again meanwhile, and that load's accounting must stay (or the memory cap would
    // restart from zero on every reconnect).
    if (instance.documents.has(documentName) || instance.loadingDocuments.has(documentName)) return;
    this.logRows.delete(documentName);
    this.afterStoreDue.delete(documentName);
    this.#forget(documentName);
  }

  async onDestroy() {
    this.#stopping = true;
    await this.flush();
  }

  /** Appends an applied update whose append failed, with backoff, until it is stored or
   * the server stops (then, as after a crash, the clients that hold it send it again). */
  #retry(documentName: string, update: Uint8Array): Promise<boolean> {
    const attempt = async (): Promise<boolean> => {
      for (let delay = RETRY_FIRST_MS; !this.#stopping; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
        await new Promise((r) => setTimeout(r, delay));
        try {
          await this.log.append(documentName, update);
          this.logRows.set(documentName, (this.logRows.get(documentName) ?? 0) + 1);
          return true;
        } catch {
          // Still down: try again later (the first failure was logged).
        }
      }
      this.options.logger.warn({ documentName }, 'stopped with an unacknowledged update unstored');
      return false;
    };
    const pending = attempt();
    const tracked = pending.then(() => {}).finally(() => this.retrying.delete(tracked));
    this.retrying.set(tracked, documentName);
    return pending;
  }

  /** Folds the stored log of `documentName` into its snapshot. */
  async compact(documentName: string): Promise<number> {
    const before = this.logRows.get(documentName) ?? 0;
    const folded = await compactDocument(this.options.db, documentName, foldUpdates);
    // Appends that finished while it ran may not be in the snapshot: keep counting them (a
    // reset to 0 lost them, and the last client's leaving then skipped the final
    // compaction). If they were folded too, the next compaction folds nothing: harmless.
    this.logRows.set(documentName, Math.max(0, (this.logRows.get(documentName) ?? 0) - before));
    this.options.logger.debug({ documentName, folded }, 'compacted update log');
    return folded;
  }

  /** Waits for every server-side update to be stored. */
  async flush(): Promise<void> {
    while (this.pendingLocal.size > 0) await Promise.all(this.pendingLocal);
    // Stopping: each retry makes its last attempt (at most one backoff away).
    if (this.#stopping) await Promise.all(this.retrying.keys());
    await this.log.drain();
  }
}
