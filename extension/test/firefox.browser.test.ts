import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '@motionmath/collab-server';
import type { CollabServer } from '@motionmath/collab-server';
import { serveStatic, sharedData } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import { waitUntil } from './browser-session.ts';
import { ensureBuild } from './extension-build.ts';
import { firefoxMissing, openFirefox } from './firefox-session.ts';
import type { FirefoxSession } from './firefox-session.ts';
import { watchNetwork } from './network-watch.ts';
import type { NetworkWatch } from './network-watch.ts';
import { callServer, signUpWithExtensionToken } from './server-account.ts';

/**
 * The Firefox MV3 build (e2e mode: open shadow root) in real Firefox ESR (on Xvfb when
 * installed, for WebGL; else headless), over WebDriver BiDi: installed as a temporary
 * add-on, Firefox's fake camera, every non-loopback request sent to the recording proxy.
 */

/** How long the hostile page keeps trying before we check the camera is still off. */
const HOSTILE_ATTEMPT_MS = 3000;

/** The overlay's state, read through its (e2e-only) open shadow root. */
const OVERLAY_STATE = `(() => {
  const host = document.querySelector('motionmath-overlay');
  const root = host?.shadowRoot?.querySelector('.mm-root');
  return {
    host: !!host,
    tracker: root?.getAttribute('data-tracker') ?? null,
    stats: root?.getAttribute('data-stats') ?? null,
    iframe: root?.querySelector('iframe.mm-preview')?.src ?? null,
    hud: root?.querySelector('.mm-hud')?.textContent ?? null,
  };
})()`;

/** The tracker page's camera state ('on' / 'off'). */
const CAMERA_STATE = 'document.documentElement.dataset.camera';
const HAS_WEBGL = "!!document.createElement('canvas').getContext('webgl2')";

interface OverlayState {
  host: boolean;
  tracker: string | null;
  stats: string | null;
  iframe: string | null;
  hud: string | null;
}

const photos = sharedData('hands/landmarks.json');

