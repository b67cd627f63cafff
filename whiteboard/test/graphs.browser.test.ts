import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  boxesOverlap,
  cardBoxes,
  createBoard,
  skipTour,
  SCREENSHOTS,
  shareLink,
  appForFile,
  typeEquation,
  UI_TIMEOUT_MS,
  waitOnline,
} from './harness.ts';

/**
 * Graphs on the board, in real Chromium against the real server and solver: drawn from a
 * card, two functions on one graph with roots and intersections marked, an inequality
 * shaded, and everything (the view too) seen live by a second person.
 */

const app = appForFile();

const graphOf = (page: Page) => page.locator('[data-graph-id]').first();

describe('graphs', () => {
  let teacher: Page;
  let student: Page;

  it('a card that is a function shows its graph beside it, roots marked', async () => {
    teacher = await app.newUser('Teacher');
    await createBoard(teacher, 'Parabolas');
    await skipTour(teacher);
    await typeEquation(teacher, 'y=x^2-4');
    await typeEquation(teacher, 'y=x+2');
    // A plain equation in x has a graph too; a bare sum has none.
    const parabola = teacher.locator('[aria-label="Equation y=x^2-4"]');
    await parabola.getByRole('button', { name: 'Show graph' }).click();
    const graph = graphOf(teacher);
    await graph.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await graph.getAttribute('data-marks')).toBe('x = -2; x = 2');
    expect(await graph.getAttribute('aria-label')).toBe('Graph of y = x² - 4');
    // Beside the card, covering no card.
    const box = await graph.boundingBox();
    if (!box) throw new Error('no graph');
    for (const card of await cardBoxes(teacher)) expect(boxesOverlap(card, box)).toBe(false);
    // The curve is drawn: a path in the first colour with many points.
    const d = await graph.locator('path[stroke="#1864ab"]').getAttribute('d');
    expect(d?.split('L').length).toBeGreaterThan(100);
  });

  it('a second function on the same graph marks where the two meet', async () => {
    const graph = graphOf(teacher);
    await graph.getByLabel('Add a function to this graph').selectOption({ label: 'y = x + 2' });
    await expect
      .poll(() => graph.getAttribute('data-marks'), { timeout: UI_TIMEOUT_MS })
      .toBe('x = 2; (-2, 0); (3, 5)');
    expect(await graph.getAttribute('aria-label')).toBe('Graph of y = x² - 4 and y = x + 2');
  });

  it('a second person sees the graph, and its pan and zoom, live', async () => {
    const link = await shareLink(teacher, 'edit');
    student = await app.newUser('Student', { start: link });
    await waitOnline(student);
    const theirs = graphOf(student);
    await theirs.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await theirs.getAttribute('data-marks')).toBe(
      await graphOf(teacher).getAttribute('data-marks'),
    );

    // The teacher zooms in with the graph's button, then drags the plot with the select tool.
    const mine = graphOf(teacher);
    const before = await mine.getAttribute('data-view');
    await mine.getByRole('button', { name: 'Zoom graph in' }).click();
    const zoomed = await mine.getAttribute('data-view');
    expect(zoomed).not.toBe(before);
    await expect
      .poll(() => theirs.getAttribute('data-view'), { timeout: UI_TIMEOUT_MS })
      .toBe(zoomed);
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('v');
    const plot = await mine.locator('.plot').boundingBox();
    if (!plot) throw new Error('no plot');
    const cx = plot.x + plot.width / 2;
    const cy = plot.y + plot.height / 2;
    await teacher.mouse.move(cx, cy);
    await teacher.mouse.down();
    await teacher.mouse.move(cx - 40, cy, { steps: 4 });
    await teacher.mouse.move(cx - 80, cy, { steps: 4 });
    await teacher.mouse.up();
    const panned = await mine.getAttribute('data-view');
    const [xMin0] = (zoomed ?? '').split(',').map(Number);
    const [xMin1] = (panned ?? '').split(',').map(Number);
    expect(xMin1 ?? 0).toBeGreaterThan(xMin0 ?? 0);
    await expect
      .poll(() => theirs.getAttribute('data-view'), { timeout: UI_TIMEOUT_MS })
      .toBe(panned);
    await mine.getByRole('button', { name: 'Zoom graph out' }).click();
    await teacher.screenshot({ path: join(SCREENSHOTS, 'graphs.png') });
  });

  it('an inequality in x and y is shaded on its side of a dashed boundary', async () => {
    await typeEquation(teacher, 'y>2x-3');
    const card = teacher.locator('[aria-label="Equation y>2x-3"]');
    await card.getByRole('button', { name: 'Show graph' }).click();
    const graph = teacher.locator('[data-graph-id][aria-label="Graph of y > 2x - 3"]');
    await graph.waitFor({ timeout: UI_TIMEOUT_MS });
    // Three cards and two graphs, none covering another (a graph is placed, and pushed, from
    // board geometry: what is drawn must be where the board thinks it is).
    await expect
      .poll(
        async () => {
          const boxes = await teacher
            .locator('[data-equation-id], [data-graph-id]')
            .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
          return {
            count: boxes.length,
            overlapping: boxes.flatMap((a, i) =>
              boxes.slice(i + 1).filter((b) => boxesOverlap(a, b)),
            ).length,
          };
        },
        { timeout: UI_TIMEOUT_MS },
      )
      .toEqual({ count: 5, overlapping: 0 });
    expect(await graph.locator('path[fill-opacity]').count()).toBe(1);
    expect(await graph.locator('path[stroke-dasharray]').count()).toBe(1);
    await student
      .locator('[data-graph-id][aria-label="Graph of y > 2x - 3"]')
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await student.locator('.canvas-host').focus();
    await student.keyboard.press('Shift+1');
    await student.screenshot({ path: join(SCREENSHOTS, 'graphs-student.png') });
    await student.context().close();
  });
});
