import { describe, expect, it } from 'vitest';
import { escapeXml, linearTicks, logTicks, renderLinePlot } from './line-plot.ts';

describe('ticks', () => {
  it('linear ticks are round and cover the maximum', () => {
    expect(linearTicks(2100)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(linearTicks(0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0)).toEqual([0, 1]);
  });

  it('log ticks are 1-2-5 per decade from the decade below to the one above', () => {
    expect(logTicks(3, 450)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });
});

describe('renderLinePlot', () => {
  const svg = renderLinePlot({
    title: 'latency <vs> load',
    xLabel: 'updates/s',
    yLabel: 'ms',
    logY: true,
    width: 600,
    height: 400,
    series: [
      {
        label: 'p50 same',
        color: '#1f77b4',
        points: [
          { x: 200, y: 5 },
          { x: 100, y: 2 },
        ],
      },
      {
        label: 'p99 cross',
        color: '#d62728',
        dashed: true,
        points: [
          { x: 100, y: 40 },
          { x: 200, y: NaN },
          { x: 300, y: 900 },
        ],
      },
      { label: 'empty', color: '#000', points: [] },
    ],
  });

  it('draws one line per non-empty series and a legend entry per series', () => {
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('>p50 same<');
    expect(svg).toContain('>empty<');
    expect(svg).toContain('stroke-dasharray');
  });

  it('skips points it cannot place (NaN, or ≤ 0 on a log axis)', () => {
    expect(svg.match(/<circle/g)).toHaveLength(4);
  });

  it('keeps every point inside the canvas, x sorted', () => {
    const first = /<polyline points="([^"]+)"/.exec(svg)?.[1] ?? '';
    const xs = first.split(' ').map((pair) => Number(pair.split(',')[0]));
    expect(xs[0]).toBeLessThan(xs[1]!);
    for (const [, cx, cy] of svg.matchAll(/cx="([\d.]+)" cy="([\d.]+)"/g)) {
      expect(Number(cx)).toBeGreaterThanOrEqual(0);
      expect(Number(cx)).toBeLessThanOrEqual(600);
      expect(Number(cy)).toBeGreaterThanOrEqual(0);
      expect(Number(cy)).toBeLessThanOrEqual(400);
    }
  });

  it('escapes text', () => {
    expect(svg).toContain('latency &lt;vs&gt; load');
    expect(escapeXml('a & "b"')).toBe('a &amp; &quot;b&quot;');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});
