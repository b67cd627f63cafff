import { pairBars, tallSymbolsAreTall } from './abs-bars.ts';
import type { SymbolScore } from './classifier.ts';
import { applyContext, operatorsNeedOperands, pairBrackets } from './context.ts';
import type { ContextSymbol } from './context.ts';
import { bracketsInPlace } from './grammar.ts';
import {
  descendersHang,
  letterXBeforeMinus,
  noLetterBeforeDigit,
  radicalNeedsRadicand,
  timesBeforeDigit,
} from './neighbours.ts';

/** Left-to-right reading order of the symbols (indices). */
export function readingOrder(symbols: readonly ContextSymbol[]): number[] {
  return symbols
    .map((_, i) => i)
    .sort((a, b) => (symbols[a]?.box.minX ?? 0) - (symbols[b]?.box.minX ?? 0));
}

/**
 * Every context rule in order: size and position against the line, then the neighbour
 * rules, then the grammar (brackets in operand places, brackets pair, absolute-value bars
 * pair, operators need operands). Candidates per
 * symbol, best first.
 */
export function classifyInContext(symbols: readonly ContextSymbol[]): SymbolScore[][] {
  const order = readingOrder(symbols);
  const boxes = symbols.map((s) => s.box);
  const sized = tallSymbolsAreTall(applyContext(symbols), boxes);
  const times = noLetterBeforeDigit(
    timesBeforeDigit(radicalNeedsRadicand(sized, boxes), boxes, order),
    boxes,
    order,
  );
  const neighbours = descendersHang(letterXBeforeMinus(times, boxes, order), boxes, order);
  const placed = bracketsInPlace(neighbours, boxes, order);
  return operatorsNeedOperands(pairBars(pairBrackets(placed, order), order), order);
}
