import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { attachSolver, createServer } from '@motionmath/collab-server';
import type { AttachedSolver, CollabServer } from '@motionmath/collab-server';
import { launchChromium, repoRoot } from '@motionmath/testkit';

/**
 * The whole product for a browser test: the whiteboard built with Vite, served by the real
 * collab-server (embedded PGlite in a temp dir, port 0) with one in-process solver worker,
 * and Debian's Chromium. Each person gets their own browser context.
 */

const WHITEBOARD_DIR = resolve(import.meta.dirname, '..');
export const SCREENSHOTS = join(repoRoot, 'test-results', 'whiteboard');
/** Waiting for collaboration, recognition and solving; generous for a loaded CI box. */
export const UI_TIMEOUT_MS = 20_000;
const PASSWORD = 'correct horse battery';
/** The one browser extension this test deployment knows (its ALLOWED_ORIGINS): CORS, and
 * the only extension the connect page may hand a token to. */
export const KNOWN_EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export interface App {
  readonly base: string;
  readonly browser: Browser;
  /** A new person in their own context, signed up, on their board list (or on `start`). */
  newUser(
    name: string,
    options?: { start?: string; viewport?: { width: number; height: number } },
  ): Promise<Page>;
  close(): Promise<void>;
}

export async function startApp(): Promise<App> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const dist = await mkdtemp(join(tmpdir(), 'motionmath-whiteboard-dist-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'motionmath-whiteboard-pglite-'));
  // Vitest sets NODE_ENV=test, which would give a development build of React.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(WHITEBOARD_DIR, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server: CollabServer = await createServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    whiteboardDist: dist,
    logLevel: 'silent',
    allowedOrigins: [KNOWN_EXTENSION],
  });
  await server.listen();
  const solver: AttachedSolver = attachSolver(server, { workers: 1 });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const base = server.url;
  return {
    base,
    browser,
    async newUser(name, options = {}) {
      const context = await browser.newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        deviceScaleFactor: 1,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${name}] page error:`, e));
      page.on('console', (m) => m.type() === 'error' && console.error(`[${name}]`, m.text()));
      await page.goto(options.start ?? base);
      await page.getByRole('button', { name: 'Create an account' }).click();
      await page.getByLabel('Name').fill(name);
      const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await page.getByLabel('Email').fill(`${slug}-${Date.now()}@example.com`);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign up' }).click();
      if (options.start === undefined) {
        await page
          .getByRole('heading', { name: 'Your boards' })
          .waitFor({ timeout: UI_TIMEOUT_MS });
      }
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await solver.stop();
      await server.close();
      await rm(dist, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function waitOnline(page: Page): Promise<void> {
  await page
    .locator('.board-screen[data-connection="online"][data-synced="true"]')
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Creates a board from the board list and waits until it is open and writable. */
export async function createBoard(page: Page, name: string): Promise<void> {
  await page.getByLabel('New board name').fill(name);
  await page.getByRole('button', { name: 'Create board' }).click();
  await waitOnline(page);
  await page.locator('.board-screen[data-read-only="false"]').waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Draw a polyline with the mouse, as a person would (pointer down, moves, up). */
/** Closes the first-visit tour (as a returning user would have), for tests whose clicks
 * land where its card sits (top right). */
export async function skipTour(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Skip tour' }).click({ timeout: UI_TIMEOUT_MS });
  await page.locator('.tour').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

export async function drawLine(page: Page, points: readonly (readonly [number, number])[]) {
  const [first, ...rest] = points;
  if (!first) return;
  await page.mouse.move(first[0], first[1]);
  await page.mouse.down();
  for (const [x, y] of rest) await page.mouse.move(x, y);
  await page.mouse.up();
}

export const strokeCount = async (page: Page) =>
  Number(await page.locator('.board-screen').getAttribute('data-stroke-count'));

export const equationCount = async (page: Page) =>
  Number(await page.locator('.board-screen').getAttribute('data-equation-count'));

/** Types an equation with the T dialog and waits for its card. */
export async function typeEquation(page: Page, latex: string): Promise<void> {
  const before = await equationCount(page);
  await page.locator('.canvas-host').focus();
  await page.keyboard.press('t');
  await page.getByRole('dialog', { name: 'Type an equation' }).getByRole('textbox').fill(latex);
  await page.getByRole('button', { name: 'Add to board' }).click();
  await page
    .locator(`.board-screen[data-equation-count="${before + 1}"]`)
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

export interface ScreenBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export function boxesOverlap(a: ScreenBox, b: ScreenBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Every equation card's box on screen, in document order. */
export async function cardBoxes(page: Page): Promise<ScreenBox[]> {
  return page.locator('[data-equation-id]').evaluateAll((els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

/** The screen area not covered by the top bars and the toolbar. */
export async function clearArea(page: Page): Promise<ScreenBox> {
  return page.evaluate(() => {
    const bottom = (sel: string) =>
      Math.max(
        0,
        ...[...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().bottom),
      );
    const top = bottom('.board-screen .topbar');
    const toolbar = document.querySelector('.board-screen .toolbar')?.getBoundingClientRect();
    const height = (toolbar?.top ?? window.innerHeight) - top;
    return { x: 0, y: top, width: window.innerWidth, height };
  });
}

export function inside(inner: ScreenBox, outer: ScreenBox): boolean {
  return (
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  );
}

/**
 * The screen box of the dark ink the board's canvas shows (pen strokes; not the blue
 * selection frame), after the next paint; null when there is none.
 */
export async function inkBox(page: Page): Promise<ScreenBox | null> {
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return page.locator('canvas.ink').evaluate((canvas: HTMLCanvasElement) => {
    const { width, height } = canvas;
    const data = canvas.getContext('2d')?.getImageData(0, 0, width, height).data;
    if (!data) return null;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const dark =
          (data[i] ?? 255) < 90 && (data[i + 1] ?? 255) < 90 && (data[i + 2] ?? 255) < 90;
        if (!dark || (data[i + 3] ?? 0) < 128) continue;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    }
    if (minX > maxX) return null;
    const r = canvas.getBoundingClientRect();
    const s = r.width / width;
    return {
      x: r.x + minX * s,
      y: r.y + minY * s,
      width: (maxX - minX + 1) * s,
      height: (maxY - minY + 1) * s,
    };
  });
}

/**
 * The app for one test file: started before its first test, stopped after its last. Read
 * it inside tests only (it throws before `beforeAll` has run).
 */
export function appForFile(): App {
  let app: App | undefined;
  beforeAll(async () => {
    app = await startApp();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  }, 60_000);
  const started = (): App => {
    if (!app) throw new Error('the app is not started: use it inside a test');
    return app;
  };
  return {
    get base() {
      return started().base;
    },
    get browser() {
      return started().browser;
    },
    newUser: (name, options) => started().newUser(name, options),
    close: () => started().close(),
  };
}

/** The owner makes a share link from the board's Share dialog; returns its URL. */
export async function shareLink(owner: Page, role: 'edit' | 'view only'): Promise<string> {
  await owner.getByRole('button', { name: 'Share' }).click();
  await owner.getByRole('radio', { name: role }).check();
  await owner.getByRole('button', { name: 'Create link' }).click();
  const url = await owner.getByTestId('share-url').inputValue();
  await owner.getByRole('button', { name: 'Close' }).click();
  return url;
}
