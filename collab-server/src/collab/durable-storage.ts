import type {
  Extension,
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
  /** Runs after each store with the in-memory document (the equation index). */
  afterStore?: (documentName: string, document: Y.Doc) => Promise<void>;
}

/** Folds a snapshot and log rows into one state update. Applying them to a fresh
 * document (rather than `Y.mergeUpdates`) lets Yjs garbage-collect deleted content. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    if (snapshot) Y.applyUpdate(doc, snapshot);
    for (const update of updates) Y.applyUpdate(doc, update);
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
 * Server-side writes (solver workers, direct connections) go through `onChange`, which
 * is not awaited; they are tracked and flushed on store and shutdown.
 */
export class DurableStorage implements Extension {
  priority = 500;
  extensionName = 'durable-storage';
  private readonly options: DurableStorageOptions;
  /** Log rows appended per document since the last compaction (this instance's view). */
  private readonly logRows = new Map<string, number>();
  /** Estimated document sizes: stored state plus every accepted update. */
  private readonly sizes = new Map<string, number>();
  private readonly pendingLocal = new Set<Promise<void>>();
  private readonly log: UpdateLogWriter;

  constructor(options: DurableStorageOptions) {
    this.options = options;
    this.log = new UpdateLogWriter(options.db);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
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
    this.sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
    this.options.logger.debug(
      { documentName, logRows: stored.updates.length, skipped },
      'document loaded from storage',
    );
  }

  async beforeHandleMessage({
    connection,
    documentName,
    update: frame,
  }: beforeHandleMessagePayload) {
    const parsed = parseClientFrame(frame);
    if (!parsed.update || parsed.updateIsEmpty || connection.readOnly) return;
    const size = (this.sizes.get(documentName) ?? 0) + parsed.update.byteLength;
    if (size > this.options.maxDocumentBytes) {
      const reason = closeReason(
        `document too large (limit ${this.options.maxDocumentBytes} bytes)`,
      );
      connection.webSocket.close(CLOSE_CODES.tooLarge, reason);
      throw Object.assign(new Error(reason), { code: CLOSE_CODES.tooLarge, reason });
    }
    try {
      await this.log.append(documentName, parsed.update);
    } catch (error) {
      // Not stored → not acknowledged: close so the client keeps its edit and resends.
      this.options.logger.error({ err: error, documentName }, 'could not store an update');
      const reason = 'storage unavailable, retry later';
      connection.webSocket.close(CLOSE_CODES.storageUnavailable, reason);
      throw Object.assign(new Error(reason), { code: CLOSE_CODES.storageUnavailable, reason });
    }
    this.sizes.set(documentName, size);
    this.logRows.set(documentName, (this.logRows.get(documentName) ?? 0) + 1);
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
        this.sizes.set(documentName, (this.sizes.get(documentName) ?? 0) + update.byteLength);
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
      this.sizes.set(documentName, Y.encodeStateAsUpdate(document).byteLength);
    }
    if (this.options.afterStore) await this.options.afterStore(documentName, document);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.logRows.delete(documentName);
    this.sizes.delete(documentName);
  }

  async onDestroy() {
    await this.flush();
  }

  /** Folds the stored log of `documentName` into its snapshot. */
  async compact(documentName: string): Promise<number> {
    const folded = await compactDocument(this.options.db, documentName, foldUpdates);
    this.logRows.set(documentName, 0);
    this.options.logger.debug({ documentName, folded }, 'compacted update log');
    return folded;
  }

  /** Waits for every server-side update to be stored. */
  async flush(): Promise<void> {
    while (this.pendingLocal.size > 0) await Promise.all(this.pendingLocal);
    await this.log.drain();
  }
}
