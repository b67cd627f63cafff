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

/** What the keyboard shortcut does: toggle the overlay in the active tab. */
export async function toggleOverlay(session: ExtensionSession, page: Page): Promise<void> {
  await page.bringToFront();
  await session.worker.evaluate(async () => {
    const chrome = (globalThis as unknown as { chrome: ChromeInWorker }).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    await chrome.tabs.sendMessage(tab.id, { type: 'toggle' });
  });
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
