import type { SymbolScore } from '../symbols/classifier.ts';
import { INFIX, isOperator, OPERATOR_SWAP_MIN, PREFIX_OK } from '../symbols/context.ts';
import { promoteBest } from '../symbols/promote.ts';
import type { Box } from '../symbols/features.ts';
import { parseLayout, typicalSize } from './parse.ts';
import type { LayoutNode, LayoutSymbol } from './parse.ts';
import { relation } from './scripts.ts';

/**
 * Grammar over the parsed layout, where reading order cannot see it: an operator is misread
 * when it starts or ends a numerator, denominator, radicand or script (`\frac{x}{×}`), when
 * it follows another operator in the same row, or when the operand after it sits raised or
 * lowered against it as a script does (an x read as × before its exponent: `a×4` for
 * `ax^4`; an operator carries no scripts). Returns the symbol indices in such places; the
 * recognizer re-reads them with their best candidate that is no operator. Written rules.
 */

/** What the caller knows of a symbol: whether its reading is an operator, and how sure. */
export interface OperatorReadings {
  /** An infix operator or relation (needs an operand on both sides). */
  isInfix(index: number): boolean;
  /** An operator that may start a row (±). */
  isPrefix(index: number): boolean;
  /** Confidence of the reading: of two adjacent operators the weaker is re-read. */
  score(index: number): number;
}

const symIndex = (n: LayoutNode | undefined): number | undefined =>
  n?.kind === 'sym' ? n.sym.index : undefined;

/** Every row of the tree (lines, numerators, denominators, radicands, indices, scripts). */
function rowsOf(
  lines: readonly (readonly LayoutNode[])[],
): { row: readonly LayoutNode[]; top: boolean }[] {
  const out: { row: readonly LayoutNode[]; top: boolean }[] = [];
  const visitRow = (row: readonly LayoutNode[], top: boolean): void => {
    out.push({ row, top });
    for (const n of row) visitNode(n);
  };
  const visitNode = (n: LayoutNode): void => {
    switch (n.kind) {
      case 'sym':
        return;
      case 'frac':
        visitRow(n.num, false);
        visitRow(n.den, false);
        return;
      case 'sqrt':
        visitRow(n.index, false);
        visitRow(n.body, false);
        return;
      case 'script':
        visitNode(n.base);
        visitRow(n.sup, false);
        visitRow(n.sub, false);
    }
  };
  for (const line of lines) visitRow(line, true);
  return out;
}

export function misplacedOperators(
  lines: readonly (readonly LayoutNode[])[],
  readings: OperatorReadings,
  ref: number,
): number[] {
  const out = new Set<number>();
  const isOp = (i: number | undefined): i is number =>
    i !== undefined && (readings.isInfix(i) || readings.isPrefix(i));
  for (const { row, top } of rowsOf(lines)) {
    const first = symIndex(row[0]);
    const last = symIndex(row.at(-1));
    // The top row's ends are the reading-order rule's (context.ts); "2+3=" asks for an answer.
    if (!top && first !== undefined && readings.isInfix(first)) out.add(first);
    if (!top && row.length > 1 && isOp(last)) out.add(last);
    row.forEach((node, k) => {
      const a = symIndex(node);
      const next = row[k + 1];
      if (isOp(a) && next) {
        const b = symIndex(next);
        if (isOp(b)) out.add(readings.score(a) < readings.score(b) ? a : b);
        else if (relation(next, node, ref) !== 'base') out.add(a);
      }
    });
  }
  return [...out];
}

/**
 * Minus signs that end a row ("5^{-}", "1_{-}", "x-" at the end of a line): nothing reads
 * them, a minus needs an operand after it. Most are a stroke of the symbol before them cut
 * off by segmentation (the cap of a 5, the foot of a 1), which only re-segmentation fixes.
 */
export function strandedMinus(
  lines: readonly (readonly LayoutNode[])[],
  isMinus: (index: number) => boolean,
): number[] {
  const out: number[] = [];
  for (const { row, top } of rowsOf(lines)) {
    const last = symIndex(row.at(-1));
    if (last !== undefined && isMinus(last) && (!top || row.length > 1)) out.push(last);
  }
  return out;
}

/** A recognized symbol as the re-reading sees it (candidates best first). */
export interface ReadSymbol {
  label: string;
  box: Box;
  confidence: number;
  candidates: SymbolScore[];
}

/**
 * Rounds of parse → re-read: each re-reading can move a symbol into or out of a script, so
 * the layout is parsed again; two rounds settle every case seen, the third is a margin.
 */
const REREAD_ROUNDS = 3;

/**
 * Parses the symbols and re-reads operators the layout puts where no operator can be
 * (misplacedOperators) as their best candidate that is no operator, if it has at least
 * `OPERATOR_SWAP_MIN` (the reading-order rule's threshold); returns the symbols, the tree
 * and the operators still out of place (or starting a line), which only another
 * segmentation can fix.
 */
export function rereadOperatorsInLayout<S extends ReadSymbol>(
  input: readonly S[],
): { symbols: S[]; tree: LayoutNode[][]; unresolved: number[] } {
  const symbols = [...input];
  const layoutOf = (): LayoutSymbol[] =>
    symbols.map((s, index) => ({ label: s.label, box: s.box, index }));
  const initial = layoutOf();
  let tree = parseLayout(initial);
  const ref = typicalSize(initial);
  const label = (i: number): string => symbols[i]?.label ?? '';
  const readings: OperatorReadings = {
    isInfix: (i) => INFIX.has(label(i)),
    isPrefix: (i) => PREFIX_OK.has(label(i)),
    score: (i) => symbols[i]?.confidence ?? 0,
  };
  for (let round = 0; round < REREAD_ROUNDS; round++) {
    let changed = false;
    for (const i of misplacedOperators(tree, readings, ref)) {
      const s = symbols[i];
      if (!s) continue;
      const candidates = promoteBest(s.candidates, (l) => !isOperator(l), OPERATOR_SWAP_MIN);
      const alt = candidates[0];
      const top = s.candidates[0];
      if (!alt || !top || alt === top) continue;
      symbols[i] = {
        ...s,
        label: alt.label,
        confidence: top.score > 0 ? (s.confidence * alt.score) / top.score : 0,
        candidates,
      };
      changed = true;
    }
    if (!changed) break;
    tree = parseLayout(layoutOf());
  }
  // What no candidate could fix, a minus ending a row and an operator starting a line:
  // for the joint search.
  const unresolved = new Set([
    ...misplacedOperators(tree, readings, ref),
    ...strandedMinus(tree, (i) => label(i) === '-'),
  ]);
  for (const line of tree) {
    const first = symIndex(line[0]);
    if (first !== undefined && readings.isInfix(first)) unresolved.add(first);
  }
  return { symbols, tree, unresolved: [...unresolved] };
}
