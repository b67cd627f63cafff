/**
 * The whiteboard's half of "sign in through the whiteboard" for the browser extension
 * (the contract is in extension/README.md): after the user consents, a scoped API token
 * goes back to the extension's connect page in the URL fragment, with the extension's
 * one-time state. Only an extension page may receive it: a token handed to any other
 * URL would be handed to whoever asked.
 */

/** What the extension's token may do: the boards its user can reach, nothing else. */
export const EXTENSION_TOKEN_SCOPES = ['board:read', 'board:write'] as const;
export const EXTENSION_TOKEN_NAME = 'MotionMath extension';

const EXTENSION_PROTOCOLS = new Set(['chrome-extension:', 'moz-extension:']);
/** The extension's state is a random value; anything this long or longer is not one. */
const MAX_STATE_LENGTH = 256;

export class ExtensionConnectError extends Error {
  override readonly name = 'ExtensionConnectError';
}

/** Checks the request before any token exists; throws a message fit for the user. */
export function checkConnectRequest(redirect: string, state: string): URL {
  let url: URL;
  try {
    url = new URL(redirect);
  } catch {
    throw new ExtensionConnectError(
      'This link is not from the MotionMath extension (no valid return address).',
    );
  }
  if (!EXTENSION_PROTOCOLS.has(url.protocol)) {
    throw new ExtensionConnectError(
      'Only the MotionMath browser extension can receive a token from this page.',
    );
  }
  if (!/^[\w-]+$/.test(state) || state.length > MAX_STATE_LENGTH) {
    throw new ExtensionConnectError('This link is incomplete: open it again from the extension.');
  }
  return url;
}

/** Which extension asks: its origin (what the server checks) and words for the page.
 * (`URL.origin` is "null" for these schemes outside the browser that owns them.) */
export function describeExtension(url: URL): { origin: string; label: string } {
  const browser = url.protocol === 'moz-extension:' ? 'Firefox' : 'Chrome';
  return {
    origin: `${url.protocol}//${url.host}`,
    label: `the ${browser} extension with the id ${url.host}`,
  };
}

/** Where to send the browser once the token exists. */
export function extensionRedirect(redirect: string, state: string, token: string): string {
  const url = checkConnectRequest(redirect, state);
  url.hash = new URLSearchParams({ token, state }).toString();
  return url.toString();
}
