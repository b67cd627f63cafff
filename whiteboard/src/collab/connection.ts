import { HocuspocusProvider } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { peersFrom } from './presence.ts';
import type { LiveStroke, Peer, PresenceState } from './presence.ts';

/**
 * The network side of a board: the Hocuspocus provider (live sync + awareness) and the
 * y-indexeddb cache (the board opens and keeps working offline; edits made meanwhile
 * merge when the socket is back, as CRDT updates do).
 */

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** The server has sent us the board (first sync done). */
  readonly synced: boolean;
  /** The local cache has loaded (the board is usable offline). */
  readonly cached: boolean;
  /** Local edits the server has not acknowledged yet. */
  readonly unsynced: number;
  /** The server made this connection read-only (viewer role). */
  readonly readOnly: boolean;
  /** Why the server refused us, when it did. */
  readonly error: string | null;
  readonly peers: readonly Peer[];
}

export interface BoardConnectionOptions {
  /** WebSocket URL of the collab-server (`ws(s)://host`). */
  readonly url: string;
  readonly boardId: string;
  readonly doc: Y.Doc;
  /** Session or API token; empty → the server uses the session cookie. */
  readonly token?: string;
  /** Keep an IndexedDB copy (default true where IndexedDB exists). */
  readonly offlineCache?: boolean;
}

/** Cursor updates are throttled to this interval: smooth to the eye, light on the wire. */
export const CURSOR_THROTTLE_MS = 40;

export class BoardConnection {
  readonly provider: HocuspocusProvider;
  private readonly cache: IndexeddbPersistence | null;
  private state: ConnectionState;
  private readonly listeners = new Set<() => void>();
  private local: PresenceState | null = null;
  private cursorTimer: ReturnType<typeof setTimeout> | null = null;
  private drawingTimer: ReturnType<typeof setTimeout> | null = null;
  private manualOffline = false;
  private readonly onBrowserOffline = () => this.goOffline();
  private readonly onBrowserOnline = () => this.goOnline();

  constructor(options: BoardConnectionOptions) {
    const useCache = (options.offlineCache ?? true) && typeof indexedDB !== 'undefined';
    this.state = {
      status: 'connecting',
      synced: false,
      cached: !useCache,
      unsynced: 0,
      readOnly: false,
      error: null,
      peers: [],
    };
    this.cache = useCache
      ? new IndexeddbPersistence(`motionmath-board-${options.boardId}`, options.doc)
      : null;
    void this.cache?.whenSynced.then(() => this.update({ cached: true }));
    this.provider = new HocuspocusProvider({
      url: options.url,
      name: options.boardId,
      document: options.doc,
      token: options.token ?? '',
      onStatus: ({ status }) => {
        if (this.manualOffline) return;
        this.update({
          status:
            status === 'connected'
              ? this.provider.isSynced
                ? 'online'
                : 'connecting'
              : status === 'connecting'
                ? 'connecting'
                : 'offline',
        });
      },
      onSynced: ({ state }) => {
        this.update({
          synced: this.state.synced || state,
          status: state && !this.manualOffline ? 'online' : this.state.status,
        });
      },
      onAuthenticated: ({ scope }) => this.update({ readOnly: scope === 'readonly', error: null }),
      onAuthenticationFailed: ({ reason }) =>
        this.update({ error: reason || 'not allowed', status: 'offline' }),
      onUnsyncedChanges: ({ number }) => this.update({ unsynced: number }),
      onAwarenessChange: () => this.refreshPeers(),
      onDisconnect: () => this.update({ status: 'offline', peers: [] }),
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('offline', this.onBrowserOffline);
      window.addEventListener('online', this.onBrowserOnline);
    }
  }

  /** Our awareness client id (what peers know us by). */
  get clientId(): number {
    return this.provider.awareness?.clientID ?? this.provider.document.clientID;
  }

  getState(): ConnectionState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<ConnectionState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private refreshPeers(): void {
    const awareness = this.provider.awareness;
    if (!awareness) return;
    this.update({ peers: peersFrom(awareness.getStates(), awareness.clientID) });
  }

  /** Publish who we are; cursor and view are updated separately. */
  setUser(user: PresenceState['user']): void {
    this.local = {
      user,
      cursor: this.local?.cursor ?? null,
      view: this.local?.view ?? null,
      drawing: null,
    };
    this.provider.setAwarenessField('user', user);
  }

  /** Publish our cursor (board coordinates), throttled. */
  setCursor(cursor: PresenceState['cursor']): void {
    if (!this.local) return;
    this.local = { ...this.local, cursor };
    if (this.cursorTimer !== null) return;
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = null;
      this.provider.setAwarenessField('cursor', this.local?.cursor ?? null);
    }, CURSOR_THROTTLE_MS);
  }

  /**
   * Publish the stroke we are drawing (null once it is committed or dropped), throttled like
   * the cursor: peers see ink appear as it is drawn, not when the pen lifts.
   */
  setDrawing(drawing: LiveStroke | null): void {
    if (!this.local) return;
    this.local = { ...this.local, drawing };
    if (drawing === null) {
      // The committed stroke arrives through the document; the preview must go at once.
      if (this.drawingTimer !== null) clearTimeout(this.drawingTimer);
      this.drawingTimer = null;
      this.provider.setAwarenessField('drawing', null);
      return;
    }
    if (this.drawingTimer !== null) return;
    this.drawingTimer = setTimeout(() => {
      this.drawingTimer = null;
      this.provider.setAwarenessField('drawing', this.local?.drawing ?? null);
    }, CURSOR_THROTTLE_MS);
  }

  setView(view: PresenceState['view']): void {
    if (!this.local) return;
    this.local = { ...this.local, view };
    this.provider.setAwarenessField('view', view);
  }

  /** Stop using the network (the browser went offline); the board keeps working locally. */
  goOffline(): void {
    this.manualOffline = true;
    this.provider.disconnect();
    this.update({ status: 'offline', peers: [] });
  }

  /** Reconnect; the provider exchanges state vectors, so offline edits merge both ways. */
  goOnline(): void {
    this.manualOffline = false;
    this.update({ status: 'connecting' });
    void this.provider.connect();
  }

  destroy(): void {
    if (this.cursorTimer !== null) clearTimeout(this.cursorTimer);
    if (this.drawingTimer !== null) clearTimeout(this.drawingTimer);
    if (typeof window !== 'undefined') {
      window.removeEventListener('offline', this.onBrowserOffline);
      window.removeEventListener('online', this.onBrowserOnline);
    }
    this.provider.destroy();
    void this.cache?.destroy();
    this.listeners.clear();
  }
}
