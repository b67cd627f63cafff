import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  boxesOverlap,
  cardBoxes,
  clearArea,
  createBoard,
  drawLine,
  equationCount,
  inkBox,
  inside,
  SCREENSHOTS,
  shareLink,
  appForFile,
  strokeCount,
  typeEquation,
  UI_TIMEOUT_MS,
  waitOnline,
} from './harness.ts';

/**
 * A board ready for a class, in real Chromium against the real server and solver:
 * cards that never collide, ink over cards, live strokes, careful confirming, words for
 * people, a phone.
 */

const app = appForFile();

/** Dark pixels the ink canvas shows inside a screen rectangle. */
async function inkPixels(page: Page, box: { x: number; y: number; width: number; height: number }) {
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return page.locator('canvas.ink').evaluate((canvas: HTMLCanvasElement, b) => {
    const data =
      canvas
        .getContext('2d')
        ?.getImageData(Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height))
        .data ?? [];
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] ?? 0) > 128) dark++;
    return dark;
  }, box);
}

describe('a board ready for a class', () => {
  let teacher: Page;

  it('an empty board says how to start', async () => {
    teacher = await app.newUser('Teacher');
    await createBoard(teacher, 'Linear equations');
    const hint = teacher.getByRole('region', { name: 'How to start' });
    await hint.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await hint.innerText()).toContain('extension');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'empty-board.png') });
  });

  it('the type dialog shows examples and a live preview', async () => {
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('t');
    const dialog = teacher.getByRole('dialog', { name: 'Type an equation' });
    await dialog.getByRole('button', { name: 'Example x^2-5x+6=0' }).click();
    expect(await dialog.getByRole('textbox').inputValue()).toBe('x^2-5x+6=0');
    await dialog.locator('.preview .katex').waitFor();
    expect(await dialog.locator('.hint').innerText()).toContain('\\frac{a}{b}');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'type-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('ten equations added in a row are all in view and none overlaps another', async () => {
    for (let i = 1; i <= 10; i++) await typeEquation(teacher, `${i}x+${i}=${2 * i + 1}`);
    const area = await clearArea(teacher);
    // Boxes settle once every card is measured (growing cards push their neighbours).
    await expect
      .poll(
        async () => {
          const boxes = await cardBoxes(teacher);
          const overlapping = boxes.flatMap((a, i) =>
            boxes.slice(i + 1).filter((b) => boxesOverlap(a, b)),
          ).length;
          const outside = boxes.filter((b) => !inside(b, area)).length;
          return { cards: boxes.length, overlapping, outside };
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toEqual({ cards: 10, overlapping: 0, outside: 0 });
    await teacher.screenshot({ path: join(SCREENSHOTS, 'ten-cards.png') });
  });

  it('zoom to fit shows every card, clear of the top bar and the toolbar', async () => {
    // Look somewhere else first, zoomed in.
    await teacher.mouse.move(640, 400);
    await teacher.mouse.wheel(900, 700);
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('Control+Equal');
    await teacher.keyboard.press('Control+Equal');
    const area = await clearArea(teacher);
    expect((await cardBoxes(teacher)).every((b) => inside(b, area))).toBe(false);
    await teacher.keyboard.press('Shift+1');
    await expect
      .poll(async () => (await cardBoxes(teacher)).filter((b) => !inside(b, area)).length, {
        timeout: UI_TIMEOUT_MS,
      })
      .toBe(0);
    await teacher.screenshot({ path: join(SCREENSHOTS, 'zoom-to-fit.png') });
  });

  it('a card that grows pushes the card under it instead of hiding under it', async () => {
    await teacher.goto(app.base);
    await createBoard(teacher, 'Growing');
    await typeEquation(teacher, 'y+1=2');
    await typeEquation(teacher, 'y+2=3');
    const first = teacher.locator('[aria-label="Equation y+1=2"]');
    const second = teacher.locator('[aria-label="Equation y+2=3"]');
    for (const card of [first, second])
      await expect
        .poll(() => card.getAttribute('data-status'), { timeout: UI_TIMEOUT_MS })
        .toBe('solved');
    // The teacher drags the second card right under the first, by its header.
    const above = await first.boundingBox();
    const head = await second.locator('.card-head').boundingBox();
    if (!above || !head) throw new Error('no cards');
    await teacher.keyboard.press('v');
    await drawLine(teacher, [
      [head.x + 60, head.y + 8],
      [above.x + 60, above.y + above.height + 30],
      [above.x + 60, above.y + above.height + 28],
    ]);
    await expect
      .poll(async () => (await second.boundingBox())?.y ?? 0, { timeout: UI_TIMEOUT_MS })
      .toBeLessThan(above.y + above.height + 40);
    const before = await second.boundingBox();
    // Editing the LaTeX opens an editor with a preview inside the first card: it grows.
    await first.getByRole('button', { name: 'Edit LaTeX' }).click();
    await first.locator('.latex-editor .preview').waitFor();
    await expect
      .poll(
        async () => {
          const a = await first.boundingBox();
          const b = await second.boundingBox();
          return a && b ? boxesOverlap(a, b) : true;
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toBe(false);
    const after = await second.boundingBox();
    expect(before && after && (after.y > before.y || after.x > before.x)).toBe(true);
    await teacher.screenshot({ path: join(SCREENSHOTS, 'card-pushed.png') });
    await first.getByRole('button', { name: 'Cancel' }).click();
  });

  it('ink goes over a card (circle the answer), and the hand pans from a card', async () => {
    const card = teacher.locator('[aria-label="Equation y+2=3"]');
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('Shift+1');
    const box = await card.boundingBox();
    if (!box) throw new Error('no card');
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('p');
    const before = await strokeCount(teacher);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const ring = Array.from({ length: 25 }, (_, i) => {
      const a = (i / 24) * 2 * Math.PI;
      return [cx + (box.width / 3) * Math.cos(a), cy + (box.height / 3) * Math.sin(a)] as const;
    });
    await drawLine(teacher, ring);
    await expect.poll(() => strokeCount(teacher), { timeout: UI_TIMEOUT_MS }).toBe(before + 1);
    expect(await inkPixels(teacher, box)).toBeGreaterThan(50);
    // No text got selected by the stroke.
    expect(await teacher.evaluate(() => String(window.getSelection() ?? ''))).toBe('');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'ink-over-card.png') });

    await teacher.keyboard.press('h');
    await drawLine(teacher, [
      [cx, cy],
      [cx + 60, cy + 40],
      [cx + 120, cy + 80],
    ]);
    await expect
      .poll(async () => (await card.boundingBox())?.x ?? 0, { timeout: UI_TIMEOUT_MS })
      .toBeCloseTo(box.x + 120, 0);
    expect(await strokeCount(teacher)).toBe(before + 1);
  });

  it('a peer sees a stroke while it is being drawn, in a colour of their own', async () => {
    const link = await shareLink(teacher, 'edit');
    const student = await app.newUser('Student', { start: link });
    await waitOnline(student);
    await teacher.getByRole('button', { name: 'Follow Student' }).waitFor({
      timeout: UI_TIMEOUT_MS,
    });
    // The student follows the teacher: same viewport size, so the same camera.
    await student.getByRole('button', { name: 'Follow Teacher' }).click();
    const zoomOf = async (page: Page) =>
      Number(await page.locator('.board-screen').getAttribute('data-zoom'));
    const teacherZoom = await zoomOf(teacher);
    await expect
      .poll(() => zoomOf(student), { timeout: UI_TIMEOUT_MS })
      .toBeCloseTo(teacherZoom, 6);
    const colors = async (page: Page) =>
      page
        .locator('.presence .avatar')
        .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
    const seen = await colors(teacher);
    expect(new Set(seen).size).toBe(seen.length);
    expect(await colors(student)).toEqual([...seen].reverse());

    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('p');
    const strokes = await strokeCount(student);
    const area = { x: 150, y: 620, width: 300, height: 60 };
    expect(await inkPixels(student, area)).toBe(0);
    await teacher.mouse.move(160, 650);
    await teacher.mouse.down();
    for (let x = 170; x <= 440; x += 10) await teacher.mouse.move(x, 650 + ((x / 10) % 2) * 8);
    // Pen still down: the student already sees the ink, before it is a stroke.
    await expect
      .poll(() => inkPixels(student, area), { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(100);
    expect(await strokeCount(student)).toBe(strokes);
    await teacher.mouse.up();
    await expect.poll(() => strokeCount(student), { timeout: UI_TIMEOUT_MS }).toBe(strokes + 1);
    await student.context().close();
  });

  it('a doubtful reading needs a second confirm and highlights the unsure symbols', async () => {
    await teacher.goto(app.base);
    await createBoard(teacher, 'Careful');
    await teacher.keyboard.press('m');
    await teacher.getByRole('radio', { name: 'Math pen', checked: true }).waitFor();
    // A scribble no recognizer is sure of.
    await drawLine(
      teacher,
      Array.from({ length: 30 }, (_, i) => [400 + i * 6, 300 + (i % 2) * 40 + (i % 3) * 9]),
    );
    await drawLine(teacher, [
      [420, 380],
      [470, 330],
      [430, 300],
    ]);
    const draft = teacher.locator('.card.draft');
    await draft.locator('.math-main').waitFor({ timeout: UI_TIMEOUT_MS });
    const confidence = Number.parseInt(await draft.locator('.confidence').innerText(), 10);
    expect(confidence, 'the scribble reads as doubtful').toBeLessThan(60);
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('Enter');
    await teacher.locator('.card.draft[data-checking="true"]').waitFor();
    await draft.getByRole('alert').filter({ hasText: 'Not sure' }).waitFor();
    expect(await equationCount(teacher)).toBe(0);
    await teacher.screenshot({ path: join(SCREENSHOTS, 'doubtful-confirm.png') });
    // The picker offers the recognizer's whole vocabulary, searchable: an "s" can be taught.
    await draft.locator('.chip.symbol.doubtful').first().click();
    const picker = teacher.getByRole('menu', { name: /^Replace / });
    await picker.waitFor();
    await teacher.keyboard.press('s');
    await expect.poll(() => picker.getByRole('menuitem').count()).toBe(1);
    expect(await picker.getByRole('menuitem').getAttribute('data-label')).toBe('s');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'picker-search.png') });
    await teacher.keyboard.press('Escape');
    await picker.waitFor({ state: 'detached' });
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('Enter');
    await teacher
      .locator('.board-screen[data-equation-count="1"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('the recognizer failing says so in words, and the card does not stay on "Reading…"', async () => {
    const page = await app.newUser('Offline reader');
    // The worker's script never arrives (a proxy, a flaky network): the reader cannot start.
    await page.route(/recognize\.worker/, (route) => route.abort());
    await createBoard(page, 'No reader');
    await page.keyboard.press('m');
    await page.getByRole('radio', { name: 'Math pen', checked: true }).waitFor();
    await drawLine(page, [
      [500, 300],
      [502, 340],
      [503, 380],
    ]);
    const alert = page.locator('.card.draft').getByRole('alert');
    await alert.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await alert.innerText()).toContain('could not be read');
    expect(await page.locator('.card.draft .badge').innerText()).toBe('Not read');
    await page.context().close();
  });

  it('a multi-selection drags from the gap inside its box, not only from its strokes', async () => {
    const mover = await app.newUser('Mover');
    await createBoard(mover, 'Moving ink');
    await mover.locator('.canvas-host').focus();
    await mover.keyboard.press('p');
    // Two strokes with a wide gap between them.
    await drawLine(mover, [
      [400, 300],
      [430, 300],
      [460, 300],
    ]);
    await drawLine(mover, [
      [400, 440],
      [430, 440],
      [460, 440],
    ]);
    await expect.poll(() => strokeCount(mover), { timeout: UI_TIMEOUT_MS }).toBe(2);
    const before = await inkBox(mover);
    if (!before) throw new Error('no ink');
    await mover.keyboard.press('v');
    await drawLine(mover, [
      [360, 260],
      [420, 380],
      [500, 480],
    ]);
    // Grab the empty middle of the selection (no stroke there) and drag it by (200, 40).
    await mover.mouse.move(430, 370);
    await mover.mouse.down();
    await mover.mouse.move(530, 390, { steps: 5 });
    await mover.mouse.move(630, 410, { steps: 5 });
    await mover.screenshot({ path: join(SCREENSHOTS, 'selection-drag.png') });
    await mover.mouse.up();
    await expect
      .poll(
        async () => {
          const after = await inkBox(mover);
          return after && [after.x - before.x, after.y - before.y, after.width - before.width];
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toEqual([200, 40, 0]);
    expect(await strokeCount(mover)).toBe(2);
    await mover.context().close();
  });

  it('on a phone the whole toolbar is visible and nothing covers the title', async () => {
    const phone = await app.newUser('Phone', { viewport: { width: 390, height: 844 } });
    await createBoard(phone, 'On the bus');
    const viewport = { x: 0, y: 0, width: 390, height: 844 };
    const buttons = await phone.locator('.toolbar button').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
    expect(buttons.length).toBeGreaterThan(10);
    expect(buttons.filter((b) => !inside(b, viewport))).toEqual([]);
    const title = await phone.locator('.board-title').boundingBox();
    const right = await phone.locator('.topbar.right').boundingBox();
    expect(title && right && !boxesOverlap(title, right)).toBe(true);
    await phone.screenshot({ path: join(SCREENSHOTS, 'phone.png') });
    await phone.context().close();
  });
});
