/**
 * A board client of the cluster tests: a real `HocuspocusProvider` that knows every
 * instance's URL and moves to the next one when its connection drops, the way a
 * whiteboard behind a load balancer lands on another instance.
 *
 * Each connection starts from an EMPTY document (a page reload), on purpose: a provider
 * that kept its document would resend everything the new instance lacks, acknowledged
 * edits included, and so hide an acknowledged edit that the cluster lost. Starting empty,
 * the client's acknowledged edits must come back from the cluster itself.
 *
 * What "acknowledged" means: each edit is one transaction, so one update message, and
 * the server answers each, in order, with one SyncStatus (sent only after the update was
 * committed to PostgreSQL), which lowers `unsyncedChanges` by one. So after `pushed`
 * edits on a connection, the first `pushed - unsyncedChanges` of them are acknowledged.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';

/** Longest wait for a connection to authenticate and sync. A paused PostgreSQL (10 s)
 * stalls authentication on every instance, so it has to be longer than that. */
const CONNECT_TIMEOUT_MS = 30_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Edit {
  /** The id of the stroke or equation the edit added (unique in the whole run). */
  id: string;
  kind: 'stroke' | 'equation';
}

export interface ClientEvent {
  at: number;
  client: string;
  what: string;
}

export interface BoardClientOptions {
  name: string;
  board: string;
  token: string;
  /** Instance URLs in the order this client tries them (its home instance first). */
  urls: string[];
  onEvent?: (event: ClientEvent) => void;
}

interface Connection {
  provider: HocuspocusProvider;
  /** The provider does not own a socket it was given: both are destroyed. */
  socket: HocuspocusProviderWebsocket;
  doc: Y.Doc;
  url: string;
  /** Edits sent on this connection, in order. */
  sent: Edit[];
  acknowledgedCount: number;
  closed: boolean;
}

export class BoardClient {
  readonly name: string;
  readonly board: string;
  readonly #options: BoardClientOptions;
  #connection: Connection | null = null;
  #urlIndex = 0;
  #reconnecting: Promise<void> | null = null;
  #destroyed = false;
  /** Every edit an instance acknowledged to this client, over all its connections. */
  readonly acknowledged: Edit[] = [];
  /** Edits sent on a connection that dropped before their acknowledgement arrived. */
  readonly unacknowledged: Edit[] = [];
  /** Edits sent, over all connections. */
  sentCount = 0;
  /** Instances this client connected to, in order (with repeats). */
  readonly connectedTo: string[] = [];
  /** Called with each document this client works on (one per connection). */
  readonly #docListeners: ((doc: Y.Doc) => void)[] = [];

  constructor(options: BoardClientOptions) {
    this.name = options.name;
    this.board = options.board;
    this.#options = options;
  }

  /** The document of the current connection (empty placeholder before the first). */
  get doc(): Y.Doc | null {
    return this.#connection?.doc ?? null;
  }

  get url(): string | null {
    return this.#connection?.url ?? null;
  }

  /** Connected, synced and with no edit waiting for its acknowledgement. */
  get settled(): boolean {
    const c = this.#connection;
    return c !== null && !c.closed && c.provider.unsyncedChanges === 0 && c.provider.isSynced;
  }

  get connected(): boolean {
    const c = this.#connection;
    return c !== null && !c.closed;
  }

  onDoc(listener: (doc: Y.Doc) => void): void {
    this.#docListeners.push(listener);
    if (this.#connection) listener(this.#connection.doc);
  }

  /** Connects to the first instance that answers, trying each in turn (again and again,
   * until `timeoutMs`). */
  async connect(timeoutMs = Infinity): Promise<void> {
    const { urls } = this.#options;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#destroyed) return;
      if (Date.now() > deadline)
        throw new Error(`${this.name} could not connect to ${urls.join(', ')}`);
      const url = urls[this.#urlIndex % urls.length] as string;
      try {
        this.#connection = await this.#open(url);
        this.connectedTo.push(url);
        this.#event(`connected to ${url}`);
        for (const listener of this.#docListeners) listener(this.#connection.doc);
        return;
      } catch (error) {
        this.#event(`could not connect to ${url}: ${(error as Error).message}`);
        this.#urlIndex++;
        await sleep(200);
      }
    }
  }

  /**
   * Runs `fn` as one transaction (one update, one acknowledgement) and records the edit.
   * Returns false, doing nothing, while the client is between connections.
   */
  edit(edit: Edit, fn: (doc: Y.Doc) => void): boolean {
    const c = this.#connection;
    if (c === null || c.closed || !c.provider.isSynced) return false;
    c.sent.push(edit);
    this.sentCount++;
    c.doc.transact(() => fn(c.doc));
    return true;
  }

  /** Resolves once every edit sent so far is acknowledged (or rejects after timeoutMs). */
  async waitSettled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.settled || this.#reconnecting) {
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not settle (unsynced edits or no connection)`);
      await sleep(POLL_MS);
    }
  }

  destroy(): void {
    this.#destroyed = true;
    this.#drop();
  }

  async #open(url: string): Promise<Connection> {
    const doc = new Y.Doc();
    let failure: string | null = null;
    // No retries on the same URL: a dropped connection moves to the next instance.
    const socket = new HocuspocusProviderWebsocket({ url, maxAttempts: 1 });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: this.board,
      token: this.#options.token,
      document: doc,
      onAuthenticationFailed: ({ reason }) => {
        failure = `authentication failed: ${reason}`;
      },
    });
    provider.attach();
    const connection: Connection = {
      provider,
      socket,
      doc,
      url,
      sent: [],
      acknowledgedCount: 0,
      closed: false,
    };
    const onClose = () => {
      if (connection.closed) return;
      connection.closed = true;
      failure ??= 'connection closed';
      if (this.#connection === connection) this.#failOver();
    };
    provider.on('close', onClose);
    provider.on('disconnect', onClose);
    try {
      // Synced, and the handshake's own SyncStatus is in, before any edit is counted.
      const deadline = Date.now() + CONNECT_TIMEOUT_MS;
      while (!(provider.isSynced && provider.unsyncedChanges === 0)) {
        if (failure !== null) throw new Error(failure);
        if (Date.now() > deadline) throw new Error('timed out');
        await sleep(POLL_MS);
      }
    } catch (error) {
      connection.closed = true;
      provider.destroy();
      socket.destroy();
      throw error;
    }
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      const acknowledged = connection.sent.length - number;
      while (connection.acknowledgedCount < acknowledged) {
        this.acknowledged.push(connection.sent[connection.acknowledgedCount] as Edit);
        connection.acknowledgedCount++;
      }
    });
    return connection;
  }

  /** The connection dropped: give up on it and connect to the next instance. */
  #failOver(): void {
    if (this.#destroyed || this.#reconnecting) return;
    const lost = this.#drop();
    this.#event(
      `connection to ${lost?.url} dropped with ${lost?.unacked ?? 0} edit(s) unacknowledged`,
    );
    this.#urlIndex++;
    this.#reconnecting = this.connect().finally(() => {
      this.#reconnecting = null;
    });
  }

  #drop(): { url: string; unacked: number } | null {
    const c = this.#connection;
    if (!c) return null;
    this.#connection = null;
    c.closed = true;
    const unacked = c.sent.slice(c.acknowledgedCount);
    this.unacknowledged.push(...unacked);
    c.provider.destroy();
    c.socket.destroy();
    return { url: c.url, unacked: unacked.length };
  }

  #event(what: string): void {
    this.#options.onEvent?.({ at: Date.now(), client: this.name, what });
  }
}
