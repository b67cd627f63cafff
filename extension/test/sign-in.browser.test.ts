import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '@motionmath/collab-server';
import type { CollabServer } from '@motionmath/collab-server';
import { serveStatic } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import { fakeCameraArgs, openExtension, toggleOverlay } from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';
import { signUpWithExtensionToken } from './server-account.ts';

/**
 * "Sign in through the whiteboard": the options page sends the user to
 * `<server>/extension/connect?redirect&state`; the whiteboard (a stand-in here, forwarding
 * `/api/*` to a real collab-server; the real page is tested in whiteboard/) redirects back to
 * connect.html with a scoped token; the extension keeps it only with the right state and
 * after the user confirms. This file loads the production build (what ships); the
 * others load the e2e build, whose overlay Playwright can look into.
 */
/** Setup builds the production extension when its sources changed: minutes at load 20-30. */
const SETUP_TIMEOUT_MS = 300_000;

describe('sign in through the whiteboard', () => {
  let server: CollabServer;
  let whiteboard: StaticSite;
  let session: ExtensionSession;
  let token = '';

  beforeAll(async () => {
    server = await createServer({ port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent' });
    await server.listen();
    token = (await signUpWithExtensionToken(server.url, 'student@example.org')).extensionToken;
    const forward = (req: IncomingMessage, res: ServerResponse) => {
      void fetch(server.url + (req.url ?? ''), {
        headers: { authorization: req.headers.authorization ?? '' },
      }).then(async (r) => {
        res.writeHead(r.status, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
        });
        res.end(await r.text());
      });
    };
    whiteboard = await serveStatic({
      // What the whiteboard does after sign-in and consent: back to the extension.
      '/extension/connect': `<!doctype html><script>
        const q = new URLSearchParams(location.search);
        const redirect = q.get('redirect');
        if (/^(chrome|moz)-extension:\\/\\//.test(redirect))
          location.href = redirect + '#token=${token}&state=' + encodeURIComponent(q.get('state'));
      </script>`,
      '/api/me': forward,
    });
    session = await openExtension(fakeCameraArgs(), 'production');
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await whiteboard?.close();
    await server?.close();
  });

  async function storedSettings(): Promise<Record<string, unknown>> {
    return session.worker.evaluate(async () => {
      const chrome = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } };
        }
      ).chrome;
      return ((await chrome.storage.local.get('settings'))['settings'] ?? {}) as Record<
        string,
        unknown
      >;
    });
  }

  it('a token planted without the one-time state is refused', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(
      `chrome-extension://${session.extensionId}/connect.html#token=${token}&state=forged`,
    );
    await expect.poll(() => page.locator('.error').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('button').count()).toBe(0);
    expect((await storedSettings())['token']).toBeUndefined();
    await page.close();
  });

  it('the whiteboard hands a scoped token back; it is saved after the user confirms', async () => {
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.locator('input[name=serverUrl]').fill(whiteboard.url);
    const [connect] = await Promise.all([
      session.browser.context.waitForEvent('page'),
      options.getByRole('button', { name: 'Sign in through the whiteboard' }).click(),
    ]);
    await connect.waitForURL(/connect\.html/);
    // The fragment with the token is wiped from the address bar at once.
    expect(new URL(connect.url()).hash).toBe('');
    await connect.getByText('as student').waitFor();
    await connect.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(async () => (await storedSettings())['token'], { timeout: 10_000 })
      .toBe(token);
    expect(await storedSettings()).toMatchObject({ serverUrl: whiteboard.url, account: 'student' });
    expect(session.network.outside).toEqual([]);
  }, 60_000);

  it('the shipped overlay is closed to the page it runs on', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(whiteboard.url);
    await toggleOverlay(session, page);
    await page.locator('motionmath-overlay').waitFor({ state: 'attached', timeout: 10_000 });
    // The page's own scripts see the host element but not inside it.
    const visible = await page.evaluate(() => {
      const host = document.querySelector('motionmath-overlay');
      return {
        shadowRoot: host?.shadowRoot ?? null,
        latex: document.querySelector('[data-latex]'),
      };
    });
    expect(visible).toEqual({ shadowRoot: null, latex: null });
    await toggleOverlay(session, page);
    await page.close();
  }, 60_000);
});
