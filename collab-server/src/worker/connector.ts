import { HocuspocusProvider } from '@hocuspocus/provider';
import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';

/**
 * How a worker reaches a board. In the server process it opens a direct connection to
 * the live document; as its own process it connects like any client, through the
 * WebSocket with a `solver` API token. Either way its writes are ordinary CRDT updates
 * that the server logs durably and fans out to every participant.
 */
export interface BoardSession {
  readonly doc: Y.Doc;
  /** Run `fn` as one transaction on the board (one update on the wire). */
  transact(fn: () => void): Promise<void>;
  /** Resolves once the server has every update written so far. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface BoardConnector {
  open(board: string): Promise<BoardSession>;
}

/** Direct connections to documents of a Hocuspocus instance in this process. */
export class DirectConnector implements BoardConnector {
  readonly #hocuspocus: Hocuspocus;
  readonly #context: Record<string, unknown>;

  constructor(hocuspocus: Hocuspocus, context: Record<string, unknown> = { solverWorker: true }) {
    this.#hocuspocus = hocuspocus;
    this.#context = context;
  }

  async open(board: string): Promise<BoardSession> {
    const connection = await this.#hocuspocus.openDirectConnection(board, this.#context);
    const doc = connection.document;
    if (!doc) throw new Error(`board ${board} could not be opened`);
    return {
      doc,
      transact: (fn) => connection.transact(() => fn()),
      // Direct transactions run the server's change hooks synchronously, durable log included.
      flush: async () => {},
      close: () => connection.disconnect({ unloadImmediately: false }),
    };
  }
}

/** Longest wait for the initial sync or for the server to acknowledge our writes. */
const SYNC_TIMEOUT_MS = 15_000;

/** WebSocket connections with a token, for workers running as their own process. */
export class ProviderConnector implements BoardConnector {
  readonly #url: string;
  readonly #token: string;

  constructor(url: string, token: string) {
    this.#url = url;
    this.#token = token;
  }

  async open(board: string): Promise<BoardSession> {
    const doc = new Y.Doc();
    let failure: string | null = null;
    const provider = new HocuspocusProvider({
      url: this.#url,
      name: board,
      token: this.#token,
      document: doc,
      onAuthenticationFailed: ({ reason }) => {
        failure = reason;
      },
    });
    const close = async () => {
      provider.destroy();
      doc.destroy();
    };
    try {
      await waitFor(() => {
        if (failure !== null) throw new Error(`board ${board}: ${failure}`);
        return provider.isSynced;
      }, `board ${board} to sync`);
    } catch (error) {
      await close();
      throw error;
    }
    return {
      doc,
      transact: async (fn) => doc.transact(fn),
      flush: () => waitFor(() => provider.unsyncedChanges === 0, `board ${board} to acknowledge`),
      close,
    };
  }
}

/** Poll a condition: provider state changes arrive on several events, polling is simplest. */
async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
