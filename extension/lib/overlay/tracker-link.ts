import { browser } from 'wxt/browser';
import type { Browser } from 'wxt/browser';
import { extensionUrl } from '../extension-url.ts';
import { TRACKER_PORT_PREFIX } from '../messages.ts';
import type { TrackerCommand, TrackerEvent } from '../messages.ts';

/**
 * The overlay's link to its tracker: the tracker page in an iframe (also the camera
 * preview) and the runtime port to it, named with a nonce that is also in the iframe's
 * URL, so the tracker obeys only this overlay (see `entrypoints/tracker/main.ts`).
 */
export class TrackerLink {
  readonly iframe: HTMLIFrameElement;
  private port: Browser.runtime.Port | null = null;
  private closed = false;

  constructor(onEvent: (e: TrackerEvent) => void, onReady: () => void) {
    const nonce = crypto.randomUUID();
    this.iframe = document.createElement('iframe');
    this.iframe.className = 'mm-preview';
    // `*`, not the default (the src's origin): a dynamic web-accessible URL resolves to
    // the extension's real origin, which the default would not match.
    this.iframe.allow = 'camera *';
    this.iframe.title = 'MotionMath camera';
    this.iframe.src = extensionUrl(`/tracker.html#n=${nonce}`);
    // The tracker page registers its onConnect listener once loaded.
    this.iframe.addEventListener('load', () => {
      if (this.closed) return;
      const port = browser.runtime.connect({ name: TRACKER_PORT_PREFIX + nonce });
      this.port = port;
      port.onMessage.addListener(onEvent);
      port.onDisconnect.addListener(() => (this.port = null));
      onReady();
    });
  }

  /** The tracker's window, for page-video frames (`postMessage` with the frame key). */
  get window(): Window | null {
    return this.iframe.contentWindow;
  }

  send(cmd: TrackerCommand): void {
    this.port?.postMessage(cmd);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.send({ type: 'stop' });
    this.port?.disconnect(); // the tracker stops the camera when its port closes
    this.port = null;
  }
}
