import { browser } from 'wxt/browser';
import { extensionUrl } from './extension-url.ts';

/**
 * Access to the user's board server is an optional host permission for that one origin,
 * asked when they connect (not at install): the extension needs no access to any other
 * site. With it, the background and the extension pages reach the server without relying
 * on its CORS answer.
 */

/** The match pattern of a server's origin (Firefox's patterns take no port). */
function originPattern(serverUrl: string): string {
  const url = new URL(serverUrl);
  const firefox = extensionUrl('/').startsWith('moz-extension:');
  return `${url.protocol}//${firefox ? url.hostname : url.host}/*`;
}

/**
 * Ask for access to the server (call it straight from a click: the browser wants a user
 * gesture). Resolves true at once, with no prompt, when it was granted before.
 */
export function requestHostAccess(serverUrl: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(serverUrl)] });
}
