import type { BoardRole } from '../db/boards.ts';

/** What `onAuthenticate` learns about a WebSocket connection. */
export interface CollabContext {
  userId: string;
  role: BoardRole;
  /** How the connection authenticated. */
  via: 'session' | 'cookie' | 'api-token';
  /** The credential it holds (session id or API token id, both hashes), so revoking it
   * closes exactly the sockets that hold it. */
  credential: { kind: 'session' | 'api-token'; id: string };
}

/** Close codes we send (4000–4999 are application-defined). */
export const CLOSE_CODES = {
  malformed: 4400,
  unauthorized: 4401,
  tooLarge: 4413,
  rateLimited: 4429,
  storageUnavailable: 4503,
} as const;

/** WebSocket close reasons may be at most 123 bytes (RFC 6455). */
const MAX_CLOSE_REASON_BYTES = 123;

export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason);
  if (bytes.byteLength <= MAX_CLOSE_REASON_BYTES) return reason;
  return (
    new TextDecoder().decode(bytes.slice(0, MAX_CLOSE_REASON_BYTES - 3)).replace(/\uFFFD$/, '') +
    '...'
  );
}
