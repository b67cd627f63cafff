import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyHand } from '@motionmath/recognizer';
import type { Gesture } from '@motionmath/recognizer';
import { serveStatic, sharedData } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import {
  fakeCameraArgs,
  openExtension,
  toggleOverlay,
  trackerFrame,
  waitUntil,
} from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';

interface LandmarkFile {
  expected: Record<string, { gesture: string; hands: number }>;
}

const file = sharedData('hands/landmarks.json');
const data: LandmarkFile | null = file.path
  ? (JSON.parse(readFileSync(file.path, 'utf8')) as LandmarkFile)
  : null;

/** The person-assigned label → the recognizer's gesture ("half_curl/other" is no gesture). */
const EXPECTED: Record<string, Gesture> = {
  fist: 'fist',
  'half_curl/other': 'none',
  pointing: 'pointing',
  open_palm: 'open_palm',
  thumbs_up: 'thumbs_up',
  thumbs_down: 'thumbs_down',
  victory: 'victory',
};

/** How long the hostile page keeps trying before we check the camera is still off. */
const HOSTILE_ATTEMPT_MS = 3000;

describe.skipIf(!data)(`tracker page in Chromium ${file.skipReason ?? ''}`, () => {
  let session: ExtensionSession;
  let site: StaticSite;
  let clipDir: string;

  beforeAll(async () => {
    // A short clip of the real pointing-hand photo, as a page <video> (VP8 WebM by ffmpeg).
    clipDir = await mkdtemp(join(tmpdir(), 'motionmath-clip-'));
    const clip = join(clipDir, 'hand.webm');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-loop',
      '1',
      '-i',
      join(file.path ?? '', '..', 'fingerpose_nocurl.jpg'),
      '-t',
      '2',
      '-r',
      '10',
      '-c:v',
      'libvpx',
      '-b:v',
      '1M',
      '-pix_fmt',
      'yuv420p',
      clip,
    ]);
    const clipBytes = readFileSync(clip);
    session = await openExtension(fakeCameraArgs());
    site = await serveStatic({
      '/': '<!doctype html><title>lesson</title><h1>A local page</h1>',
      '/video':
        '<!doctype html><title>call</title><video src="/hand.webm" autoplay loop muted playsinline width="480" height="640"></video>',
      '/hand.webm': (_req, res) => {
        res.writeHead(200, { 'content-type': 'video/webm' }).end(clipBytes);
      },
      '/hostile': `<!doctype html><title>hostile</title><body><script>
        const url = new URLSearchParams(location.search).get('tracker');
        const frame = document.createElement('iframe');
        frame.allow = 'camera *';
        frame.src = url;
        document.body.append(frame);
        const attempts = [];
        frame.onload = () => {
          const cmds = [{ type: 'start', model: 'lite', cameraId: '', numHands: 1 }, 'start',
            { type: 'start' }, { cmd: 'start' }];
          const timer = setInterval(() => {
            for (const c of cmds) frame.contentWindow.postMessage(c, '*');
            attempts.push('postMessage');
          }, 200);
          setTimeout(() => clearInterval(timer), ${HOSTILE_ATTEMPT_MS});
        };
        // A page cannot open a runtime port to the extension (no externally_connectable).
        window.canConnect = typeof chrome !== 'undefined' && !!chrome.runtime?.connect;
        window.attempts = attempts;
      </script></body>`,
    });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await site?.close();
    if (clipDir) await rm(clipDir, { recursive: true, force: true });
  });

  it.each(['lite', 'full'] as const)(
    'the real HandLandmarker (%s) finds the hand in every photo and classifyHand labels it',
    async (model) => {
      const page = await session.browser.context.newPage();
      await page.goto(`chrome-extension://${session.extensionId}/tracker.html`);
      const names = Object.keys(data?.expected ?? {}).sort();
      const dir = join(file.path ?? '', '..');
      const images = names.map(
        (n) => `data:image/jpeg;base64,${readFileSync(join(dir, n)).toString('base64')}`,
      );
      const sizes = await page.evaluate(async (urls) => {
        return Promise.all(
          urls.map(async (u) => {
            const img = new Image();
            img.src = u;
            await img.decode();
            return [img.naturalWidth, img.naturalHeight];
          }),
        );
      }, images);
      const results = await page.evaluate(
        ([urls, m]) =>
          (
            globalThis as unknown as {
              motionmathTracker: { detectImages(u: string[], m: string): Promise<number[][][][]> };
            }
          ).motionmathTracker.detectImages(urls, m),
        [images, model] as const,
      );
      const blocked = await page.evaluate(() =>
        (
          globalThis as unknown as { motionmathTracker: { blockedRequests(): string[] } }
        ).motionmathTracker.blockedRequests(),
      );
      await page.close();
      const got = names.map((name, i) => {
        const [w = 1, h = 1] = sizes[i] ?? [];
        const hands = results[i] ?? [];
        return {
          name,
          hands: hands.length,
          gestures: hands.map((hand) => classifyHand(hand, { aspect: w / h }).gesture),
        };
      });
      const want = names.map((name) => {
        const e = data?.expected[name];
        return {
          name,
          hands: e?.hands ?? 0,
          gestures: Array.from({ length: e?.hands ?? 0 }, () => EXPECTED[e?.gesture ?? ''] ?? '?'),
        };
      });
      expect(got).toEqual(want);
      // MediaPipe's usage logger tried to report (on close) and was stopped in the page.
      expect(blocked.some((u) => u.includes('googleapis.com'))).toBe(true);
      expect(session.network.outside).toEqual([]);
    },
    120_000,
  );

  it('a hostile page embedding the tracker cannot start the camera; the overlay can', async () => {
    // The overlay on a local page: its tracker turns the (fake) camera on.
    const lesson = await session.browser.context.newPage();
    await lesson.goto(`${site.url}/`);
    await toggleOverlay(session, lesson);
    const own = await trackerFrame(lesson);
    await waitUntil(
      'the overlay to start the camera',
      async () => (await own.evaluate(() => document.documentElement.dataset['camera'])) === 'on',
    );
    // The dynamic URL the overlay used, nonce included: the worst case, as if the page
    // had read it from the overlay.
    const trackerUrl =
      (await lesson.locator('motionmath-overlay iframe').getAttribute('src')) ?? '';
    expect(trackerUrl).toMatch(/^chrome-extension:.*tracker\.html#n=/);

    // The same tracker URL, embedded by a hostile page that posts commands at it.
    const hostile = await session.browser.context.newPage();
    await hostile.goto(`${site.url}/hostile?tracker=${encodeURIComponent(trackerUrl)}`);
    const frame = await trackerFrame(hostile);
    await hostile.waitForTimeout(HOSTILE_ATTEMPT_MS + 500);
    expect(
      await hostile.evaluate(() => (window as unknown as { attempts: string[] }).attempts.length),
    ).toBeGreaterThan(5);
    expect(
      await hostile.evaluate(() => (window as unknown as { canConnect: boolean }).canConnect),
    ).toBe(false);
    expect(await frame.evaluate(() => document.documentElement.dataset['camera'])).toBe('off');
    expect(
      await frame.evaluate(() => document.querySelector('video')?.srcObject ?? null),
    ).toBeNull();

    // Closing the overlay stops the camera.
    await toggleOverlay(session, lesson);
    await waitUntil(
      'the overlay to go away',
      async () => (await lesson.locator('motionmath-overlay').count()) === 0,
    );
    await hostile.close();
    await lesson.close();
    expect(session.network.outside).toEqual([]);
  }, 90_000);

  it('reads the hands of a person in a <video> on the page, without the camera', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(`${site.url}/video`);
    await toggleOverlay(session, page);
    const tracker = await trackerFrame(page);
    await waitUntil(
      'the overlay to start',
      async () =>
        (await page.locator('motionmath-overlay .mm-root').getAttribute('data-tracker')) ===
        'running',
    );
    await page.locator('motionmath-overlay [data-action=hands-from-video]').click();
    const root = page.locator('motionmath-overlay .mm-root');
    expect(await root.getAttribute('data-source')).toBe('page-video');
    // The video shows a pointing hand: the pen goes down on it.
    await waitUntil(
      'the pointing hand in the video to write',
      async () => (await root.getAttribute('data-cursor')) === 'writing',
    );
    expect(await tracker.evaluate(() => document.documentElement.dataset['camera'])).toBe('off');
    await toggleOverlay(session, page);
    await page.close();
    expect(session.network.outside).toEqual([]);
  }, 90_000);
});
