import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** Bytes of entropy in session tokens, API tokens and share-link tokens (160 bits, as
 * the Lucia guide recommends: unguessable, and short enough for a URL). */
const TOKEN_BYTES = 20;

/** API tokens carry a recognizable prefix so we know which table to look in (and so
 * secret scanners can spot a leaked one). */
export const API_TOKEN_PREFIX = 'mmat_';

export function generateToken(): string {
  const bytes = new Uint8Array(TOKEN_BYTES);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What we store instead of a token: its SHA-256, hex. A database leak then yields
 * nothing that signs anyone in. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
