import { Mutex } from 'async-mutex';
import { browser } from 'wxt/browser';
import { sendMessage } from './messaging.ts';

/**
 * The overlay runs only in a tab where the user asked for it: the background injects its
 * content script on the first toggle (with the `activeTab` grant that the shortcut, the
 * popup or the context menu gives), and later toggles go to the script already there.
 */

/** Where WXT writes the overlay's content script (`entrypoints/overlay.content`). */
const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

/** One toggle at a time: two quick presses must not inject the script twice. */
const toggling = new Mutex();

export function toggleOverlayIn(tabId: number): Promise<void> {
  return toggling.runExclusive(async () => {
    try {
      await sendMessage('toggleOverlay', undefined, tabId);
    } catch {
      // Nothing listens in that tab yet: inject the overlay, which opens when it starts.
      await browser.scripting.executeScript({ target: { tabId }, files: [OVERLAY_SCRIPT] });
    }
  });
}
