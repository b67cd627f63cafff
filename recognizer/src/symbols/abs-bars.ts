import type { SymbolScore } from './classifier.ts';
import { referenceSize } from './context.ts';
import type { Box } from './features.ts';
import { promoteBest } from './promote.ts';

/**
 * Absolute-value bars come in pairs with something between them: |x − 3|. A bar is a
 * plain stroke, as a 1 often is, so the shape alone cannot tell them apart; the pairing
 * can. Like brackets (context.ts, pairBrackets): a bar without a partner becomes its
 * runner-up, and a lone bar first looks ahead for a 1 that may be its partner. Written
 * rules, not fitted to data.
 */

export const BAR = '|';
/** A lone bar's runner-up replaces it when it has at least this score. */
export const UNPAIRED_BAR_SWAP_MIN = 0.05;
/** A symbol read otherwise (a 1) becomes a lone bar's partner when `|` scores this much. */
export const BAR_PARTNER_MIN = 0.25;

/** Reorders candidates of unpaired bars; `order` is the reading order (left to right). */
export function pairBars(candidates: SymbolScore[][], order: readonly number[]): SymbolScore[][] {
  const out = candidates.map((c) => [...c]);
  const top = (i: number): string => out[i]?.[0]?.label ?? '';
  const score = (i: number): number => out[i]?.find((x) => x.label === BAR)?.score ?? 0;
  const moveToTop = (i: number, ok: (label: string) => boolean, min: number): void => {
    const c = out[i];
    if (c) out[i] = promoteBest(c, ok, min);
  };
  let open: number | null = null; // reading position of a bar waiting for its partner
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos] as number;
    if (top(i) !== BAR) continue;
    if (open === null) open = pos;
    else if (pos > open + 1)
      open = null; // a pair around something
    else {
      // "||": two bars with nothing between are not a pair; the first one goes.
      moveToTop(order[open] as number, (l) => l !== BAR, UNPAIRED_BAR_SWAP_MIN);
      open = pos;
    }
  }
  if (open !== null) {
    const partner = order
      .slice(open + 2)
      .find((i) => top(i) !== BAR && score(i) >= BAR_PARTNER_MIN);
    if (partner !== undefined) moveToTop(partner, (l) => l === BAR, 0);
    else moveToTop(order[open] as number, (l) => l !== BAR, UNPAIRED_BAR_SWAP_MIN);
  }
  return out;
}

/**
 * Bars and integral signs are drawn taller than the symbols beside them (a bar spans what
 * it encloses, an ∫ its integrand), while a 1 is a digit's height. In symbol heights of
 * their expression on CROHME train fold 0 (measured to place these, not fitted): a 1 is
 * median 0.95 (90th percentile 1.24), a bar median 1.33, an ∫ median 2.91 (10th
 * percentile 1.79). A `|` or `∫` shorter than its minimum × the expression's typical
 * symbol size becomes its runner-up.
 */
export const BAR_MIN_HEIGHT = 1.3;
export const INT_MIN_HEIGHT = 1.5;
const MIN_HEIGHT: Readonly<Record<string, number>> = {
  [BAR]: BAR_MIN_HEIGHT,
  '\\int': INT_MIN_HEIGHT,
};

export function tallSymbolsAreTall(
  candidates: SymbolScore[][],
  boxes: readonly Box[],
): SymbolScore[][] {
  const ref = referenceSize(boxes);
  const tooShort = (label: string, b: Box): boolean =>
    b.maxY - b.minY < (MIN_HEIGHT[label] ?? 0) * ref;
  return candidates.map((c, i) => {
    const b = boxes[i];
    if (!b || !tooShort(c[0]?.label ?? '', b)) return c;
    return promoteBest(c, (label) => !tooShort(label, b), UNPAIRED_BAR_SWAP_MIN);
  });
}
