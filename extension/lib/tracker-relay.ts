import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { extensionUrl } from './extension-url.ts';
import { TRACKER_PORT_PREFIX, TRACKER_RELAY_PREFIX } from './messages.ts';

/**
 * Firefox: the background joins the overlay's port to the tracker's.
 *
 * Firefox does not deliver `runtime.onConnect` (nor `onMessage`) to an extension page
 * framed by a web page: its conduits accept a receiver only when every ancestor frame has
 * the extension's principal (ConduitsParent `verifyEnv`), so the overlay's
 * `runtime.connect` fails with "Receiving end does not exist". Such a frame may still
 * *open* ports. So in Firefox the tracker connects to the background, the overlay's port
 * lands in the background too, and the background pairs the two by the nonce.
 *
 * Same guarantee as the direct port: commands reach a tracker only from a port that this
 * extension's content script opened with the tracker's nonce, in the same tab. A page
 * that embeds the tracker itself picks its nonce, but can open no port with it.
 */

type Port = Browser.runtime.Port;

interface Pair {
  overlay?: Port;
  tracker?: Port;
  /** Overlay messages sent before the tracker's port arrived. */
  queued: unknown[];
}

export function relayTrackerPorts(): void {
  const pairs = new Map<string, Pair>();
  const trackerPage = extensionUrl('/tracker.html');

  const drop = (nonce: string) => {
    const pair = pairs.get(nonce);
    pairs.delete(nonce);
    pair?.overlay?.disconnect();
    pair?.tracker?.disconnect();
  };

  browser.runtime.onConnect.addListener((port) => {
    const side = port.name.startsWith(TRACKER_PORT_PREFIX)
      ? 'overlay'
      : port.name.startsWith(TRACKER_RELAY_PREFIX)
        ? 'tracker'
        : null;
    if (!side) return;
    const nonce = port.name.slice(
      (side === 'overlay' ? TRACKER_PORT_PREFIX : TRACKER_RELAY_PREFIX).length,
    );
    const sender = port.sender;
    const fromUs =
      sender?.id === browser.runtime.id &&
      sender.tab?.id !== undefined &&
      // The overlay is a content script (a page URL); the tracker is our page.
      (side === 'overlay'
        ? !sender.url?.startsWith(trackerPage)
        : sender.url?.startsWith(trackerPage));
    const pair = pairs.get(nonce) ?? { queued: [] };
    const other = side === 'overlay' ? pair.tracker : pair.overlay;
    if (
      !fromUs ||
      nonce === '' ||
      pair[side] !== undefined ||
      (other !== undefined && other.sender?.tab?.id !== sender?.tab?.id)
    ) {
      port.disconnect();
      return;
    }
    pair[side] = port;
    pairs.set(nonce, pair);
    port.onDisconnect.addListener(() => drop(nonce));
    if (side === 'overlay')
      port.onMessage.addListener((msg: unknown) => {
        if (pair.tracker) pair.tracker.postMessage(msg);
        else pair.queued.push(msg);
      });
    else port.onMessage.addListener((msg: unknown) => pair.overlay?.postMessage(msg));
    if (pair.overlay && pair.tracker) {
      for (const msg of pair.queued.splice(0)) pair.tracker.postMessage(msg);
    }
  });
}
