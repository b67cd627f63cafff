/**
 * The collab-server HTTP API, through `hc<AppType>` (`hono/client`): paths, bodies and
 * answers are typed from the server's route declarations (schemas in
 * `@motionmath/protocol`), so nothing here restates the contract. Browser sessions ride
 * on the HttpOnly session cookie, so no token is ever readable by page scripts.
 */

import { hc } from 'hono/client';
import type { AppType } from '@motionmath/collab-server';
import { ApiError, apiResult, SAMPLES_FORMAT } from '@motionmath/protocol';
import type {
  ApiBoard,
  ApiBoardRole,
  ApiGrantableRole,
  ApiUser,
  CreatedShareLink,
  ApiShareLink,
  PersonalSamplesFile,
} from '@motionmath/protocol';

export { ApiError, SAMPLES_FORMAT };
export type BoardRole = ApiBoardRole;
export type User = ApiUser;
export type BoardInfo = ApiBoard;
export type ShareLink = CreatedShareLink;
export type ListedShareLink = ApiShareLink;

export class ApiClient {
  readonly base: string;
  private readonly api;

  constructor(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.base = base.replace(/\/$/, '');
    this.api = hc<AppType>(this.base, {
      fetch: fetchImpl,
      init: { credentials: 'include' },
    }).api;
  }

  /** The signed-in user, or null. */
  async me(): Promise<User | null> {
    return (await apiResult(this.api.auth.session.$get())).user;
  }

  async signUp(email: string, password: string, displayName: string): Promise<User> {
    return (await apiResult(this.api.auth.signup.$post({ json: { email, password, displayName } })))
      .user;
  }

  async signIn(email: string, password: string): Promise<User> {
    return (await apiResult(this.api.auth.signin.$post({ json: { email, password } }))).user;
  }

  async signOut(): Promise<void> {
    await apiResult(this.api.auth.signout.$post());
  }

  /** OAuth providers configured on the server (`github`, `google`); none when unreachable. */
  async oauthProviders(): Promise<string[]> {
    try {
      return (await apiResult(this.api.auth.oauth.providers.$get())).providers;
    } catch {
      return [];
    }
  }

  oauthUrl(provider: string): string {
    return `${this.base}/api/auth/oauth/${encodeURIComponent(provider)}`;
  }

  /** A scoped API token for a non-browser client (the extension). Shown once, never stored here. */
  /** A scoped token; for an extension, pass its origin: the server checks it knows the
   * extension and replaces the token that extension had. */
  async createApiToken(
    name: string,
    scopes: readonly ('board:read' | 'board:write')[],
    extensionOrigin?: string,
  ): Promise<string> {
    const json = { name, scopes: [...scopes], ...(extensionOrigin ? { extensionOrigin } : {}) };
    return (await apiResult(this.api.me.tokens.$post({ json }))).token;
  }

  /** The user's personal handwriting samples (the recognizer's samples file). */
  async getSamples(): Promise<PersonalSamplesFile> {
    return apiResult(this.api.me.samples.$get());
  }

  async putSamples(file: PersonalSamplesFile): Promise<void> {
    await apiResult(this.api.me.samples.$put({ json: file }));
  }

  async listBoards(): Promise<BoardInfo[]> {
    return (await apiResult(this.api.boards.$get())).boards;
  }

  async getBoard(id: string): Promise<BoardInfo> {
    return (await apiResult(this.api.boards[':id'].$get({ param: { id } }))).board;
  }

  async createBoard(name: string): Promise<BoardInfo> {
    return (await apiResult(this.api.boards.$post({ json: { name } }))).board;
  }

  async renameBoard(id: string, name: string): Promise<void> {
    await apiResult(this.api.boards[':id'].$patch({ param: { id }, json: { name } }));
  }

  async deleteBoard(id: string): Promise<void> {
    await apiResult(this.api.boards[':id'].$delete({ param: { id } }));
  }

  async createShareLink(id: string, role: ApiGrantableRole): Promise<ShareLink> {
    return apiResult(
      this.api.boards[':id']['share-links'].$post({ param: { id }, json: { role } }),
    );
  }

  /** The board's links, oldest first, revoked and expired ones too (owner only). */
  async listShareLinks(id: string): Promise<ListedShareLink[]> {
    return (await apiResult(this.api.boards[':id']['share-links'].$get({ param: { id } })))
      .shareLinks;
  }

  async revokeShareLink(id: string, linkId: string): Promise<void> {
    await apiResult(
      this.api.boards[':id']['share-links'][':linkId'].$delete({ param: { id, linkId } }),
    );
  }

  /** Redeem a share link: we become a member with its role; returns the board. */
  async acceptShare(token: string): Promise<{ boardId: string; role: BoardRole }> {
    return apiResult(this.api.share[':token'].accept.$post({ param: { token } }));
  }
}
