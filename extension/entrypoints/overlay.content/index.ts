import { defineContentScript } from 'wxt/utils/define-content-script';
import type { ContentScriptDefinition } from 'wxt';
import { onMessage } from '../../lib/messaging.ts';
import { Overlay } from '../../lib/overlay/overlay.ts';
import css from './style.css?raw';

/**
 * The overlay's content script. It is declared for no site: the background injects it
 * into the active tab when the user asks for the overlay (shortcut, popup, context menu),
 * and it opens at once; later toggles arrive as messages.
 */
const overlayScript: ContentScriptDefinition = defineContentScript({
  registration: 'runtime',
  // Styles are inlined into the shadow root (`css` above), never fetched from the extension.
  cssInjectionMode: 'manual',
  // The page must not learn from a window message that the overlay started.
  noScriptStartedPostMessage: true,
  main(ctx) {
    let overlay: Overlay | null = null;
    const toggle = () => {
      if (overlay) {
        overlay.close();
        overlay = null;
        return;
      }
      const opened = new Overlay(ctx, () => {
        if (overlay === opened) overlay = null;
      });
      overlay = opened;
      opened.open(css).catch((e: unknown) => console.error('[motionmath]', e));
    };
    const offToggle = onMessage('toggleOverlay', toggle);
    const offUpdate = onMessage('equationUpdate', ({ data }) => overlay?.onEquationUpdate(data));
    ctx.onInvalidated(() => {
      offToggle();
      offUpdate();
      overlay?.close();
    });
    toggle();
  },
});
export default overlayScript;
