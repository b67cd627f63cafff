import type { BackgroundDefinition } from 'wxt';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { BoardLink } from '../../lib/board-link.ts';
import { extensionUrl } from '../../lib/extension-url.ts';
import type { OutboxStore } from '../../lib/board-link.ts';
import type {
  BackgroundRequest,
  EquationDraft,
  LinkStatus,
  TabMessage,
} from '../../lib/messages.ts';
import { loadPersonalSamples } from '../../lib/personal-samples.ts';
import type { SamplesCache } from '../../lib/personal-samples.ts';
import { loadSettings, onSettingsChanged } from '../../lib/settings.ts';
import type { Settings } from '../../lib/settings.ts';
import { relayTrackerPorts } from '../../lib/tracker-relay.ts';

/**
 * Background: the keyboard shortcut, and the board link (one Hocuspocus provider for the
 * chosen board, with a persistent outbox so equations written offline are sent later,
 * even after the browser restarts).
 */

const OUTBOX_KEY = 'outbox';
const outbox: OutboxStore = {
  async load() {
    return ((await browser.storage.local.get(OUTBOX_KEY))[OUTBOX_KEY] as EquationDraft[]) ?? [];
  },
  async save(items) {
    await browser.storage.local.set({ [OUTBOX_KEY]: items });
  },
};

const SAMPLES_KEY = 'personalSamples';
const samplesCache: SamplesCache = {
  async load() {
    return ((await browser.storage.local.get(SAMPLES_KEY))[SAMPLES_KEY] ?? null) as Awaited<
      ReturnType<SamplesCache['load']>
    >;
  },
  async save(entry) {
    await browser.storage.local.set({ [SAMPLES_KEY]: entry });
  },
};

const background: BackgroundDefinition = defineBackground({
  type: 'module',
  main() {
    let link: BoardLink | null = null;
    let linkKey = '';
    /** Which tab sent each equation, to route its answer back to that overlay. */
    const senders = new Map<string, number>();

    function relink(s: Settings): BoardLink | null {
      const key = `${s.serverUrl}|${s.token}|${s.boardId}`;
      if (key === linkKey) return link;
      link?.destroy();
      link = null;
      linkKey = key;
      if (!s.serverUrl || !s.token || !s.boardId) return null;
      link = new BoardLink({
        serverUrl: s.serverUrl,
        token: s.token,
        boardId: s.boardId,
        author: s.account || 'extension',
        store: outbox,
        onUpdate: (id, status, answer, error) => {
          const tabId = senders.get(id);
          if (tabId === undefined) return;
          const msg = { type: 'equation-update', id, status, answer, error } as TabMessage;
          browser.tabs.sendMessage(tabId, msg).catch(() => {
            // The tab was closed or navigated: the answer is still on the board.
          });
        },
      });
      return link;
    }

    // Start the link at once when an outbox is waiting from an earlier session.
    void loadSettings().then(async (s) => {
      if ((await outbox.load()).length > 0) relink(s);
    });
    onSettingsChanged((s) => {
      if (link) relink(s);
    });

    async function toggleActiveTab(): Promise<void> {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id !== undefined)
        await browser.tabs.sendMessage(tab.id, { type: 'toggle' } satisfies TabMessage);
    }

    // Firefox cannot connect the overlay to its tracker iframe directly (see the relay).
    if (extensionUrl('/').startsWith('moz-extension:')) relayTrackerPorts();

    browser.commands.onCommand.addListener((command) => {
      if (command === 'toggle-overlay') void toggleActiveTab();
    });

    browser.runtime.onMessage.addListener((msg: BackgroundRequest, sender) => {
      // Only our own contexts: content scripts and extension pages of this extension.
      if (sender.id !== browser.runtime.id) return undefined;
      if (msg.type === 'send-equation') {
        if (sender.tab?.id !== undefined) senders.set(msg.equation.id, sender.tab.id);
        return loadSettings().then(async (s) => {
          const l = relink(s);
          if (!l) {
            await outbox.save([...(await outbox.load()), msg.equation]);
            return { queued: true, reason: 'no board configured' };
          }
          await l.send(msg.equation);
          return { queued: false };
        });
      }
      if (msg.type === 'link-status') {
        return outbox.load().then(
          (items): LinkStatus =>
            link?.status() ?? {
              connected: false,
              queued: items.length,
              boardId: '',
              error: null,
            },
        );
      }
      if (msg.type === 'toggle-active-tab') return toggleActiveTab();
      // Fetched here, not in the content script: the page's CSP and CORS do not apply.
      if (msg.type === 'personal-samples')
        return loadSettings().then((s) => loadPersonalSamples(s, samplesCache));
      return undefined;
    });
  },
});
export default background;
