import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import type { Page } from 'playwright-core';
import {
  fakeCameraArgs,
  openExtension,
  overlayOpen,
  toggleOverlay,
  trackerFrame,
  waitUntil,
} from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';
import { buildDir } from './extension-build.ts';

/**
 * Least privilege (issue 20), on the built Chrome extension: what the manifest asks for,
 * that a page where the extension is not used runs none of its code, that the overlay
 * still opens with the shortcut (on a strict-CSP page too), and that a page cannot tell
 * the extension is installed by loading one of its files at a fixed URL.
 */

/** Chrome's limit for a store description. */
const MAX_DESCRIPTION = 132;
const ICON_SIZES = ['16', '32', '48', '128'];
const ALLOWED_PERMISSIONS = ['storage', 'activeTab', 'scripting', 'contextMenus'];

interface Manifest {
  description: string;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: unknown[];
  icons?: Record<string, string>;
  web_accessible_resources?: { resources: string[]; use_dynamic_url?: boolean }[];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const LESSON = '<!doctype html><title>lesson</title><h1>Algebra, lesson 3</h1>';

describe('least privilege in Chrome', () => {
  let session: ExtensionSession;
  let site: StaticSite;

  beforeAll(async () => {
    session = await openExtension(fakeCameraArgs());
    site = await serveStatic({
      '/': LESSON,
      '/strict': (_req, res) => {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'self'; script-src 'none'; object-src 'none'",
        });
        res.end(LESSON);
      },
    });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await site?.close();
  });

  it('the manifest asks for no site access and declares no content script', () => {
    for (const mode of ['production', 'e2e'] as const) {
      let manifest: Manifest;
      try {
        manifest = JSON.parse(readFileSync(join(buildDir(mode), 'manifest.json'), 'utf8'));
      } catch {
        continue; // that build was not made in this run
      }
      expect(manifest.host_permissions ?? [], mode).toEqual([]);
      expect(manifest.content_scripts ?? [], mode).toEqual([]);
      expect(ALLOWED_PERMISSIONS).toEqual(expect.arrayContaining(manifest.permissions ?? []));
      // The board server is asked for at connect time, for its one origin.
      expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
      for (const war of manifest.web_accessible_resources ?? [])
        expect(war.use_dynamic_url, war.resources.join()).toBe(true);
      expect(Object.keys(manifest.icons ?? {}).sort()).toEqual([...ICON_SIZES].sort());
      expect(manifest.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    }
  });

  /** Execution contexts the page's frames get: an injected content script adds one. */
  async function extensionContexts(page: Page): Promise<() => string[]> {
    const cdp = await page.context().newCDPSession(page);
    const seen: string[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.origin.startsWith('chrome-extension://') || context.name === 'MotionMath')
        seen.push(`${context.name} ${context.origin}`);
    });
    await cdp.send('Runtime.enable');
    return () => [...seen];
  }

  it('a page where it was never used runs none of its code; the shortcut injects it', async () => {
    const page = await session.browser.context.newPage();
    const contexts = await extensionContexts(page);
    await page.goto(site.url);
    await page.locator('h1').waitFor();
    // Nothing of the extension in the page: no script world, no element, no request.
    expect(contexts()).toEqual([]);
    expect(await overlayOpen(page)).toBe(false);
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name),
    );
    expect(loaded.filter((u) => u.startsWith('chrome-extension:'))).toEqual([]);
    // The same check sees the overlay once the user asks for it.
    await toggleOverlay(session, page);
    await waitUntil('the content script world', async () => contexts().length > 0);
    await toggleOverlay(session, page);
    await page.close();
  }, 60_000);

  it.each([
    ['a local page', '/'],
    ['a page with a strict CSP', '/strict'],
  ])(
    'the shortcut opens the overlay and its camera on %s',
    async (name, path) => {
      const page = await session.browser.context.newPage();
      await page.goto(site.url + path);
      await toggleOverlay(session, page);
      const root = page.locator('motionmath-overlay .mm-root');
      await waitUntil(
        'the tracker to run',
        async () => (await root.getAttribute('data-tracker')) === 'running',
        45_000,
      );
      const tracker = await trackerFrame(page);
      expect(await tracker.evaluate(() => document.documentElement.dataset['camera'])).toBe('on');
      await page.screenshot({
        path: join(buildDir('e2e'), '..', `overlay-${path === '/' ? 'page' : 'strict'}.png`),
      });
      // Pressed again, the same shortcut closes it (the script stays, the overlay goes).
      await toggleOverlay(session, page);
      expect(await overlayOpen(page), name).toBe(false);
      await page.close();
      expect(session.network.outside).toEqual([]);
    },
    90_000,
  );

  it('a page cannot detect the extension by loading any of its files at a fixed URL', async () => {
    const dir = buildDir('e2e');
    const files = filesUnder(dir).map((f) => relative(dir, f).replaceAll('\\', '/'));
    const fixed = files.map((f) => `chrome-extension://${session.extensionId}/${f}`);
    // The session's dynamic URL of the tracker: what the overlay itself may load.
    const dynamic = await session.worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { runtime: { getURL(p: string): string } } }
      ).chrome.runtime.getURL('/tracker.html'),
    );
    expect(dynamic).not.toContain(session.extensionId);
    const page = await session.browser.context.newPage();
    await page.goto(site.url);
    const probe = (urls: string[]) =>
      page.evaluate(
        (list) =>
          Promise.all(
            list.map((url) =>
              fetch(url).then(
                (r) => (r.ok ? url : null),
                () => null,
              ),
            ),
          ),
        urls,
      );
    // The probe works: a web-accessible file at its dynamic URL does load...
    expect(await probe([dynamic])).toEqual([dynamic]);
    // ...and not one file answers at the extension's fixed id.
    expect((await probe(fixed)).filter((u) => u !== null)).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
    await page.close();
  }, 60_000);
});
