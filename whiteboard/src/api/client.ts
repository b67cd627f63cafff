/**
 * The collab-server HTTP API (see its /openapi.json). Browser sessions ride on the
 * HttpOnly session cookie, so no token is ever readable by page scripts.
 */

import type { PersonalSamplesJson } from '@motionmath/recognizer';

/** The recognizer's samples file format (`SymbolClassifier.exportSamples()`). */
export const SAMPLES_FORMAT = 'motionmath-personal-samples-1';

export type BoardRole = 'owner' | 'editor' | 'viewer';

export interface User {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
}

export interface BoardInfo {
  readonly id: string;
  readonly name: string;
  readonly role: BoardRole;
  readonly ownerId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface ShareLink {
  readonly id: string;
  readonly token: string;
  readonly url: string;
  readonly role: 'editor' | 'viewer';
  readonly expiresAt: string;
}

export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

function parseUser(v: unknown): User {
  const r = asRecord(v);
  return {
    id: String(r['id'] ?? ''),
    email: String(r['email'] ?? ''),
    displayName: String(r['displayName'] ?? ''),
  };
}

function parseBoard(v: unknown): BoardInfo {
  const r = asRecord(v);
  const role = r['role'];
  return {
    id: String(r['id'] ?? ''),
    name: String(r['name'] ?? 'Untitled'),
    role: role === 'owner' || role === 'viewer' ? role : 'editor',
    ...(typeof r['ownerId'] === 'string' ? { ownerId: r['ownerId'] } : {}),
    ...(typeof r['createdAt'] === 'string' ? { createdAt: r['createdAt'] } : {}),
    ...(typeof r['updatedAt'] === 'string' ? { updatedAt: r['updatedAt'] } : {}),
  };
}

export class ApiClient {
  readonly base: string;
  private readonly fetchImpl: typeof fetch;

  constructor(base: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.base = base.replace(/\/$/, '');
    this.fetchImpl = fetchImpl;
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const response = await this.fetchImpl(`${this.base}${path}`, {
      method,
      credentials: 'include',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { error: text };
    }
    if (!response.ok) {
      const message = asRecord(data)['error'];
      throw new ApiError(
        response.status,
        typeof message === 'string' ? message : `HTTP ${response.status}`,
      );
    }
    return asRecord(data);
  }

  /** The signed-in user, or null. */
  async me(): Promise<User | null> {
    const user = (await this.call('GET', '/api/auth/session'))['user'];
    return user === null || user === undefined ? null : parseUser(user);
  }

  async signUp(email: string, password: string, displayName: string): Promise<User> {
    return parseUser(
      (await this.call('POST', '/api/auth/signup', { email, password, displayName }))['user'],
    );
  }

  async signIn(email: string, password: string): Promise<User> {
    return parseUser((await this.call('POST', '/api/auth/signin', { email, password }))['user']);
  }

  async signOut(): Promise<void> {
    await this.call('POST', '/api/auth/signout');
  }

  /** OAuth providers configured on the server (`github`, `google`). */
  async oauthProviders(): Promise<string[]> {
    try {
      const list = (await this.call('GET', '/api/auth/oauth/providers'))['providers'];
      return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  oauthUrl(provider: string): string {
    return `${this.base}/api/auth/oauth/${encodeURIComponent(provider)}`;
  }

  /** A scoped API token for a non-browser client (the extension). Shown once, never stored here. */
  async createApiToken(name: string, scopes: readonly string[]): Promise<string> {
    const token = (await this.call('POST', '/api/me/tokens', { name, scopes }))['token'];
    if (typeof token !== 'string') throw new Error('the server returned no token');
    return token;
  }

  /** The user's personal handwriting samples (the recognizer's samples file). */
  async getSamples(): Promise<PersonalSamplesJson> {
    const file = await this.call('GET', '/api/me/samples');
    if (file['format'] !== SAMPLES_FORMAT || !Array.isArray(file['samples']))
      throw new Error('the server returned no samples file');
    return file as unknown as PersonalSamplesJson;
  }

  async putSamples(file: PersonalSamplesJson): Promise<void> {
    await this.call('PUT', '/api/me/samples', file);
  }

  async listBoards(): Promise<BoardInfo[]> {
    const list = (await this.call('GET', '/api/boards'))['boards'];
    return Array.isArray(list) ? list.map(parseBoard) : [];
  }

  async getBoard(id: string): Promise<BoardInfo> {
    return parseBoard((await this.call('GET', `/api/boards/${encodeURIComponent(id)}`))['board']);
  }

  async createBoard(name: string): Promise<BoardInfo> {
    return parseBoard((await this.call('POST', '/api/boards', { name }))['board']);
  }

  async renameBoard(id: string, name: string): Promise<void> {
    await this.call('PATCH', `/api/boards/${encodeURIComponent(id)}`, { name });
  }

  async deleteBoard(id: string): Promise<void> {
    await this.call('DELETE', `/api/boards/${encodeURIComponent(id)}`);
  }

  async createShareLink(id: string, role: 'editor' | 'viewer'): Promise<ShareLink> {
    const r = await this.call('POST', `/api/boards/${encodeURIComponent(id)}/share-links`, {
      role,
    });
    return {
      id: String(r['id'] ?? ''),
      token: String(r['token'] ?? ''),
      url: String(r['url'] ?? ''),
      role: r['role'] === 'viewer' ? 'viewer' : 'editor',
      expiresAt: String(r['expiresAt'] ?? ''),
    };
  }

  /** Redeem a share link: we become a member with its role; returns the board. */
  async acceptShare(token: string): Promise<{ boardId: string; role: BoardRole }> {
    const r = await this.call('POST', `/api/share/${encodeURIComponent(token)}/accept`);
    const role = r['role'];
    return {
      boardId: String(r['boardId'] ?? ''),
      role: role === 'owner' || role === 'viewer' ? role : 'editor',
    };
  }
}
