import type {
  Extension,
  Hocuspocus,
  connectedPayload,
  onDisconnectPayload,
} from '@hocuspocus/server';
import type { Database } from '../db/database.ts';
import { liveApiTokenIds } from '../db/api-tokens.ts';
import { liveSessionIds } from '../db/sessions.ts';
import type { Logger } from '../logger.ts';
import { CLOSE_CODES } from './context.ts';
import type { CollabContext } from './context.ts';
import type { SocketState } from './sockets.ts';

export interface ConnectionRegistryOptions {
  db: Database;
  logger: Logger;
  /** The socket behind a hook's `requestHeaders` (collab/sockets.ts). */
  socketOf: (headers: Headers) => SocketState | undefined;
  /** How often every open connection's credential is checked again. */
  recheckMs: number;
}

/**
 * Who holds which open connection, read from Hocuspocus' own registry (each loaded
 * document's `connections`, each with the context `onAuthenticate` returned):
 * - marks a socket authenticated (the gate's auth timeout stops),
 * - closes every socket of a credential, a user or a board the moment it loses its
 *   right (sign-out everywhere, token revocation, account deletion), and rechecks all
 *   credentials every `recheckMs` (expiry, and revocations made on another instance).
 */
export class ConnectionRegistry implements Extension {
  extensionName = 'connection-registry';
  readonly #options: ConnectionRegistryOptions;
  #hocuspocus: Hocuspocus | null = null;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: ConnectionRegistryOptions) {
    this.#options = options;
  }

  /** Starts the periodic recheck. */
  start(hocuspocus: Hocuspocus): void {
    this.#hocuspocus = hocuspocus;
    this.#timer = setInterval(() => {
      this.recheck().catch((error: unknown) =>
        this.#options.logger.warn({ err: error }, 'credential recheck failed'),
      );
    }, this.#options.recheckMs);
    this.#timer.unref();
  }

  async connected({ requestHeaders, documentName }: connectedPayload) {
    const socket = this.#options.socketOf(requestHeaders);
    if (!socket) return;
    socket.documents.add(documentName);
    clearTimeout(socket.authTimer);
  }

  async onDisconnect({ requestHeaders, documentName }: onDisconnectPayload) {
    this.#options.socketOf(requestHeaders)?.documents.delete(documentName);
  }

  /** Every open connection with its context. */
  *#connections(): Generator<{ context: CollabContext; close: (reason: string) => void }> {
    for (const document of this.#hocuspocus?.documents.values() ?? []) {
      for (const connection of document.connections.keys()) {
        const context = connection.context as CollabContext | undefined;
        if (!context?.credential) continue;
        yield {
          context,
          close: (reason) => connection.webSocket.close(CLOSE_CODES.unauthorized, reason),
        };
      }
    }
  }

  /** Closes the connections `matches` selects; returns how many. */
  closeWhere(matches: (context: CollabContext) => boolean, reason: string): number {
    let closed = 0;
    for (const { context, close } of this.#connections()) {
      if (!matches(context)) continue;
      close(reason);
      closed += 1;
    }
    if (closed > 0) this.#options.logger.info({ closed, reason }, 'closed revoked connections');
    return closed;
  }

  closeUser(userId: string, reason: string): number {
    return this.closeWhere((c) => c.userId === userId, reason);
  }

  closeCredential(kind: 'session' | 'api-token', id: string, reason: string): number {
    return this.closeWhere((c) => c.credential.kind === kind && c.credential.id === id, reason);
  }

  /** Closes the connections whose credential is no longer live. */
  async recheck(): Promise<number> {
    const sessions = new Set<string>();
    const tokens = new Set<string>();
    for (const { context } of this.#connections())
      (context.credential.kind === 'session' ? sessions : tokens).add(context.credential.id);
    const [liveSessions, liveTokens] = await Promise.all([
      liveSessionIds(this.#options.db, [...sessions]),
      liveApiTokenIds(this.#options.db, [...tokens]),
    ]);
    return this.closeWhere(
      ({ credential }) =>
        !(credential.kind === 'session' ? liveSessions : liveTokens).has(credential.id),
      'signed out or expired',
    );
  }

  async onDestroy() {
    clearInterval(this.#timer);
  }
}
