import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { parse } from '@unified-latex/unified-latex-util-parse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  createBoard,
  skipTour,
  drawLine,
  SCREENSHOTS,
  appForFile,
  typeEquation,
  UI_TIMEOUT_MS,
} from './harness.ts';
import type { ScreenBox } from './harness.ts';

/**
 * Exports worth handing out: PNG, SVG and PDF of a board with a solved card (steps), a
 * graph and ink are compared pixel by pixel against the board itself at 100 %, and must
 * hold the steps' text; the LaTeX export must parse.
 */

/** pixelmatch's per-pixel colour distance (0–1): above it a pixel differs. */
const PIXEL_THRESHOLD = 0.3;
/**
 * Both pictures are compared at half size: the 2× export scaled to the board's size and
 * JPEG in the PDF blur glyph edges by a pixel, which is not a difference a reader sees.
 */
const COMPARE_SCALE = 0.5;
/**
 * Differing pixels allowed, as a share of the board's drawn (non-white) pixels: room for
 * anti-aliasing and the 2× export scaled back to 1×, far below a board moved by 4 px.
 */
const MAX_DIFF_SHARE = 0.3;
/**
 * The PDF's page is a JPEG (PDF_JPEG_QUALITY): its ringing around every glyph edge adds
 * differing pixels run to run (22–33 % measured on the same board), still far below the
 * board moved by 4 px (~128 %), which the first test checks against this bound too.
 */
const MAX_JPEG_DIFF_SHARE = 0.5;
/** Space the export leaves around the content (EXPORT_PADDING, board units = px at 100 %). */
const PADDING = 32;

const app = appForFile();
let teacher: Page;
let clip: ScreenBox;
/** The size both pictures are compared at. */
let size: { w: number; h: number };
let board: { width: number; height: number; rgba: Buffer; drawn: number };
let explanation: string;

async function save(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export' }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: UI_TIMEOUT_MS }),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

/** An image (data URL) drawn at `width`×`height` in the page: its RGBA pixels and a PNG. */
async function pixelsOf(page: Page, dataUrl: string, width: number, height: number) {
  const { rgba, png } = await page.evaluate(
    async ({ dataUrl, width, height }) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(img, 0, 0, width, height);
      const data = ctx.getImageData(0, 0, width, height).data;
      let bin = '';
      for (let i = 0; i < data.length; i += 8192)
        bin += String.fromCharCode(...data.subarray(i, i + 8192));
      return { rgba: btoa(bin), png: canvas.toDataURL('image/png') };
    },
    { dataUrl, width, height },
  );
  return {
    rgba: Buffer.from(rgba, 'base64'),
    png: Buffer.from(png.slice(png.indexOf(',') + 1), 'base64'),
  };
}

const differing = (a: Buffer, b: Buffer) =>
  pixelmatch(a, b, null, board.width, board.height, { threshold: PIXEL_THRESHOLD });

/** Pixels that differ between an export and the board, per drawn pixel of the board. */
function diffShare(rgba: Buffer, what = 'export'): number {
  const share = differing(rgba, board.rgba) / board.drawn;
  console.log(`[pixel diff] ${what}: ${(share * 100).toFixed(1)} % of ${board.drawn} drawn pixels`);
  return share;
}

const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

