import type { InkPoint } from './ink/types.ts';
import { rereadOperatorsInLayout } from './layout/operator-places.ts';
import type { LayoutNode } from './layout/parse.ts';
import { readFunctionWords } from './layout/words.ts';
import type { SymbolScore } from './symbols/classifier.ts';
import { boxOf } from './symbols/features.ts';
import type { Box } from './symbols/features.ts';
import { CLOSE, OPEN } from './symbols/context.ts';
import { classifyInContext } from './symbols/in-context.ts';
import { groupKey } from './symbols/segment.ts';
import type { SegmentationSearch, SegmentedSymbol } from './symbols/segment.ts';

/**
 * Segmentation, classification and grammar scored together. The segmentation search gives
 * its best partition; the symbols are read in context and parsed, and operators out of
 * place are re-read (layout/operator-places.ts). Where an operator is still out of place
 * (a "+" opening a radicand because the "1" after the √ was merged into it), a minus ends
 * a row (the cap of a 5 cut off) or a bracket has no partner (merged into a neighbour),
 * the grouping is the likelier fault: the search is asked again without each group at or
 * next to the fault (for a bracket, each group of several strokes), and a partition that
 * reads with fewer faults wins if its score is not much lower.
 */

export interface RecognizedSymbol {
  label: string;
  /** Indices of the input strokes forming this symbol. */
  strokes: number[];
  box: Box;
  confidence: number;
  /** Candidates after context, best first. */
  candidates: SymbolScore[];
}

export interface Reading {
  symbols: RecognizedSymbol[];
  tree: LayoutNode[][];
  /** Symbols (indices) that are operators where none can be. */
  unresolved: number[];
}

/**
 * Rounds of re-segmentation: each removes at least one fault; two settle the cases seen
 * (a merged radical and a split "="), more cost time for nothing.
 */
export const RESEGMENT_ROUNDS = 2;
/**
 * A partition may score at most this much lower (natural log of the product of its group
 * scores) than the best one and still win by reading better. Chosen on CROHME train fold 0.
 */
export const RESEGMENT_MAX_DROP = 2;

/** Stroke groups → symbols read in context, function words, layout and operator places. */
export function readSegments(
  segments: readonly SegmentedSymbol[],
  input: readonly (readonly InkPoint[])[],
): Reading {
  const contextual = classifyInContext(
    segments.map((s) => ({
      box: s.box,
      ranked: s.shape.ranked,
      parts: s.strokes.map((i) => boxOf([input[i] ?? []])),
    })),
  );
  const letters: RecognizedSymbol[] = segments.map((s, i) => {
    const candidates = contextual[i] ?? [];
    return {
      label: candidates[0]?.label ?? '?',
      strokes: s.strokes,
      box: s.box,
      confidence: (candidates[0]?.score ?? 0) * (1 - s.shape.junk),
      candidates,
    };
  });
  return rereadOperatorsInLayout(readFunctionWords(letters));
}

/** Whether some bracket has no partner, in reading order. */
function unpairedBracket(symbols: readonly RecognizedSymbol[]): boolean {
  const stack: string[] = [];
  for (const s of [...symbols].sort((a, b) => a.box.minX - b.box.minX)) {
    const close = OPEN[s.label];
    if (close !== undefined) stack.push(close);
    else if (CLOSE[s.label] !== undefined && stack.pop() !== s.label) return true;
  }
  return stack.length > 0;
}

/**
 * The groups at and next to (in reading order) each faulty symbol, as search keys; with a
 * bracket unpaired, every group of several strokes (its partner may have been merged into
 * a neighbour anywhere: "y(" read as one y).
 */
function suspectGroups(reading: Reading): number[] {
  const order = reading.symbols
    .map((_, i) => i)
    .sort((a, b) => (reading.symbols[a]?.box.minX ?? 0) - (reading.symbols[b]?.box.minX ?? 0));
  const keys = new Set<number>();
  const add = (s: RecognizedSymbol | undefined): void => {
    if (s) keys.add(groupKey([...s.strokes].sort((a, b) => a - b)));
  };
  for (const i of reading.unresolved) {
    const k = order.indexOf(i);
    for (const j of [order[k - 1], i, order[k + 1]])
      add(j === undefined ? undefined : reading.symbols[j]);
  }
  if (unpairedBracket(reading.symbols))
    for (const s of reading.symbols) if (s.strokes.length > 1) add(s);
  return [...keys];
}

/** Faults of a reading: operators out of place, and one for any unpaired bracket. */
const faults = (r: Reading): number => r.unresolved.length + (unpairedBracket(r.symbols) ? 1 : 0);

export function readJointly(
  search: SegmentationSearch,
  input: readonly (readonly InkPoint[])[],
): Reading {
  const first = search.best();
  let reading = readSegments(first.groups, input);
  const excluded = new Set<number>();
  let worst = faults(reading);
  for (let round = 0; round < RESEGMENT_ROUNDS && worst > 0; round++) {
    let better: { reading: Reading; logScore: number; key: number } | null = null;
    for (const key of suspectGroups(reading)) {
      if (excluded.has(key)) continue;
      const alt = search.best(new Set([...excluded, key]));
      if (!Number.isFinite(alt.logScore) || alt.logScore < first.logScore - RESEGMENT_MAX_DROP)
        continue;
      const r = readSegments(alt.groups, input);
      if (faults(r) < worst && (!better || alt.logScore > better.logScore))
        better = { reading: r, logScore: alt.logScore, key };
    }
    if (!better) break;
    reading = better.reading;
    worst = faults(reading);
    excluded.add(better.key);
  }
  return reading;
}
