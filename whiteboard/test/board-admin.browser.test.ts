import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createBoard, SCREENSHOTS, appForFile, UI_TIMEOUT_MS, waitOnline } from './harness.ts';

/**
 * Running a board from inside it, in real Chromium against the real server: renaming it in
 * the top bar (seen live by a second person), and listing and revoking its share links.
 */

const app = appForFile();

const titleOf = (page: Page) => page.locator('.board-title').innerText();

/** Creates a link in the open share dialog and returns its URL once it is shown. */
async function createLink(owner: Page, role: 'edit' | 'view only'): Promise<string> {
  const dialog = owner.getByRole('dialog', { name: 'Share this board' });
  const before = (await dialog.getByTestId('share-url').count())
    ? await dialog.getByTestId('share-url').inputValue()
    : '';
  await dialog.getByRole('radio', { name: role }).check();
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await expect
    .poll(async () => (await dialog.getByTestId('share-url').count()) > 0, {
      timeout: UI_TIMEOUT_MS,
    })
    .toBe(true);
  await expect
    .poll(() => dialog.getByTestId('share-url').inputValue(), { timeout: UI_TIMEOUT_MS })
    .not.toBe(before);
  return dialog.getByTestId('share-url').inputValue();
}

describe('running a board from inside it', () => {
  let teacher: Page;
  let student: Page;

  it('the teacher renames the board in the top bar; the student sees it live', async () => {
    teacher = await app.newUser('Teacher');
    await createBoard(teacher, 'Lesson draft');
    await teacher.getByRole('button', { name: 'Share' }).click();
    const link = await createLink(teacher, 'edit');
    await teacher.getByRole('button', { name: 'Close' }).click();
    student = await app.newUser('Student', { start: link });
    await waitOnline(student);
    expect(await titleOf(student)).toBe('Lesson draft');

    // A click opens the name for editing; an empty name is refused in plain words.
    await teacher.getByRole('button', { name: 'Lesson draft, rename board' }).click();
    const field = teacher.getByRole('textbox', { name: 'Board name' });
    expect(await field.inputValue()).toBe('Lesson draft');
    await field.fill('   ');
    await field.press('Enter');
    const error = teacher.getByRole('alert');
    await error.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await error.innerText()).toContain('A board needs a name');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'rename-empty.png') });
    // Escape gives the old name back, unchanged for everyone.
    await field.press('Escape');
    expect(await titleOf(teacher)).toBe('Lesson draft');
    expect(await field.count()).toBe(0);

    // F2 from the board, a new name, Enter: saved, and live on the student's screen.
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('F2');
    await field.waitFor({ timeout: UI_TIMEOUT_MS });
    await field.fill('Fractions, week 3');
    await field.press('Enter');
    await expect.poll(() => titleOf(teacher), { timeout: UI_TIMEOUT_MS }).toBe('Fractions, week 3');
    await expect.poll(() => titleOf(student), { timeout: UI_TIMEOUT_MS }).toBe('Fractions, week 3');
    await teacher.screenshot({ path: join(SCREENSHOTS, 'renamed.png') });

    // Escape after typing keeps the saved name.
    await teacher.keyboard.press('F2');
    await field.fill('Not this one');
    await field.press('Escape');
    expect(await titleOf(teacher)).toBe('Fractions, week 3');
    // An editor may rename too, not only the owner.
    expect(
      await student.getByRole('button', { name: 'Fractions, week 3, rename board' }).count(),
    ).toBe(1);
    // The new name is the board's name everywhere, not only in open boards.
    await student.getByRole('button', { name: 'Back to boards' }).click();
    await student
      .locator('.board-tile .open', { hasText: 'Fractions, week 3' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('the share dialog lists the links; a revoked one no longer lets anyone in', async () => {
    await teacher.getByRole('button', { name: 'Share' }).click();
    const dialog = teacher.getByRole('dialog', { name: 'Share this board' });
    const rows = dialog.locator('[data-share-link]');
    // The student's link from the first test is listed already.
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(1);
    const editLink = await createLink(teacher, 'edit');
    const viewLink = await createLink(teacher, 'view only');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(3);
    const texts = await rows.allInnerTexts();
    expect(texts.map((t) => t.split('\n')[0])).toEqual(['Can edit', 'Can edit', 'View only']);
    for (const t of texts) expect(t).toMatch(/made .+ · expires .+/);
    await teacher.screenshot({ path: join(SCREENSHOTS, 'share-links.png') });

    // Revoke the second edit link (the one just made).
    await dialog.getByRole('button', { name: 'Revoke link 2 (can edit)' }).click();
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(2);
    expect((await rows.allInnerTexts()).map((t) => t.split('\n')[0])).toEqual([
      'Can edit',
      'View only',
    ]);
    await teacher.getByRole('button', { name: 'Close' }).click();

    // Someone new with the revoked link is told why, in plain words, and gets no board.
    const late = await app.newUser('Late student', { start: editLink });
    const refused = late.getByRole('alert');
    await refused.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await refused.innerText()).toBe(
      'This link no longer works: the board’s owner revoked it, or it has expired. Ask them for a new link.',
    );
    expect(late.url()).toContain('/share/');
    await late.screenshot({ path: join(SCREENSHOTS, 'share-link-revoked.png') });
    await late.getByRole('button', { name: 'Your boards' }).click();
    await late.getByRole('heading', { name: 'Your boards' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await late.locator('.board-tile').count()).toBe(0);

    // The link left alive still works: a parent joins, view only.
    const parent = await app.newUser('Parent', { start: viewLink });
    await waitOnline(parent);
    await parent.locator('.board-screen[data-read-only="true"]').waitFor();
    expect(await titleOf(parent)).toBe('Fractions, week 3');
    // A viewer reads the name; nothing offers to change it.
    expect(await parent.locator('.board-title button').count()).toBe(0);
    await late.context().close();
    await parent.context().close();
  });
});
