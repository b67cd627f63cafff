import { browser } from 'wxt/browser';

/**
 * `runtime.getURL` for a file of this extension. (WXT types it against generated path
 * lists; the project typechecks without generated files, so the call is typed here once.)
 */
export function extensionUrl(path: string): string {
  return (browser.runtime as unknown as { getURL(path: string): string }).getURL(path);
}
