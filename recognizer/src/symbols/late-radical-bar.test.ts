import { describe, expect, it } from 'vitest';
import type { Stroke } from '../ink/types.ts';
import { boxOf } from './features.ts';
import { joinLateRadicalBars } from './late-radical-bar.ts';

const line = (x0: number, y0: number, x1: number, y1: number): Stroke =>
  Array.from({ length: 11 }, (_, i) => ({
    x: x0 + ((x1 - x0) * i) / 10,
    y: y0 + ((y1 - y0) * i) / 10,
  }));

/** A stand-in classifier: √ for a tick with a bar, by stroke count only. */
const classify = (strokes: Stroke[]) => ({
  ranked: [{ label: strokes.length === 2 ? '\\sqrt' : '-', score: 0.9 }],
});
const group = (strokes: readonly Stroke[], i: number, label: string) => ({
  strokes: [i],
  box: boxOf([strokes[i] ?? []]),
  shape: { ranked: [{ label, score: 0.9 }] },
});

describe('late radical bars', () => {
  // A tick (stroke 0), a radicand (stroke 1), then the bar over both (stroke 2).
  const tick = line(0, 6, 4, 0);
  const radicand = line(6, 2, 6, 10);
  it('joins a bar drawn after the radicand to the tick it starts on', () => {
    const strokes = [tick, radicand, line(4.2, 0.2, 12, 0)];
    const groups = [0, 1, 2].map((i) => group(strokes, i, ['/', '1', '-'][i] as string));
    const out = joinLateRadicalBars(groups, strokes, classify);
    expect(out.map((g) => [g.shape.ranked[0]?.label, g.strokes])).toEqual([
      ['\\sqrt', [0, 2]],
      ['1', [1]],
    ]);
  });

  it('leaves a bar that starts past the tick (a minus, a fraction bar) alone', () => {
    const strokes = [tick, radicand, line(8, 0.2, 14, 0)];
    const groups = [0, 1, 2].map((i) => group(strokes, i, ['/', '1', '-'][i] as string));
    expect(joinLateRadicalBars(groups, strokes, classify)).toHaveLength(3);
  });
});
