import { toCanvas, toSvg } from 'html-to-image';
import { jsPDF } from 'jspdf';
import { effectiveStatus } from '@motionmath/protocol';
import type { BoardSnapshot } from '@motionmath/protocol';
import type { Box } from '../editor/camera.ts';
import { EXPORT_PADDING } from '../editor/export.ts';
import { isEmptyBox, strokeBox, unionBox, EMPTY_BOX } from '../editor/geometry.ts';
import { inkPath } from '../editor/ink.ts';

/**
 * PNG, SVG and PDF exports that look exactly like the board: the cards and graphs the
 * board shows (KaTeX, steps, answers, plots) are copied from the page at 100 % onto a
 * white sheet with the ink over them, and html-to-image turns that sheet into an SVG
 * (HTML in a foreignObject, fonts embedded) or a canvas. A second layout of our own for
 * exports would drift from the board; this cannot.
 */

/** PNG and PDF resolution: 2× so handouts stay sharp in print and on high-density screens. */
export const EXPORT_SCALE = 2;
/** JPEG quality of the PDF's page image: visually lossless for text, a tenth of PNG's size. */
const PDF_JPEG_QUALITY = 0.92;
/** CSS px to PDF points. */
const PX_TO_PT = 0.75;
/** What the board shows but a handout should not: card buttons, the unconfirmed draft
 * (hidden in place, so the cards keep their size; `.editing-only` hints are removed). */
const EXPORT_CSS = '.export-sheet .card-tools{visibility:hidden}';

interface Sheet {
  readonly node: HTMLElement;
  readonly box: Box;
  readonly width: number;
  readonly height: number;
  remove(): void;
}

/** The drawn content in board units: ink, and the cards and graphs laid out in `world`. */
function drawnBox(board: BoardSnapshot, world: HTMLElement): Box {
  let box = EMPTY_BOX;
  for (const s of board.strokes) box = unionBox(box, strokeBox(s));
  // Fractional, from the screen: offsetLeft rounds, and the board is not drawn rounded.
  const origin = world.getBoundingClientRect();
  for (const el of world.querySelectorAll<HTMLElement>('[data-equation-id], [data-graph-id]')) {
    const r = el.getBoundingClientRect();
    box = unionBox(box, {
      minX: r.left - origin.left,
      minY: r.top - origin.top,
      maxX: r.right - origin.left,
      maxY: r.bottom - origin.top,
    });
  }
  return isEmptyBox(box) ? { minX: 0, minY: 0, maxX: 320, maxY: 200 } : box;
}

/** A white sheet, off screen, with a copy of the cards and graphs and the ink on top. */
function buildSheet(board: BoardSnapshot): Sheet {
  const world = document.querySelector<HTMLElement>('.board-screen .world');
  if (!world) throw new Error('The board is not open, so there is nothing to export.');
  const node = document.createElement('div');
  node.className = 'export-sheet';
  // Off screen through a wrapper: html-to-image copies the sheet's own computed style
  // (every inset included), so the sheet itself must sit at 0, 0.
  const holder = document.createElement('div');
  Object.assign(holder.style, { position: 'fixed', left: '-100000px', top: '0' });
  const style = document.createElement('style');
  style.textContent = EXPORT_CSS;
  const copy = document.createElement('div');
  copy.className = 'world';
  for (const el of world.querySelectorAll<HTMLElement>(
    ':scope > [data-equation-id], :scope > [data-graph-id]',
  ))
    copy.append(el.cloneNode(true));
  // Hints for whoever edits ("the graph button above") and private chips: not handout text.
  for (const el of copy.querySelectorAll('.editing-only')) el.remove();
  node.append(style, copy);
  holder.append(node);
  document.body.append(holder);
  // Measured on the copy (at 100 %, unscaled), which is what the handout shows: without
  // the editing hints a card may be shorter than on the board.
  const box = drawnBox(board, copy);
  const x = box.minX - EXPORT_PADDING;
  const y = box.minY - EXPORT_PADDING;
  const width = Math.ceil(box.maxX - box.minX + 2 * EXPORT_PADDING);
  const height = Math.ceil(box.maxY - box.minY + 2 * EXPORT_PADDING);
  Object.assign(node.style, {
    position: 'absolute',
    left: '0',
    top: '0',
    width: `${width}px`,
    height: `${height}px`,
    overflow: 'hidden',
    background: '#ffffff',
  });
  copy.style.transform = `translate(${-x}px, ${-y}px)`;
  const ns = 'http://www.w3.org/2000/svg';
  const ink = document.createElementNS(ns, 'svg');
  ink.setAttribute('width', String(width));
  ink.setAttribute('height', String(height));
  ink.setAttribute('viewBox', `${x} ${y} ${width} ${height}`);
  Object.assign(ink.style, { position: 'absolute', left: '0', top: '0' });
  for (const s of board.strokes) {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', inkPath(s.points, s.width));
    path.setAttribute('fill', s.color);
    ink.append(path);
  }
  node.append(ink);
  return { node, box, width, height, remove: () => holder.remove() };
}

