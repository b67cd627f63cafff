import type { Stroke } from '../ink/types.ts';
import type { Box } from './features.ts';
import { isFlat, union } from './stacking.ts';

/**
 * A √ whose bar is drawn last, after its radicand ("√ab", then the bar over it): its tick
 * and its bar are not consecutive strokes, and the segmentation groups only consecutive
 * ones. Afterwards, a lone bar that starts at the top of an earlier lone tick and runs to
 * the right joins it when the two read as √. On CROHME train this is most of the √ that
 * were split (about 50 of 890).
 */

/**
 * The bar starts this close (× the tick's height) to the tick's top right corner: a
 * fraction bar or a minus further on starts past the radicand, not on the tick.
 */
export const BAR_START_MAX_DISTANCE = 0.35;
/** It reaches at least this far (× the tick's height) past the tick, over the radicand. */
export const BAR_MIN_REACH = 0.2;
/** The bar is at most this tall (× the tick's height), and wider than tall. */
export const BAR_MAX_HEIGHT = 0.25;
/** Tick and bar together must read as √ with at least this score. */
export const LATE_RADICAL_MIN_SCORE = 0.5;

/** What the segmentation found: stroke indices (writing order), box and shape. */
interface Group<S> {
  strokes: number[];
  box: Box;
  shape: S;
}

export function joinLateRadicalBars<S extends { ranked: { label: string; score: number }[] }>(
  groups: readonly Group<S>[],
  strokes: readonly Stroke[],
  classify: (strokes: Stroke[]) => S,
): Group<S>[] {
  const out = [...groups];
  for (let b = out.length - 1; b > 0; b--) {
    const bar = out[b] as Group<S>;
    if (bar.strokes.length !== 1) continue;
    for (let t = b - 2; t >= 0; t--) {
      const tick = out[t] as Group<S>;
      if (tick.strokes.length !== 1 || isFlat(tick.box) || !startsOnTop(bar.box, tick.box))
        continue;
      const joined = [...tick.strokes, ...bar.strokes];
      const shape = classify(joined.map((i) => strokes[i] ?? []));
      const top = shape.ranked[0];
      if (top?.label !== '\\sqrt' || top.score < LATE_RADICAL_MIN_SCORE) continue;
      out[t] = { strokes: joined, box: union(tick.box, bar.box), shape };
      out.splice(b, 1);
      break;
    }
  }
  return out;
}

/** Whether `bar` is a bar that starts at the top right corner of `tick` and runs right. */
function startsOnTop(bar: Box, tick: Box): boolean {
  const h = tick.maxY - tick.minY;
  const [barW, barH] = [bar.maxX - bar.minX, bar.maxY - bar.minY];
  const d = Math.hypot(bar.minX - tick.maxX, (bar.minY + bar.maxY) / 2 - tick.minY);
  return (
    barH <= BAR_MAX_HEIGHT * h &&
    barW > barH &&
    d <= BAR_START_MAX_DISTANCE * h &&
    bar.maxX > tick.maxX + BAR_MIN_REACH * h
  );
}
