import { findRoots, formatNumber, holds, sampleCurve } from './plot.ts';
import type { Plottable, View } from './plot.ts';

/**
 * A graph drawn as one SVG string. Our own drawing rather than function-plot (d3, draws
 * imperatively into a live DOM node) or uPlot (series of data points, no implicit
 * regions): the same string is shown on the board, inlined into the SVG export and
 * rasterised for PNG/PDF, so the handout is exactly the board, with no DOM to copy.
 */

/** Colours of the functions on one graph, in order; distinct also for colour-blind eyes. */
export const GRAPH_COLORS = ['#1864ab', '#c92a2a', '#2b8a3e', '#862e9c'] as const;
/** Cells of a shaded region, in screen pixels: fine enough for a curved boundary. */
const REGION_CELL = 4;
/** Marks labelled per graph: more labels than this cover the curves. */
const MAX_LABELS = 8;
/** Tick spacing aimed at, in screen pixels. */
const TICK_TARGET_PX = 60;

export interface GraphItem {
  readonly plot: Plottable;
  readonly color: string;
}

export interface GraphMark {
  readonly kind: 'root' | 'intersection';
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Width of one tick-label character at the axes' 10 px font (an overestimate is safe). */
const LABEL_CHAR_WIDTH = 7;

/** A "nice" tick step (1, 2 or 5 × 10^k) for `span` over `pixels`. */
export function tickStep(span: number, pixels: number): number {
  const raw = (span * TICK_TARGET_PX) / Math.max(1, pixels);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/** Roots of every curve and intersections of every pair of curves, inside the view. */
export function graphMarks(items: readonly GraphItem[], view: View): GraphMark[] {
  const curves = items.filter((i) => i.plot.kind === 'function' && i.plot.f);
  const inY = (y: number) => y >= view.yMin && y <= view.yMax;
  // Two marks closer than this (in x) are one point: a shared root, a root that is a meeting.
  const same = (view.xMax - view.xMin) * 1e-6;
  const meetings: GraphMark[] = [];
  for (const [i, a] of curves.entries())
    for (const b of curves.slice(i + 1)) {
      const f = a.plot.f as (x: number) => number;
      const g = b.plot.f as (x: number) => number;
      for (const x of findRoots((t) => f(t) - g(t), view.xMin, view.xMax)) {
        const y = f(x);
        if (inY(y) && !meetings.some((m) => Math.abs(m.x - x) < same && m.y === y))
          meetings.push({
            kind: 'intersection',
            x,
            y,
            label: `(${formatNumber(x)}, ${formatNumber(y)})`,
          });
      }
    }
  const roots: GraphMark[] = [];
  if (inY(0))
    for (const { plot } of curves)
      for (const x of findRoots(plot.f as (x: number) => number, view.xMin, view.xMax)) {
        const taken = [...roots, ...meetings].some(
          (m) => Math.abs(m.x - x) < same && Math.abs(m.y) < same,
        );
        if (!taken) roots.push({ kind: 'root', x, y: 0, label: `x = ${formatNumber(x)}` });
      }
  roots.sort((a, b) => a.x - b.x);
  return [...roots, ...meetings];
}

/** The SVG of a graph of `width`×`height` pixels showing `view`. */
export function graphSvg(
  items: readonly GraphItem[],
  view: View,
  width: number,
  height: number,
): { svg: string; marks: GraphMark[] } {
  const sx = (x: number) => ((x - view.xMin) / (view.xMax - view.xMin)) * width;
  const sy = (y: number) => height - ((y - view.yMin) / (view.yMax - view.yMin)) * height;
  const n = (v: number) => v.toFixed(1);
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  // Regions first, under the grid: light fill in the function's colour.
  for (const { plot, color } of items) {
    if (plot.kind !== 'region' || !plot.g) continue;
    const g = plot.g;
    const cells: string[] = [];
    for (let py = 0; py < height; py += REGION_CELL) {
      const y = view.yMax - ((py + REGION_CELL / 2) / height) * (view.yMax - view.yMin);
      let start = -1;
      for (let px = 0; px <= width; px += REGION_CELL) {
        const x = view.xMin + ((px + REGION_CELL / 2) / width) * (view.xMax - view.xMin);
        const inside = px < width && holds(plot.relation, g(x, y));
        if (inside && start < 0) start = px;
        if (!inside && start >= 0) {
          cells.push(`M${start} ${py}h${px - start}v${REGION_CELL}h${start - px}z`);
          start = -1;
        }
      }
    }
    if (cells.length > 0)
      parts.push(`<path d="${cells.join('')}" fill="${color}" fill-opacity="0.18"/>`);
  }
  // Grid and axes with numbered ticks.
  const xs = tickStep(view.xMax - view.xMin, width);
  const ys = tickStep(view.yMax - view.yMin, height);
  const grid: string[] = [];
  const labels: string[] = [];
  const axisY = Math.min(height - 4, Math.max(12, sy(0)));
  const axisX = Math.min(width - 4, Math.max(4, sx(0)));
  for (let x = Math.ceil(view.xMin / xs) * xs; x <= view.xMax; x += xs) {
    grid.push(`M${n(sx(x))} 0V${height}`);
    // A number cut by the plot's edge ("10" for -10) misleads: leave it out.
    const half = (formatNumber(x).length * LABEL_CHAR_WIDTH) / 2;
    if (Math.abs(x) > xs / 2 && sx(x) - half >= 0 && sx(x) + half <= width)
      labels.push(
        `<text x="${n(sx(x))}" y="${n(axisY + 12)}" text-anchor="middle">${formatNumber(x)}</text>`,
      );
  }
  for (let y = Math.ceil(view.yMin / ys) * ys; y <= view.yMax; y += ys) {
    grid.push(`M0 ${n(sy(y))}H${width}`);
    if (Math.abs(y) > ys / 2)
      labels.push(
        `<text x="${n(axisX - 4)}" y="${n(sy(y) + 4)}" text-anchor="end">${formatNumber(y)}</text>`,
      );
  }
  parts.push(`<path d="${grid.join('')}" stroke="#e9ecef" stroke-width="1"/>`);
  parts.push(
    `<path d="M0 ${n(sy(0))}H${width}M${n(sx(0))} 0V${height}" stroke="#495057" stroke-width="1.2"/>`,
  );
  parts.push(
    `<g font-family="sans-serif" font-size="10" fill="#495057">${labels.join('')}` +
      `<text x="${width - 4}" y="${n(axisY - 4)}" text-anchor="end" font-style="italic">x</text>` +
      `<text x="${n(axisX + 5)}" y="12" font-style="italic">y</text></g>`,
  );
  // Curves, and the boundary of each region (dashed when the inequality is strict).
  for (const { plot, color } of items) {
    if (!plot.f) continue;
    const d = sampleCurve(plot.f, view)
      .map((line) => line.map((p, i) => `${i ? 'L' : 'M'}${n(sx(p.x))} ${n(sy(p.y))}`).join(''))
      .join('');
    const dash = plot.relation === '<' || plot.relation === '>' ? ' stroke-dasharray="6 4"' : '';
    if (d) parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2.2"${dash}/>`);
  }
  const marks = graphMarks(items, view);
  marks.forEach((m, i) => {
    const [cx, cy] = [n(sx(m.x)), n(sy(m.y))];
    const fill = m.kind === 'root' ? '#212529' : '#fff';
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="4" fill="${fill}" stroke="#212529" stroke-width="1.5"/>`,
    );
    if (i < MAX_LABELS)
      parts.push(
        `<text x="${cx}" y="${n(sy(m.y) - 8)}" text-anchor="middle" font-family="sans-serif" ` +
          `font-size="11" font-weight="600" fill="#212529" stroke="#fff" stroke-width="3" ` +
          `paint-order="stroke">${escapeXml(m.label)}</text>`,
      );
  });
  // Legend, top left: which colour is which equation.
  items.forEach(({ plot, color }, i) => {
    const y = 16 + i * 16;
    parts.push(
      `<rect x="8" y="${y - 9}" width="12" height="4" fill="${color}"/>` +
        `<text x="26" y="${y - 3}" font-family="sans-serif" font-size="11" fill="#212529" ` +
        `stroke="#fff" stroke-width="3" paint-order="stroke">${escapeXml(plot.label)}</text>`,
    );
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(
      `Graph of ${items.map((i) => i.plot.label).join(' and ') || 'nothing'}`,
    )}">${parts.join('')}</svg>`;
  return { svg, marks };
}
