import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachSolver } from '@motionmath/collab-server';
import { effectiveStatus } from '@motionmath/protocol';
import { serveStatic } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import { describeOverlay, toggleOverlay, waitUntil } from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';
import {
  boardEquations,
  connectInOptions,
  airWritingSkipReason,
  openExtensionWritingAnEquation,
  SETUP_TIMEOUT_MS,
  startLesson,
} from './lesson-setup.ts';
import type { Lesson } from './lesson-setup.ts';

/**
 * MV3 stops an idle service worker and its memory goes with it. Here the worker is
 * stopped (through CDP, as Chrome does after 30 s idle) while an air-written equation
 * waits on the board for a solver; then the solver starts. The new worker must restore
 * which tab sent the equation (`storage.session`) and reconnect, so the answer still
 * reaches that tab's HUD.
 */

const skipReason = airWritingSkipReason;

/** One loop of the fake camera's video is ~25 s; the first send comes within two. */
const FIRST_SEND_TIMEOUT_MS = 80_000;
/** The overlay pings every 5 s while it waits; then the worker reconnects and reports. */
const ANSWER_TIMEOUT_MS = 45_000;

type ChromeSession = { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } };

describe.skipIf(skipReason !== null)(`service worker restart ${skipReason ?? ''}`, () => {
  let lesson: Lesson;
  let session: ExtensionSession;
  let site: StaticSite;
  let dir: string;

  beforeAll(async () => {
    ({ session, dir } = await openExtensionWritingAnEquation());
    lesson = await startLesson(session, { solver: false }); // equations wait on the board
    await (await connectInOptions(session, lesson)).close();
    site = await serveStatic({ '/': '<!doctype html><title>lesson</title><h1>Lesson</h1>' });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await session?.close();
    await site?.close();
    await lesson?.solver?.stop();
    await lesson?.server.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** What the extension sent (not what a solver or a person added). */
  const sentEquations = async () =>
    (await boardEquations(lesson)).filter((e) => e.source === 'extension');

  it('the answer reaches the HUD after the worker was stopped and started again', async () => {
    const page = await session.browser.context.newPage();
    await page.goto(site.url);
    await toggleOverlay(session, page);
    let firstId = '';
    try {
      await waitUntil(
        'an air-written equation on the board',
        async () => {
          firstId = (await sentEquations())[0]?.id ?? '';
          return firstId !== '';
        },
        FIRST_SEND_TIMEOUT_MS,
      );
    } catch (e) {
      throw new Error(`${String(e)}; ${await describeOverlay(page)}`, { cause: e });
    }
    const onBoard = (await sentEquations()).find((e) => e.id === firstId);
    expect(onBoard && effectiveStatus(onBoard)).toBe('pending');

    // Stop the worker as Chrome does when it is idle; the next event starts a new one.
    // Watched through CDP's ServiceWorker domain (Playwright keeps one Worker object
    // across a restart), on an extension page: its domain covers the extension's worker.
    const extensionPage = await session.browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${session.extensionId}/options.html`);
    const cdp = await session.browser.context.newCDPSession(extensionPage);
    const states: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) states.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitUntil('the worker to stop', async () => states.includes('stopped'));
    // What outlives the worker: the waiting equation's route to its tab.
    const routes = await extensionPage.evaluate(
      async () =>
        (
          await (globalThis as unknown as { chrome: ChromeSession }).chrome.storage.session.get(
            'routes',
          )
        )['routes'] as Record<string, number> | undefined,
    );
    expect(Object.keys(routes ?? {})).toContain(firstId);

    lesson.solver = attachSolver(lesson.server, { workers: 1 });
    await waitUntil(
      'a new worker',
      async () => states.lastIndexOf('running') > states.indexOf('stopped'),
      ANSWER_TIMEOUT_MS,
    );
    const root = page.locator('motionmath-overlay .mm-root');
    await waitUntil(
      'the answer of the first equation in the HUD',
      async () =>
        ((await root.getAttribute('data-answered-ids')) ?? '').split(' ').includes(firstId),
      ANSWER_TIMEOUT_MS,
    );
    const eq = (await sentEquations()).find((e) => e.id === firstId);
    const status = eq ? effectiveStatus(eq) : 'missing';
    expect(['solved', 'unsupported', 'error']).toContain(status);
    if (status === 'solved')
      expect(await page.locator('motionmath-overlay [data-role=answer] math').count()).toBe(1);
    await extensionPage.close();
    await page.close();
    expect(session.network.outside).toEqual([]);
  }, 300_000);
});
