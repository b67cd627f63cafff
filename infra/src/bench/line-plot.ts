/**
 * A small hand-written SVG line chart (linear x, linear or log y): enough for the
 * latency-against-load plot without a charting dependency. Pure: options in, SVG text out.
 * Kept instead of vega-lite on purpose: vega 6.4 alone depends on 27 `vega-*` packages
 * (plus vega-lite's compiler) to draw this one dev-only chart, which these ~140 tested
 * lines do.
 */
export interface PlotPoint {
  x: number;
  y: number;
}

export interface PlotSeries {
  label: string;
  color: string;
  dashed?: boolean;
  points: PlotPoint[];
}

export interface PlotOptions {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: PlotSeries[];
  /** Log-scale y: latencies under load span milliseconds to seconds. */
  logY?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { top: 56, right: 190, bottom: 52, left: 68 };
const FONT = 'font-family="system-ui, sans-serif"';

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Round tick values (1, 2, 5 × 10^k steps) covering [0, max]. */
export function linearTicks(max: number, target = 6): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

/** 1-2-5 ticks per decade covering [min, max] (both > 0). */
export function logTicks(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  const ticks: number[] = [];
  for (let k = low; k <= high; k++)
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** k;
      if (v >= 10 ** low && v <= 10 ** high) ticks.push(Math.round(v * 1e6) / 1e6);
    }
  return ticks;
}

const format = (v: number) => (v >= 1000 && v % 1000 === 0 ? `${v / 1000}k` : String(v));

export function renderLinePlot(options: PlotOptions): string {
  const width = options.width ?? 900;
  const height = options.height ?? 520;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const logY = options.logY ?? false;
  const usable = (p: PlotPoint) =>
    Number.isFinite(p.x) && Number.isFinite(p.y) && (!logY || p.y > 0);
  const all = options.series.flatMap((s) => s.points.filter(usable));
  const xTicks = linearTicks(Math.max(0, ...all.map((p) => p.x)));
  const xMax = xTicks.at(-1) ?? 1;
  const ys = all.map((p) => p.y);
  const yTicks = logY
    ? logTicks(Math.min(1, ...ys), Math.max(10, ...ys))
    : linearTicks(Math.max(0, ...ys));
  const yMin = logY ? (yTicks[0] ?? 1) : 0;
  const yMax = yTicks.at(-1) ?? 1;
  const sx = (x: number) => MARGIN.left + (x / xMax) * plotW;
  const sy = (y: number) => {
    const f = logY
      ? (Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))
      : y / yMax;
    return MARGIN.top + plotH - f * plotH;
  };
  const px = (v: number) => v.toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="24" ${FONT} font-size="16" font-weight="bold">${escapeXml(options.title)}</text>`,
  ];
  if (options.subtitle)
    out.push(
      `<text x="${MARGIN.left}" y="42" ${FONT} font-size="12" fill="#555">${escapeXml(options.subtitle)}</text>`,
    );
  for (const t of xTicks) {
    const x = px(sx(t));
    out.push(
      `<line x1="${x}" y1="${MARGIN.top}" x2="${x}" y2="${MARGIN.top + plotH}" stroke="#eee"/>`,
      `<text x="${x}" y="${MARGIN.top + plotH + 16}" ${FONT} font-size="11" text-anchor="middle">${format(t)}</text>`,
    );
  }
  for (const t of yTicks) {
    const y = px(sy(t));
    out.push(
      `<line x1="${MARGIN.left}" y1="${y}" x2="${MARGIN.left + plotW}" y2="${y}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${y}" ${FONT} font-size="11" text-anchor="end" dominant-baseline="middle">${format(t)}</text>`,
    );
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#444"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${height - 12}" ${FONT} font-size="12" text-anchor="middle">${escapeXml(options.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotH / 2}) rotate(-90)" ${FONT} font-size="12" text-anchor="middle">${escapeXml(options.yLabel)}</text>`,
  );
  options.series.forEach((series, i) => {
    const points = series.points.filter(usable).sort((a, b) => a.x - b.x);
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    if (points.length > 0) {
      const coords = points.map((p) => `${px(sx(p.x))},${px(sy(p.y))}`).join(' ');
      out.push(
        `<polyline points="${coords}" fill="none" stroke="${series.color}" stroke-width="2"${dash}/>`,
      );
      for (const p of points)
        out.push(`<circle cx="${px(sx(p.x))}" cy="${px(sy(p.y))}" r="3" fill="${series.color}"/>`);
    }
    const ly = MARGIN.top + 10 + i * 20;
    const lx = MARGIN.left + plotW + 16;
    out.push(
      `<line x1="${lx}" y1="${ly}" x2="${lx + 28}" y2="${ly}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 34}" y="${ly}" ${FONT} font-size="12" dominant-baseline="middle">${escapeXml(series.label)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
