import type {
  Extension,
  afterUnloadDocumentPayload,
  onAuthenticatePayload,
} from '@hocuspocus/server';
import { hashToken } from '../auth/secrets.ts';
import { findBoard } from '../db/boards.ts';
import type { Database } from '../db/database.ts';
import { boardRoleFor, principalFromToken } from '../auth/principal.ts';
import { readCookie, SESSION_COOKIE } from '../http/cookies.ts';
import type { Logger } from '../logger.ts';
import type { CollabContext } from './context.ts';

export interface BoardAuthOptions {
  db: Database;
  logger: Logger;
  /** Origins whose pages may connect with the session cookie. */
  isAllowedOrigin: (origin: string | null) => boolean;
  /** Boards loaded at once on this instance, in all and of one owner. */
  maxLoadedDocuments: number;
  maxLoadedDocumentsPerOwner: number;
}

/** How long a board counts as loading after its first connection was admitted, before
 * it shows up as loaded: covers the storage read of even a large board. */
const LOAD_RESERVATION_MS = 30_000;

/** Thrown to refuse a connection; Hocuspocus sends the reason to the provider. */
function deny(reason: string): Error & { reason: string } {
  return Object.assign(new Error(reason), { reason });
}

/**
 * WebSocket authentication. The provider's token is a session token or an API token;
 * with no token, the session cookie counts, but only from an allowed Origin (a page on
 * another site must not ride on the user's cookie: cross-site WebSocket hijacking).
 * The document name is the board id. Viewers get a read-only connection: Hocuspocus
 * then refuses their document updates (and DurableStorage never stores them).
 */
export class BoardAuth implements Extension {
  priority = 100;
  extensionName = 'board-auth';
  private readonly options: BoardAuthOptions;
  /** The owner of each board loaded (or loading) here, for the per-owner cap. */
  private readonly owners = new Map<string, { owner: string; reservedAt: number }>();

  constructor(options: BoardAuthOptions) {
    this.options = options;
  }

  async onAuthenticate(payload: onAuthenticatePayload): Promise<CollabContext> {
    const { token, requestHeaders, documentName, connectionConfig, instance } = payload;
    // Board ids are lower-case UUIDs. Hocuspocus names documents case-sensitively while
    // the database compares UUIDs case-insensitively: `ABC…` opened a shadow document
    // of board `abc…`, outside every check made on the real one.
    if (documentName !== documentName.toLowerCase()) throw deny('board ids are lower case');
    let bearer = token;
    let via: CollabContext['via'] = token.startsWith('mmat_') ? 'api-token' : 'session';
    if (!bearer) {
      if (!this.options.isAllowedOrigin(requestHeaders.get('origin'))) {
        throw deny('cookie authentication needs an allowed Origin');
      }
      bearer = readCookie(requestHeaders.get('cookie'), SESSION_COOKIE) ?? '';
      via = 'cookie';
    }
    if (!bearer) throw deny('sign in required');
    const principal = await principalFromToken(this.options.db, bearer);
    if (!principal) throw deny('invalid or expired token');
    const role = await boardRoleFor(this.options.db, principal, documentName);
    if (!role) throw deny('no access to this board');
    if (!instance.documents.has(documentName)) await this.admitLoad(documentName, instance);
    connectionConfig.readOnly = role === 'viewer';
    this.options.logger.debug(
      { documentName, userId: principal.user.id, role, via },
      'connection authenticated',
    );
    const credential =
      principal.kind === 'session'
        ? { kind: 'session' as const, id: principal.session.id }
        : { kind: 'api-token' as const, id: hashToken(bearer) };
    return { userId: principal.user.id, role, via, credential };
  }

  /** A board not loaded yet may load only within the caps on loaded boards. The
   * reservation is made without an await between count and set, so parallel connections
   * to many boards cannot all pass the count. */
  private async admitLoad(documentName: string, instance: onAuthenticatePayload['instance']) {
    const owner = (await findBoard(this.options.db, documentName))?.ownerId;
    const now = Date.now();
    const live = (name: string) =>
      instance.documents.has(name) || instance.loadingDocuments.has(name);
    for (const [name, entry] of this.owners)
      if (!live(name) && now - entry.reservedAt > LOAD_RESERVATION_MS) this.owners.delete(name);
    if (instance.documents.size + instance.loadingDocuments.size >= this.options.maxLoadedDocuments)
      throw deny('the server has too many boards open; try again in a minute');
    if (!owner) return;
    let ofOwner = 0;
    for (const [name, entry] of this.owners)
      if (entry.owner === owner && name !== documentName) ofOwner++;
    if (ofOwner >= this.options.maxLoadedDocumentsPerOwner)
      throw deny(
        `this board's owner has ${ofOwner} boards open already (limit ${this.options.maxLoadedDocumentsPerOwner})`,
      );
    this.owners.set(documentName, { owner, reservedAt: now });
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload) {
    if (instance.documents.has(documentName) || instance.loadingDocuments.has(documentName)) return; // loaded again meanwhile (see DurableStorage.afterUnloadDocument)
    this.owners.delete(documentName);
  }
}