describe('exports worth handing out', () => {
  it('a board with steps, a graph and ink, seen at 100 %', async () => {
    teacher = await app.newUser('Teacher');
    await createBoard(teacher, 'Handout 1');
    await skipTour(teacher);
    await typeEquation(teacher, '2x+3=11');
    await typeEquation(teacher, 'y=x^2-4');
    const solved = teacher.locator('[aria-label="Equation 2x+3=11"][data-status="solved"]');
    await solved.waitFor({ timeout: UI_TIMEOUT_MS });
    await teacher
      .locator('[aria-label="Equation y=x^2-4"]')
      .getByRole('button', { name: 'Show graph' })
      .click();
    await teacher.locator('[data-graph-id]').waitFor({ timeout: UI_TIMEOUT_MS });
    explanation = (await solved.locator('.step .why').first().innerText()).trim();
    expect(explanation.length).toBeGreaterThan(5);
    // The teacher circles the answer.
    const answer = await solved.locator('.answer').boundingBox();
    if (!answer) throw new Error('no answer');
    await teacher.locator('.canvas-host').focus();
    await teacher.keyboard.press('p');
    const [cx, cy] = [answer.x + answer.width / 2, answer.y + answer.height / 2];
    await drawLine(
      teacher,
      Array.from({ length: 25 }, (_, i) => {
        const a = (i / 24) * 2 * Math.PI;
        // Inside the card: the picture of the board is measured from its cards.
        return [cx + (answer.width / 2) * Math.cos(a), cy + answer.height * 0.6 * Math.sin(a)];
      }),
    );
    await teacher.locator('.board-screen[data-stroke-count="1"]').waitFor();
    // Everything in sight, then at 100 %.
    await teacher.keyboard.press('Shift+1');
    await teacher.keyboard.press('Control+0');
    await teacher.locator('.board-screen[data-zoom="1"]').waitFor({ timeout: UI_TIMEOUT_MS });
    // The board as the export should show it: no chrome, no dot grid, no card buttons.
    const hide = await teacher.addStyleTag({
      content:
        '.topbar,.toolbar,.guide-buttons,canvas.grid,.peer-cursor{visibility:hidden}' +
        '.card-tools{visibility:hidden}' +
        '.editing-only{display:none}' +
        '.canvas-host:focus-visible{outline:none}',
    });
    const content = await teacher.evaluate(() => {
      const rects = [...document.querySelectorAll('[data-equation-id], [data-graph-id]')].map((e) =>
        e.getBoundingClientRect(),
      );
      return {
        x: Math.min(...rects.map((r) => r.left)),
        y: Math.min(...rects.map((r) => r.top)),
        right: Math.max(...rects.map((r) => r.right)),
        bottom: Math.max(...rects.map((r) => r.bottom)),
      };
    });
    clip = {
      x: Math.round(content.x - PADDING),
      y: Math.round(content.y - PADDING),
      width: Math.ceil(content.right - content.x + 2 * PADDING),
      height: Math.ceil(content.bottom - content.y + 2 * PADDING),
    };
    const shot = await teacher.screenshot({ clip });
    await writeFile(join(SCREENSHOTS, 'export-board.png'), shot);
    size = {
      w: Math.round(clip.width * COMPARE_SCALE),
      h: Math.round(clip.height * COMPARE_SCALE),
    };
    const pixels = await pixelsOf(teacher, dataUrl('image/png', shot), size.w, size.h);
    await hide.evaluate((el) => (el as Element).remove());
    board = { width: size.w, height: size.h, rgba: pixels.rgba, drawn: 1 };
    const blank = Buffer.alloc(pixels.rgba.length, 255);
    board.drawn = differing(blank, pixels.rgba);
    expect(board.drawn).toBeGreaterThan(1000);
    // The comparison can fail: the same board 4 px to the right (2 at half size) is far from it.
    const shifted = Buffer.alloc(pixels.rgba.length, 255);
    for (let y = 0; y < size.h; y++)
      pixels.rgba.copy(shifted, (y * size.w + 2) * 4, y * size.w * 4, ((y + 1) * size.w - 2) * 4);
    expect(diffShare(shifted, 'board moved 4 px')).toBeGreaterThan(MAX_JPEG_DIFF_SHARE);
  });

  it('PNG: the board, pixel for pixel within tolerance', async () => {
    const png = await save(teacher, 'PNG image');
    expect(png.name).toBe('Handout-1.png');
    await writeFile(join(SCREENSHOTS, 'export.png'), png.bytes);
    const { rgba } = await pixelsOf(teacher, dataUrl('image/png', png.bytes), size.w, size.h);
    expect(diffShare(rgba)).toBeLessThan(MAX_DIFF_SHARE);
  });

  it('SVG: the board with KaTeX and the steps in it', async () => {
    const svg = await save(teacher, 'SVG image');
    const text = svg.bytes.toString('utf8');
    await writeFile(join(SCREENSHOTS, 'export.svg'), svg.bytes);
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('katex');
    expect(text).toContain(explanation);
    expect(text).toContain('2x+3=11');
    // The board's hint for editors is not handout text.
    expect(await teacher.locator('.graph-note').innerText()).toContain('graph button above');
    expect(text).not.toContain('graph button above');
    const { rgba } = await pixelsOf(teacher, dataUrl('image/svg+xml', svg.bytes), size.w, size.h);
    const full = await pixelsOf(
      teacher,
      dataUrl('image/svg+xml', svg.bytes),
      clip.width,
      clip.height,
    );
    await writeFile(join(SCREENSHOTS, 'export-svg.png'), full.png);
    expect(diffShare(rgba)).toBeLessThan(MAX_DIFF_SHARE);
  });

  it('PDF: one page showing the board, its steps as searchable text', async () => {
    const pdf = await save(teacher, 'PDF handout');
    const bytes = pdf.bytes;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = bytes.toString('latin1');
    expect(text).toContain(`(2x+3=11)`);
    expect(text).toContain(explanation.slice(0, 20));
    // The page's picture: the one JPEG stream in the file.
    const start = text.indexOf('stream', text.indexOf('/DCTDecode')) + 'stream'.length;
    const from = start + (text[start] === '\r' ? 2 : 1);
    const jpeg = bytes.subarray(from, text.indexOf('endstream', from));
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    const { rgba } = await pixelsOf(teacher, dataUrl('image/jpeg', jpeg), size.w, size.h);
    const full = await pixelsOf(teacher, dataUrl('image/jpeg', jpeg), clip.width, clip.height);
    await writeFile(join(SCREENSHOTS, 'export-pdf.png'), full.png);
    expect(diffShare(rgba)).toBeLessThan(MAX_JPEG_DIFF_SHARE);
  });

  it('LaTeX: a document that parses, with the steps and no escaped math', async () => {
    const tex = (await save(teacher, 'Equations as LaTeX')).bytes.toString('utf8');
    const ast = parse(tex);
    const environments: string[] = [];
    const visit = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const n = node as { type?: string; env?: string | { content?: string }; content?: unknown };
      if (n.type === 'environment' || n.type === 'mathenv')
        environments.push(typeof n.env === 'string' ? n.env : String(n.env?.content));
      if (Array.isArray(n.content)) n.content.forEach(visit);
    };
    visit(ast);
    expect(environments).toContain('document');
    expect(environments).toContain('align*');
    expect(tex).toContain(explanation.replace(/\$([^$]+)\$/g, '\\($1\\)').slice(0, 20));
    expect(tex).not.toContain('\\$');
  });
});
