import type { InkPoint } from './ink/types.ts';
import { rereadOperatorsInLayout } from './layout/operator-places.ts';
import type { LayoutNode } from './layout/parse.ts';
import { readFunctionWords } from './layout/words.ts';
import type { SymbolScore } from './symbols/classifier.ts';
import { boxOf } from './symbols/features.ts';
import type { Box } from './symbols/features.ts';
import { classifyInContext } from './symbols/in-context.ts';
import { groupKey } from './symbols/segment.ts';
import type { SegmentationSearch, SegmentedSymbol } from './symbols/segment.ts';

/**
 * Segmentation, classification and grammar scored together. The segmentation search gives
 * its best partition; the symbols are read in context and parsed, and operators out of
 * place are re-read (layout/operator-places.ts). Where an operator is still out of place
 * (a "+" opening a radicand because the "1" after the √ was merged into it), the grouping
 * around it is the likelier fault: the search is asked again without each group at or
 * next to the operator, and a partition that reads with fewer such faults wins if its
 * score is not much lower.
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

/** The groups at and next to (in reading order) each faulty symbol, as search keys. */
function suspectGroups(reading: Reading): number[] {
  const order = reading.symbols
    .map((_, i) => i)
    .sort((a, b) => (reading.symbols[a]?.box.minX ?? 0) - (reading.symbols[b]?.box.minX ?? 0));
  const keys = new Set<number>();
  for (const i of reading.unresolved) {
    const k = order.indexOf(i);
    for (const j of [order[k - 1], i, order[k + 1]]) {
      const s = j === undefined ? undefined : reading.symbols[j];
      if (s) keys.add(groupKey([...s.strokes].sort((a, b) => a - b)));
    }
  }
  return [...keys];
}

export function readJointly(
  search: SegmentationSearch,
  input: readonly (readonly InkPoint[])[],
): Reading {
  const first = search.best();
  let reading = readSegments(first.groups, input);
  const excluded = new Set<number>();
  for (let round = 0; round < RESEGMENT_ROUNDS && reading.unresolved.length > 0; round++) {
    let better: { reading: Reading; logScore: number; key: number } | null = null;
    for (const key of suspectGroups(reading)) {
      if (excluded.has(key)) continue;
      const alt = search.best(new Set([...excluded, key]));
      if (!Number.isFinite(alt.logScore) || alt.logScore < first.logScore - RESEGMENT_MAX_DROP)
        continue;
      const r = readSegments(alt.groups, input);
      if (
        r.unresolved.length < reading.unresolved.length &&
        (!better || alt.logScore > better.logScore)
      )
        better = { reading: r, logScore: alt.logScore, key };
    }
    if (!better) break;
    reading = better.reading;
    excluded.add(better.key);
  }
  return reading;
}