const ON_SHEET = { position: 'relative' } as const;

export async function boardSvg(board: BoardSnapshot): Promise<string> {
  const sheet = buildSheet(board);
  try {
    const url = await toSvg(sheet.node, {
      style: ON_SHEET,
      width: sheet.width,
      height: sheet.height,
    });
    return decodeURIComponent(url.slice(url.indexOf(',') + 1));
  } finally {
    sheet.remove();
  }
}

async function boardCanvas(
  board: BoardSnapshot,
): Promise<{ canvas: HTMLCanvasElement; sheet: Sheet }> {
  const sheet = buildSheet(board);
  try {
    const canvas = await toCanvas(sheet.node, {
      style: ON_SHEET,
      width: sheet.width,
      height: sheet.height,
      pixelRatio: EXPORT_SCALE,
      backgroundColor: '#ffffff',
    });
    return { canvas, sheet };
  } finally {
    sheet.remove();
  }
}

export async function boardPng(board: BoardSnapshot): Promise<Blob> {
  const { canvas } = await boardCanvas(board);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

/** The text a PDF reader can search and copy, under the picture of each card. */
function cardText(e: BoardSnapshot['equations'][number]): string[] {
  const lines = [e.latex];
  if (effectiveStatus(e) === 'pending') return lines;
  e.steps.forEach((s, i) =>
    lines.push(`${i + 1}. ${s.latex}${s.explanation ? ` ${s.explanation}` : ''}`),
  );
  if (e.answer) lines.push(`Answer: ${e.answer.latex}`);
  else if (e.error) lines.push(e.error);
  return lines;
}

/**
 * One page the size of the board: the board's picture, and under it invisible text (the
 * equations, steps and answers) at each card, so the PDF can be searched and read aloud.
 */
export async function boardPdf(board: BoardSnapshot, title: string): Promise<Blob> {
  const { canvas, sheet } = await boardCanvas(board);
  const w = sheet.width * PX_TO_PT;
  const h = sheet.height * PX_TO_PT;
  const pdf = new jsPDF({
    unit: 'pt',
    format: [w, h],
    orientation: w > h ? 'landscape' : 'portrait',
  });
  pdf.setProperties({ title, creator: 'MotionMath' });
  pdf.addImage(canvas.toDataURL('image/jpeg', PDF_JPEG_QUALITY), 'JPEG', 0, 0, w, h);
  pdf.setFontSize(8);
  const ox = sheet.box.minX - EXPORT_PADDING;
  const oy = sheet.box.minY - EXPORT_PADDING;
  for (const e of board.equations) {
    cardText(e).forEach((line, i) => {
      pdf.text(line, (e.x - ox + 12) * PX_TO_PT, (e.y - oy + 24 + i * 10) * PX_TO_PT, {
        renderingMode: 'invisible',
      });
    });
  }
  return pdf.output('blob');
}
