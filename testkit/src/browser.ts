import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';

/**
 * Browser tests run Debian's Chromium (no browser download is possible here).
 * These flags keep it from reaching for Google services on a closed network:
 * without them it floods the network with refused connections.
 */
export const CHROMIUM_QUIET_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

/** `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const chromiumPath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    ...options,
    args: [...CHROMIUM_QUIET_FLAGS, ...(options.args ?? [])],
  });
}

export interface ExtensionBrowser {
  readonly context: BrowserContext;
  /** Closes the browser and removes its throwaway profile. */
  close(): Promise<void>;
}

/**
 * Chromium with an unpacked extension loaded. Extensions need a persistent context,
 * so each call gets a fresh temporary profile that `close()` removes.
 */
export async function launchWithExtension(
  extensionDir: string,
  extraArgs: readonly string[] = [],
): Promise<ExtensionBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'motionmath-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      ...CHROMIUM_QUIET_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...extraArgs,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
