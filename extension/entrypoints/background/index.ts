import type { BackgroundDefinition } from 'wxt';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { outbox, routes, samplesCache } from '../../lib/background-state.ts';
import { BoardLink } from '../../lib/board-link.ts';
import { extensionUrl } from '../../lib/extension-url.ts';
import type { EquationStatus, LinkStatus } from '../../lib/messages.ts';
import { onMessage, sendMessage } from '../../lib/messaging.ts';
import { toggleOverlayIn } from '../../lib/overlay-injection.ts';
import { loadPersonalSamples } from '../../lib/personal-samples.ts';
import { loadSettings, onSettingsChanged } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';
import { relayTrackerPorts } from '../../lib/tracker-relay.ts';

/**
 * Background: shows the overlay on demand (shortcut, popup, context menu) in the active
 * tab, and keeps the board link (one Hocuspocus provider for the chosen board, with a
 * persistent outbox so equations written offline are sent later). Its state is in
 * storage (`lib/background-state.ts`), so MV3 may stop this worker at any time.
 */

const MENU_ID = 'toggle-overlay';
const FINAL: readonly EquationStatus[] = ['solved', 'unsupported', 'error'];

function isConfigured(s: Settings): boolean {
  return s.serverUrl !== '' && s.token !== '' && s.boardId !== '';
}

const background: BackgroundDefinition = defineBackground({
  type: 'module',
  main() {
    let link: BoardLink | null = null;
    let linkKey = '';

    /** Send an equation's status to the tab that sent it; forget the route once final. */
    async function route(
      id: string,
      status: EquationStatus,
      answer: string | null,
      error: string | null,
    ): Promise<void> {
      const tabId = (await routes.get())[id];
      if (tabId === undefined) return;
      if (FINAL.includes(status))
        await routes.update((r) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== id)));
      await sendMessage('equationUpdate', { id, status, answer, error }, tabId).catch(() => {
        // The tab was closed or navigated: the answer is still on the board.
      });
    }

    function relink(s: Settings): BoardLink | null {
      const key = `${s.serverUrl}|${s.token}|${s.boardId}`;
      if (key === linkKey) return link;
      link?.destroy();
      link = null;
      linkKey = key;
      if (!isConfigured(s)) return null;
      link = new BoardLink({
        serverUrl: s.serverUrl,
        token: s.token,
        boardId: s.boardId,
        author: s.account || 'extension',
        store: outbox,
        onUpdate: (id, status, answer, error) => void route(id, status, answer, error),
      });
      return link;
    }

    /** The link, restored with what an earlier worker left: the outbox and the routes. */
    async function restore(): Promise<BoardLink | null> {
      const [s, items, waiting] = await Promise.all([loadSettings(), outbox.get(), routes.get()]);
      const ids = Object.keys(waiting);
      if (items.length === 0 && ids.length === 0 && !link) return null;
      const l = relink(s);
      l?.watch(ids);
      return l;
    }

    // At start (a new worker, maybe after MV3 stopped the last one): resume sending and
    // watching for answers at once.
    void restore();
    onSettingsChanged((s) => {
      if (link) relink(s);
    });

    // Firefox cannot connect the overlay to its tracker iframe directly (see the relay).
    if (extensionUrl('/').startsWith('moz-extension:')) relayTrackerPorts();

    async function toggleActiveTab(): Promise<void> {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined) await toggleOverlayIn(tab.id);
    }

    // Each of these grants `activeTab` for the tab, which lets us inject the overlay there.
    browser.commands.onCommand.addListener((command, tab) => {
      if (command !== 'toggle-overlay') return;
      if (tab?.id !== undefined) void toggleOverlayIn(tab.id);
      else void toggleActiveTab();
    });
    browser.runtime.onInstalled.addListener(() => {
      browser.contextMenus.create({
        id: MENU_ID,
        title: 'Write math here (MotionMath)',
        contexts: ['page', 'video', 'image', 'frame', 'selection', 'link'],
      });
    });
    browser.contextMenus.onClicked.addListener((info, tab) => {
      if (info.menuItemId === MENU_ID && tab?.id !== undefined) void toggleOverlayIn(tab.id);
    });

    onMessage('sendEquation', async ({ data: equation, sender }) => {
      if (sender.tab?.id !== undefined) {
        const tabId = sender.tab.id;
        await routes.update((r) => ({ ...r, [equation.id]: tabId }));
      }
      const l = relink(await loadSettings());
      if (!l) {
        await outbox.update((items) => [...items, equation]);
        return { queued: true, reason: 'no board configured' };
      }
      await l.send(equation);
      return { queued: false };
    });
    onMessage('awaitAnswers', async () => {
      await restore();
    });
    onMessage('linkStatus', async (): Promise<LinkStatus> => {
      const s = await loadSettings();
      // Asked by the popup: connect when a board is configured, so "connected" is true.
      const l = isConfigured(s) ? relink(s) : link;
      return (
        l?.status() ?? {
          connected: false,
          configured: isConfigured(s),
          queued: (await outbox.get()).length,
          boardId: s.boardId,
          error: null,
        }
      );
    });
    onMessage('toggleActiveTab', () => toggleActiveTab());
    // Fetched here, not in the content script: the page's CSP does not apply.
    onMessage('personalSamples', async () =>
      loadPersonalSamples(await loadSettings(), samplesCache),
    );
  },
});
export default background;