describe.skipIf(firefoxMissing)(`extension in Firefox ${firefoxMissing ?? ''}`, () => {
  let firefox: FirefoxSession;
  let network: NetworkWatch;
  let site: StaticSite;
  let server: CollabServer;

  beforeAll(async () => {
    // No CORS for the extension here: only the host permission can let it in.
    server = await createServer({ port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent' });
    await server.listen();
    const extensionDir = ensureBuild('e2e', 'firefox');
    network = await watchNetwork();
    site = await serveStatic({
      '/': '<!doctype html><title>lesson</title><h1>A local page</h1>',
      '/hostile': `<!doctype html><title>hostile</title><body><script>
        const frame = document.createElement('iframe');
        frame.allow = 'camera *';
        frame.src = new URLSearchParams(location.search).get('tracker');
        document.body.append(frame);
        frame.onload = () => {
          const cmds = [{ type: 'start', model: 'lite', cameraId: '', numHands: 1 }, 'start',
            { type: 'start' }, { cmd: 'start' }];
          const timer = setInterval(() => {
            for (const c of cmds) frame.contentWindow.postMessage(c, '*');
          }, 200);
          setTimeout(() => clearInterval(timer), ${HOSTILE_ATTEMPT_MS});
        };
      </script></body>`,
    });
    firefox = await openFirefox({ extensionDir, proxyPort: network.proxyPort });
  }, 120_000);

  afterAll(async () => {
    await firefox?.close();
    await server?.close();
    await site?.close();
    await network?.close();
  });

  const overlay = () => firefox.evaluate<OverlayState>(firefox.tab, OVERLAY_STATE);

  const openOverlay = async () => {
    // Nothing of the extension runs in the page until the shortcut injects the overlay.
    expect(await overlay()).toMatchObject({ host: false });
    expect(await firefox.fireShortcut('alt,shift', 'M')).toBe(true);
    await waitUntil('the overlay', async () => (await overlay()).host, 15_000);
  };
  const closeOverlay = async () => {
    expect(await firefox.fireShortcut('alt,shift', 'M')).toBe(true);
    await waitUntil('the overlay to close', async () => !(await overlay()).host, 10_000);
    expect(await firefox.frames(firefox.tab)).toEqual([]);
  };

  it('Alt+Shift+M opens the overlay, whose tracker turns the camera on; again closes it', async () => {
    await firefox.navigate(`${site.url}/`);
    expect(await overlay()).toMatchObject({ host: false });
    await openOverlay();
    const opened = await overlay();
    expect(opened.iframe).toMatch(
      new RegExp(`^${firefox.extensionOrigin}/tracker\\.html#n=[0-9a-f-]{36}$`),
    );
    expect(opened.hud).toContain('Send');
    // The tracker got the overlay's commands (through the background relay: Firefox
    // cannot connect them directly) and reported back: camera open, landmarker loaded.
    await waitUntil('the tracker to run', async () => (await overlay()).tracker === 'running');
    const [tracker] = await firefox.frames(firefox.tab);
    expect(tracker?.url).toBe(opened.iframe);
    expect(await firefox.evaluate(tracker?.context ?? '', CAMERA_STATE)).toBe('on');
    await closeOverlay();
  });

  it('HandLandmarker runs on the camera in the overlay, and finds the hand in a real photo', async (test) => {
    await firefox.navigate(`${firefox.extensionOrigin}/tracker.html`);
    if (!(await firefox.evaluate<boolean>(firefox.tab, HAS_WEBGL)))
      test.skip('no WebGL in this Firefox (headless, no GPU): install xvfb');
    // The fake camera shows a generated pattern (no hand): this checks that frames go
    // through HandLandmarker; the overlay publishes stats every 30 landmark frames.
    await firefox.navigate(`${site.url}/`);
    await openOverlay();
    await waitUntil('30 frames through HandLandmarker', async () => !!(await overlay()).stats);
    await closeOverlay();
    if (!photos.path) return;
    const photo = readFileSync(join(photos.path, '..', 'fingerpose_nocurl.jpg'));
    await firefox.navigate(`${firefox.extensionOrigin}/tracker.html`);
    const hands = await firefox.evaluate<number[][][][]>(
      firefox.tab,
      `globalThis.motionmathTracker.detectImages(
        ['data:image/jpeg;base64,${photo.toString('base64')}'], 'lite')`,
    );
    expect(hands[0]?.length).toBe(1);
    expect(hands[0]?.[0]?.length).toBe(21);
  });

  it('a page that embeds the tracker itself cannot start the camera', async () => {
    // Firefox has no use_dynamic_url: the tracker's URL is stable, so a page can embed
    // it with a nonce of its own. It still gets no port with that nonce.
    const trackerUrl = `${firefox.extensionOrigin}/tracker.html#n=${crypto.randomUUID()}`;
    await firefox.navigate(`${site.url}/hostile?tracker=${encodeURIComponent(trackerUrl)}`);
    await new Promise((r) => setTimeout(r, HOSTILE_ATTEMPT_MS + 500));
    const [tracker] = await firefox.frames(firefox.tab);
    expect(tracker?.url).toBe(trackerUrl);
    expect(await firefox.evaluate(tracker?.context ?? '', CAMERA_STATE)).toBe('off');
  });

  it('the options page renders', async () => {
    await firefox.navigate(`${firefox.extensionOrigin}/options.html`);
    await waitUntil(
      'the options form',
      async () =>
        (await firefox.evaluate<number>(firefox.tab, `document.querySelectorAll('input').length`)) >
        0,
      10_000,
    );
    const page = await firefox.evaluate<{ title: string; labels: string[] }>(
      firefox.tab,
      `({ title: document.querySelector('h1')?.textContent ?? '',
          labels: [...document.querySelectorAll('label')].map((l) => l.textContent) })`,
    );
    expect(page.title).toBe('MotionMath settings');
    expect(page.labels.join('|')).toContain('Server URL');
  });

  /** A real click (BiDi input): browsers let only user input ask for permissions. */
  const click = async (selector: string) => {
    const box = await firefox.evaluate<{ x: number; y: number }>(
      firefox.tab,
      `(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect();
        return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2) }; })()`,
    );
    await firefox.bidi.send('input.performActions', {
      context: firefox.tab,
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          actions: [
            { type: 'pointerMove', x: box.x, y: box.y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
  };
  /** Sets a React-controlled form field the way typing does (an input/change event). */
  const setField = (selector: string, value: string) =>
    firefox.evaluate(
      firefox.tab,
      `(() => { const el = document.querySelector(${JSON.stringify(selector)});
        const proto = el instanceof HTMLSelectElement ? HTMLSelectElement : HTMLInputElement;
        Object.getOwnPropertyDescriptor(proto.prototype, 'value').set.call(el, ${JSON.stringify(value)});
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
        return true; })()`,
    );
  const grantedOrigins = () =>
    firefox.evaluate<string[]>(firefox.tab, `browser.permissions.getAll().then((p) => p.origins)`);

  it('connecting asks for the board server only, once; boards load; the popup is truthful', async () => {
    const account = await signUpWithExtensionToken(server.url, 'pupil@example.org');
    const created = await callServer(
      server.url,
      'POST',
      '/api/boards',
      { name: 'Fractions' },
      account.session,
    );
    const boardId = (created['board'] as { id: string }).id;
    await firefox.navigate(`${firefox.extensionOrigin}/options.html`);
    await waitUntil('the options form', async () =>
      firefox.evaluate<boolean>(firefox.tab, `!!document.querySelector('button[name=refresh]')`),
    );
    expect(await grantedOrigins()).toEqual([]); // nothing at install
    await setField('input[name=serverUrl]', server.url);
    await setField('input[name=token]', account.extensionToken);
    await click('button[name=refresh]');
    const boardOption = `!!document.querySelector('select[name=board] option[value="${boardId}"]')`;
    await waitUntil(
      'the board list',
      () => firefox.evaluate<boolean>(firefox.tab, boardOption),
      20_000,
    );
    // Exactly the server's origin (Firefox patterns take no port), and asked once:
    // connecting again finds it granted.
    const origin = `http://${new URL(server.url).hostname}/*`;
    expect(await grantedOrigins()).toEqual([origin]);
    await click('button[name=refresh]');
    expect(await grantedOrigins()).toEqual([origin]);
    await setField('select[name=board]', boardId);

    // The board link works: the popup names the board and says "Connected" once it is.
    await firefox.navigate(`${firefox.extensionOrigin}/popup.html`);
    const popup = `({ board: document.querySelector('[data-role=board]')?.textContent ?? '',
      connection: document.querySelector('[data-role=connection]')?.textContent ?? '' })`;
    await waitUntil(
      'the popup to say connected',
      async () =>
        (await firefox.evaluate<{ connection: string }>(firefox.tab, popup)).connection ===
        'Connected',
      20_000,
    );
    expect(await firefox.evaluate(firefox.tab, popup)).toEqual({
      board: 'Fractions',
      connection: 'Connected',
    });
  });

  it('no request left the machine', () => {
    expect(network.outside).toEqual([]);
  });
});
