import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  boxesOverlap,
  createBoard,
  skipTour,
  drawLine,
  inside,
  SCREENSHOTS,
  appForFile,
  UI_TIMEOUT_MS,
  waitOnline,
} from './harness.ts';

/**
 * The first-visit tour and "Teach MotionMath your handwriting", on the real product: the
 * tour shows once per user, and symbols written on the calibration pad with the mouse end
 * up as the account's personal samples on the server, used by the board after a reload.
 * The school-symbols choice in the same corner reaches the picker and the reader at once
 * and is kept by the browser.
 */

const app = appForFile();

/** Pad points: the pad is 220 px square; shapes are given in 0..1 of it. */
async function writeOnPad(page: Page, shapes: readonly (readonly [number, number])[][]) {
  const pad = page.getByTestId('calibration-pad');
  const box = await pad.boundingBox();
  if (!box) throw new Error('the writing pad is not on screen');
  const before = Number(await pad.getAttribute('data-strokes'));
  for (const shape of shapes) {
    await drawLine(
      page,
      shape.map(([u, v]) => [box.x + u * box.width, box.y + v * box.height] as const),
    );
  }
  await page
    .locator(`[data-testid="calibration-pad"][data-strokes="${before + shapes.length}"]`)
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

const circle = (): [number, number][] =>
  Array.from({ length: 25 }, (_, i) => {
    const a = (i / 24) * 2 * Math.PI - Math.PI / 2;
    return [0.5 + 0.22 * Math.cos(a), 0.45 + 0.32 * Math.sin(a)];
  });
const bar: [number, number][] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((v) => [0.5, v]);
const three: [number, number][] = [
  [0.35, 0.2],
  [0.55, 0.15],
  [0.65, 0.25],
  [0.5, 0.42],
  [0.65, 0.55],
  [0.62, 0.7],
  [0.45, 0.78],
  [0.32, 0.72],
];

const savedLabels = (page: Page) =>
  page.evaluate(() =>
    fetch('/api/me/samples')
      .then((r) => r.json() as Promise<{ samples: { label: string }[] }>)
      .then((f) => f.samples.map((s) => s.label)),
  );

describe('guidance on a board', () => {
  it('shows the tour on the first visit only, and again from its button', async () => {
    const page = await app.newUser('Tara');
    await createBoard(page, 'Tour board');
    const tour = page.getByRole('dialog', { name: 'Type an equation' });
    await tour.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await tour.evaluate((t) => t === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'Write with the math pen' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'tour.png') });
    await page.keyboard.press('Escape');
    await tour.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

    await page.reload();
    await waitOnline(page);
    await page
      .getByRole('button', { name: 'Tour', exact: true })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('.tour').count()).toBe(0);

    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('dialog', { name: 'Share your board' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.locator('.tour').waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  }, 120_000);

  it('stores the symbols written in calibration as the account samples', async () => {
    const page = await app.newUser('Cal');
    await createBoard(page, 'Calibration board');
    await skipTour(page);
    await page.getByRole('button', { name: 'Teach your handwriting' }).click();
    const dialog = page.getByRole('dialog', { name: 'Teach MotionMath your handwriting' });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    const next = dialog.getByRole('button', { name: 'Next' });
    expect(await next.isDisabled()).toBe(true);

    await dialog.getByRole('img', { name: 'Writing pad for 0' }).waitFor();
    await writeOnPad(page, [circle()]);
    await next.click();
    await dialog.getByRole('img', { name: 'Writing pad for 1' }).waitFor();
    await writeOnPad(page, [bar]);
    await next.click();
    // Back shows what was written; going on keeps it.
    await dialog.getByRole('button', { name: 'Back' }).click();
    await page
      .locator('[aria-label="Writing pad for 1"][data-strokes="1"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await next.click();
    await dialog.getByRole('button', { name: 'Skip' }).click();
    await dialog.getByRole('img', { name: 'Writing pad for 3' }).waitFor();
    await writeOnPad(page, [three]);
    await dialog.getByText('Symbol 4 of 20').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'calibration.png') });
    await next.click();
    const save = dialog.getByRole('button', { name: 'Save' });
    while (!(await save.isVisible())) await dialog.getByRole('button', { name: 'Skip' }).click();
    await dialog.getByText('You wrote 3 of 20 symbols.').waitFor();
    await save.click();
    await dialog
      .getByRole('status')
      .getByText('Saved 3 symbols')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await page.screenshot({ path: join(SCREENSHOTS, 'calibration-saved.png') });
    await page
      .locator('.board-screen[data-personal-samples="3"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await savedLabels(page)).toEqual(['0', '1', '3']);

    // With the local copy gone only the server can bring them back.
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await waitOnline(page);
    await page
      .locator('.board-screen[data-personal-samples="3"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await savedLabels(page)).toEqual(['0', '1', '3']);
  }, 120_000);

  it('turns the school symbols on: the picker and the reader use them, a reload keeps them', async () => {
    const page = await app.newUser('Sam');
    await createBoard(page, 'Calculus board');
    await skipTour(page);
    // A second tab of the same board follows the choice without a reload.
    const otherTab = await page.context().newPage();
    await otherTab.goto(page.url());
    await waitOnline(otherTab);
    await otherTab.getByRole('button', { name: 'School symbols: off' }).waitFor();
    const choice = page.getByRole('button', { name: /^School symbols:/ });
    expect(await choice.innerText()).toBe('School symbols: off');
    // A plain vertical bar with the math pen: a 1 in the core set, maybe a | with them on.
    await page.keyboard.press('m');
    await page.getByRole('radio', { name: 'Math pen', checked: true }).waitFor();
    await drawLine(
      page,
      Array.from({ length: 13 }, (_, i) => [420, 130 + i * 10] as const),
    );
    const draft = page.locator('.card.draft');
    const picker = page.getByRole('menu', { name: /^Replace / });
    /** What the draft's first chip offers once it is read: its reading, likely and all. */
    const offered = async () => {
      await draft.getByRole('status').getByText('Recognized').waitFor({ timeout: UI_TIMEOUT_MS });
      const chip = draft.locator('.chip.symbol').first();
      await chip.click();
      await picker.waitFor();
      const labels = (group: string) =>
        picker
          .getByRole('group', { name: group })
          .getByRole('menuitem')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-label') ?? ''));
      const likely = (await picker.getByRole('group', { name: 'Likely' }).count())
        ? await labels('Likely')
        : [];
      const result = {
        read: [(await chip.getAttribute('data-symbol')) ?? '', ...likely],
        all: await labels('All symbols'),
      };
      await page.keyboard.press('Escape');
      await picker.waitFor({ state: 'detached' });
      return result;
    };
    const school = ['\\theta', '\\alpha', '\\int', '\\sum', '\\infty', '|'];
    const off = await offered();
    expect(off.all.filter((l) => school.includes(l))).toEqual([]);
    expect(off.all).toContain('s'); // letters can always be taught
    expect(off.read.filter((l) => school.includes(l))).toEqual([]);

    await choice.click();
    const box = page.getByRole('checkbox', {
      name: /^School symbols — letters, θ α β ∞ ∫ Σ → \|x\|/,
    });
    expect(await box.isChecked()).toBe(false);
    await box.check();
    await page.getByRole('button', { name: 'School symbols: on' }).waitFor();
    await otherTab
      .getByRole('button', { name: 'School symbols: on' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await otherTab.close();
    await page.screenshot({ path: join(SCREENSHOTS, 'school-symbols.png') });
    await page.keyboard.press('Escape');
    await page.getByRole('group', { name: 'Math pen symbols' }).waitFor({ state: 'detached' });
    expect(await draft.count(), 'Escape closed the panel only, not the draft').toBe(1);

    // The draft is read again with them at once: a bar may now be a |.
    const on = await offered();
    // (A likely one is listed first, not again under "All symbols".)
    expect([...on.read, ...on.all]).toEqual(expect.arrayContaining(['\\theta', '\\int', '\\sum']));
    expect(on.read.filter((l) => school.includes(l)).length).toBeGreaterThan(0);
    await draft.locator('.chip.symbol').first().click();
    await picker.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'school-symbols-picker.png') });
    await page.keyboard.press('Escape');

    await page.reload();
    await waitOnline(page);
    await page.getByRole('button', { name: 'School symbols: on' }).waitFor();
    // The corner wraps on a phone, inside the screen and clear of the top bar.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'School symbols: on' }).click();
    await page.getByRole('group', { name: 'Math pen symbols' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'school-symbols-phone.png') });
    const viewport = { x: 0, y: 0, width: 390, height: 844 };
    const boxes = await page
      .locator('.guide-buttons button, .choice-panel')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    expect(boxes.filter((b) => !inside(b, viewport))).toEqual([]);
    const bar = await page.locator('.topbar.right').boundingBox();
    expect(boxes.filter((b) => bar && boxesOverlap(b, bar))).toEqual([]);
    await page.getByRole('checkbox', { name: /^School symbols/ }).uncheck();
    await page.getByRole('button', { name: 'School symbols: off' }).waitFor();
    // The tour card opens under the wrapped corner, not over it.
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Tour', exact: true }).click();
    const tour = await page.locator('.tour').boundingBox();
    const corner = await page.locator('.guide-buttons').boundingBox();
    expect(tour && corner && !boxesOverlap(tour, corner) && inside(tour, viewport)).toBe(true);
  }, 120_000);
});
