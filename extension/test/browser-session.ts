import type { Frame, Page, Worker } from 'playwright-core';
import { launchWithExtension } from '@motionmath/testkit';
import type { ExtensionBrowser } from '@motionmath/testkit';
import type { ChromeInWorker } from './chrome-api.ts';
import { ensureBuild } from './extension-build.ts';
import type { BuildMode } from './extension-build.ts';
import { watchNetwork } from './network-watch.ts';
import type { NetworkWatch } from './network-watch.ts';

/** Chromium's fake camera and auto-accepted permission prompt. */
export function fakeCameraArgs(y4m?: string): string[] {
  return [
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    ...(y4m ? [`--use-file-for-fake-video-capture=${y4m}`] : []),
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export interface ExtensionSession {
  browser: ExtensionBrowser;
  worker: Worker;
  extensionId: string;
  network: NetworkWatch;
  close(): Promise<void>;
}

/** The built extension in real Chromium, with every outside request recorded. */
export async function openExtension(
  extraArgs: string[] = [],
  mode: BuildMode = 'e2e',
): Promise<ExtensionSession> {
  const dir = ensureBuild(mode, 'chrome');
  const network = await watchNetwork();
  const browser = await launchWithExtension(dir, [...network.chromiumArgs, ...extraArgs]);
  await network.attach(browser.context);
  const worker =
    browser.context.serviceWorkers()[0] ?? (await browser.context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  // A freshly installed worker may still be running its first script when the test presses
  // the shortcut, and Chrome drops a command that no listener has been registered for yet:
  // wait for the positive signal that the background listens.
  await waitUntil('the background to listen for the shortcut', () =>
    worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: ChromeInWorker }
      ).chrome.commands.onCommand.hasListeners(),
    ),
  );
  return {
    browser,
    worker,
    extensionId,
    network,
    close: async () => {
      await browser.close();
      await network.close();
    },
  };
}

/** CDP modifier bits (Input.dispatchKeyEvent). */
const ALT = 1;
const SHIFT = 8;

/**
 * Presses the overlay's shortcut (Alt+Shift+M) on the page, as a person does: the browser
 * runs the extension command, which grants `activeTab` and injects or toggles the
 * overlay. Raw key events, because Chromium matches extension shortcuts on key-down
 * events the page did not consume (a `keyDown` with text is typed into the page instead).
 */
export async function pressShortcut(page: Page): Promise<void> {
  await page.bringToFront();
  const cdp = await page.context().newCDPSession(page);
  try {
    for (const type of ['rawKeyDown', 'keyUp'] as const)
      await cdp.send('Input.dispatchKeyEvent', {
        type,
        modifiers: ALT | SHIFT,
        key: 'M',
        code: 'KeyM',
        windowsVirtualKeyCode: 77,
        nativeVirtualKeyCode: 77,
      });
  } finally {
    await cdp.detach();
  }
}

/** Whether the overlay is open on the page (its shadow host is in the document). */
export async function overlayOpen(page: Page): Promise<boolean> {
  return (await page.locator('motionmath-overlay').count()) > 0;
}

/** Toggle the overlay with the shortcut and wait until it has opened or closed. */
export async function toggleOverlay(_session: ExtensionSession, page: Page): Promise<void> {
  const wasOpen = await overlayOpen(page);
  await pressShortcut(page);
  await waitUntil(
    wasOpen ? 'the overlay to close' : 'the overlay to open',
    async () => (await overlayOpen(page)) !== wasOpen,
    20_000,
  );
}

export async function trackerFrame(page: Page, timeoutMs = 15_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/tracker.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('tracker iframe did not appear');
    await page.waitForTimeout(100);
  }
}

export async function waitUntil(
  description: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An attribute of the overlay's root, where the tests read its state. */
export async function overlayAttr(page: Page, name: string): Promise<string> {
  return (await page.locator('motionmath-overlay .mm-root').getAttribute(name)) ?? '';
}

/** Where the overlay stands (tracking, reading, sent, answered, the HUD's text): said by a
 * failing test, so its message tells recognition, sending and solving apart. */
export async function describeOverlay(page: Page): Promise<string> {
  const hud = await page.locator('motionmath-overlay .mm-hud').innerText();
  const state = ['data-tracker', 'data-latex', 'data-sent', 'data-answered'].map(
    async (a) => `${a}=${await overlayAttr(page, a)}`,
  );
  return `${(await Promise.all(state)).join(' ')}; HUD: ${hud}`;
}
