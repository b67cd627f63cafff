import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attachSolver, createServer } from '@motionmath/collab-server';
import type { AttachedSolver, CollabServer } from '@motionmath/collab-server';
import { effectiveStatus, listEquations } from '@motionmath/protocol';
import { SymbolClassifier, latexTokensEqual, recognizeExpression } from '@motionmath/recognizer';
import { serveStatic, sharedData } from '@motionmath/testkit';
import type { StaticSite } from '@motionmath/testkit';
import type { Page } from 'playwright-core';
import { fakeCameraArgs, openExtension, toggleOverlay, waitUntil } from './browser-session.ts';
import type { ExtensionSession } from './browser-session.ts';
import { pickEquation } from './equation.ts';
import { callServer, signUpWithExtensionToken } from './server-account.ts';
import type { EquationSample } from './equation.ts';
import { writeAirWritingY4m } from './fake-camera.ts';

/**
 * The end-to-end test: the built extension in real Chromium, a fake camera showing
 * real hand photos writing a real CROHME equation in the air, on a local page and on a
 * page with a strict CSP. The overlay must recognize it, the equation must land on a
 * board served by collab-server (with a solver worker), and the answer must come back to
 * the HUD. No request may leave localhost.
 */

const hands = sharedData('hands/landmarks.json');
const crohme = sharedData('crohme/train.jsonl.gz');
const skipReason = hands.skipReason ?? crohme.skipReason;

/**
 * The video (~25 s) loops, so the writer "writes it again" each loop, as a person retries
 * after a misread. The correct equation's answer must be back within about three loops.
 */
const ANSWER_TIMEOUT_MS = 80_000;

describe.skipIf(skipReason !== null)(`air-writing end to end ${skipReason ?? ''}`, () => {
  let server: CollabServer;
  let solver: AttachedSolver;
  let session: ExtensionSession;
  let site: StaticSite;
  let dir: string;
  let boardId: string;
  let token: string;
  let equation: EquationSample;

  beforeAll(async () => {
    equation = pickEquation(crohme.path ?? '');
    dir = await mkdtemp(join(tmpdir(), 'motionmath-camera-'));
    const y4m = join(dir, 'air-writing.y4m');
    await writeAirWritingY4m(join(hands.path ?? '', '..'), equation.strokes, y4m);

    server = await createServer({ port: 0, host: '127.0.0.1', dataDir: null, logLevel: 'silent' });
    solver = attachSolver(server, { workers: 1 });
    await server.listen();
    const account = await signUpWithExtensionToken(server.url, 'teacher@example.org');
    const created = await callServer(
      server.url,
      'POST',
      '/api/boards',
      { name: 'Lesson' },
      account.session,
    );
    boardId = (created['board'] as { id: string }).id;
    // What the whiteboard's sign-in hands to the extension: a token scoped to boards.
    token = account.extensionToken;

    // The teacher once corrected a symbol on the whiteboard: a personal sample, stored
    // with the account, which the overlay must fetch (through its background) and use.
    // It is the equation's own first symbol, so it cannot make the reading worse.
    const ink = equation.strokes.map((st) => st.map(([x = 0, y = 0]) => ({ x, y })));
    const first = recognizeExpression(ink).symbols[0];
    if (!first) throw new Error('the picked equation has no symbols');
    const teacher = new SymbolClassifier();
    teacher.addSample(
      first.label,
      first.strokes.map((i) => ink[i] ?? []),
    );
    await callServer(
      server.url,
      'PUT',
      '/api/me/samples',
      teacher.exportSamples(),
      account.session,
    );

    session = await openExtension(fakeCameraArgs(y4m));
    // Configure it the way a person does, in the options page: server, token (as pasted
    // from the whiteboard), check the account, pick the board from the server's list.
    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.locator('input[name=serverUrl]').fill(server.url);
    await options.locator('input[name=token]').fill(token);
    await options.locator('button[name=refresh]').click();
    await options
      .locator(`select[name=board] option[value="${boardId}"]`)
      .waitFor({ state: 'attached' });
    await options.locator('select[name=board]').selectOption(boardId);
    await options.locator('select[name=model]').selectOption('lite');
    await options.locator('select[name=writingMode]').selectOption('point');
    // The account name comes from the server (GET /api/me with the token).
    expect(await options.locator('[data-role=message]').innerText()).toBe('Signed in as teacher');
    await options.close();
    const lesson = '<!doctype html><title>lesson</title><h1>Algebra, lesson 3</h1>';
    site = await serveStatic({
      '/': lesson,
      '/strict': (_req, res) => {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'self'; script-src 'none'; object-src 'none'",
        });
        res.end(lesson);
      },
    });
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    await site?.close();
    await solver?.stop();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function boardEquations() {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: server.url.replace(/^http/, 'ws'),
      name: boardId,
      token,
      document: doc,
    });
    await new Promise<void>((resolve) => provider.on('synced', () => resolve()));
    const items = listEquations(doc).items;
    provider.destroy();
    return items;
  }

  async function overlayAttr(page: Page, name: string): Promise<string> {
    return (await page.locator('motionmath-overlay .mm-root').getAttribute(name)) ?? '';
  }

  it.each([
    ['a local page', '/'],
    ['a page with a strict CSP', '/strict'],
  ])(
    'on %s: recognized, on the board, solved, answer in the HUD',
    async (_name, path) => {
      const page = await session.browser.context.newPage();
      await page.goto(site.url + path);
      const before = (await boardEquations()).length;
      await toggleOverlay(session, page);
      await waitUntil(
        'the personal samples in the overlay',
        async () => (await overlayAttr(page, 'data-personal-samples')) === '1',
        15_000,
      );
      try {
        await waitUntil(
          'the answer to the written equation in the HUD',
          async () => latexTokensEqual(await overlayAttr(page, 'data-answered'), equation.truth),
          ANSWER_TIMEOUT_MS,
        );
      } catch (e) {
        // Say where it stopped: recognition, sending, or solving.
        const hud = await page.locator('motionmath-overlay .mm-hud').innerText();
        const state = ['data-tracker', 'data-latex', 'data-sent', 'data-answered'].map(
          async (a) => `${a}=${await overlayAttr(page, a)}`,
        );
        const detail = `${(await Promise.all(state)).join(' ')}; HUD: ${hud}`;
        throw new Error(`${String(e)}; ${detail}`, { cause: e });
      }

      const sent = await overlayAttr(page, 'data-answered');
      expect(
        latexTokensEqual(sent, equation.truth),
        `recognized ${sent}, wrote ${equation.truth}`,
      ).toBe(true);
      const onBoard = (await boardEquations()).filter((e) => e.source === 'extension');
      expect(onBoard.length).toBeGreaterThan(before);
      const eq = onBoard.find((e) => e.latex === sent);
      expect(eq).toBeDefined();
      expect(eq && effectiveStatus(eq)).toBe('solved');
      expect(eq?.strokeIds.length).toBeGreaterThan(0); // the ink went along
      const hudAnswer = await overlayAttr(page, 'data-answer');
      console.info(
        `[air-writing] ${equation.id}: wrote ${equation.truth}, sent ${sent}, answer ${hudAnswer}`,
      );
      expect(hudAnswer).toBe(eq?.answer?.latex);
      expect(await page.locator('motionmath-overlay [data-role=answer] math').count()).toBe(1);

      await toggleOverlay(session, page); // closing the overlay stops the camera
      await page.close();
      expect(session.network.outside).toEqual([]);
    },
    120_000,
  );
});
