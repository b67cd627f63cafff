import { isInkPoint } from './ink/types.ts';
import { thinStroke } from './ink/thin.ts';
import type { InkPoint, Stroke } from './ink/types.ts';
import { SymbolClassifier } from './symbols/classifier.ts';
import { segmentationSearch } from './symbols/segment.ts';
import { parseLayout } from './layout/parse.ts';
import type { LayoutSymbol } from './layout/parse.ts';
import { toLatex, toMathjs } from './layout/emit.ts';
import { readJointly } from './joint-reading.ts';
import type { RecognizedSymbol } from './joint-reading.ts';

export type { RecognizedSymbol } from './joint-reading.ts';

/**
 * Strokes → expression: clean the input, segment strokes into symbols, classify them with
 * context, parse the 2-D layout and emit LaTeX and mathjs text with an n-best list.
 */

export interface RecognizeOptions {
  /** A classifier with the user's personal samples; the shipped one by default. */
  classifier?: SymbolClassifier;
  /** How many alternatives to return (default 5). */
  maxAlternatives?: number;
  /**
   * Weight of the learned stroke-boundary model in segmentation (default
   * `BOUNDARY_WEIGHT`; 0 = the rules alone). For measurement.
   */
  boundaryWeight?: number;
}

export interface ExpressionCandidate {
  latex: string;
  mathjs: string;
  confidence: number;
}

export interface Recognition extends ExpressionCandidate {
  alternatives: ExpressionCandidate[];
  symbols: RecognizedSymbol[];
  /** True when the input was larger than the limits below and was cut. */
  truncated: boolean;
}

/**
 * More strokes than this are cut: a long equation has ~60; the cap keeps the worst-case
 * latency bounded (segmentation classifies up to 4 groups per stroke).
 */
export const MAX_STROKES = 150;
/**
 * Strokes are thinned to at most this many points: the shape features sample ink by arc
 * length on an 8×8 grid, so more points add cost, not information.
 */
export const MAX_POINTS_PER_STROKE = 64;
/** Alternatives swap one of this many least-confident symbols for its runner-up. */
const ALTERNATIVE_SYMBOLS = 6;

let shared: SymbolClassifier | null = null;

function clean(strokes: unknown): { strokes: InkPoint[][]; truncated: boolean } {
  const out: InkPoint[][] = [];
  let truncated = false;
  if (!Array.isArray(strokes)) return { strokes: out, truncated };
  for (const s of strokes) {
    if (!Array.isArray(s)) continue;
    const pts: InkPoint[] = [];
    for (const p of s as unknown[]) if (isInkPoint(p)) pts.push({ x: p.x, y: p.y });
    if (pts.length === 0) continue;
    out.push(thinStroke(pts, MAX_POINTS_PER_STROKE));
    if (out.length >= MAX_STROKES) {
      truncated = true;
      break;
    }
  }
  return { strokes: out, truncated };
}

/** Recognize a handwritten expression. Never throws on bad input; empty input gives "". */
export function recognizeExpression(
  strokes: readonly Stroke[],
  options: RecognizeOptions = {},
): Recognition {
  const classifier = options.classifier ?? (shared ??= new SymbolClassifier());
  const { strokes: input, truncated } = clean(strokes);
  const search = segmentationSearch(
    input,
    classifier,
    options.boundaryWeight !== undefined ? { boundaryWeight: options.boundaryWeight } : {},
  );
  const { symbols, tree } = readJointly(search, input);
  const layoutSymbols: LayoutSymbol[] = symbols.map((s, index) => ({
    label: s.label,
    box: s.box,
    index,
  }));
  const confidence = symbols.reduce((c, s) => c * s.confidence, symbols.length > 0 ? 1 : 0);
  const best: ExpressionCandidate = { latex: toLatex(tree), mathjs: toMathjs(tree), confidence };

  // n-best: replace one uncertain symbol by its runner-up. (The layout is kept; a label
  // change that would alter the layout, e.g. − ↔ fraction bar, is re-parsed.)
  const alternatives: ExpressionCandidate[] = [];
  const order = symbols
    .map((s, i) => ({ i, s }))
    .sort((a, b) => a.s.confidence - b.s.confidence)
    .slice(0, ALTERNATIVE_SYMBOLS);
  for (const { i, s } of order) {
    const second = s.candidates[1];
    const first = s.candidates[0];
    if (!second || !first || first.score <= 0) continue;
    const swapped = layoutSymbols.map((l) => (l.index === i ? { ...l, label: second.label } : l));
    const t = parseLayout(swapped);
    const latex = toLatex(t);
    if (latex === best.latex || alternatives.some((a) => a.latex === latex)) continue;
    alternatives.push({
      latex,
      mathjs: toMathjs(t),
      confidence: (confidence * second.score) / first.score,
    });
  }
  alternatives.sort((a, b) => b.confidence - a.confidence);
  return {
    ...best,
    alternatives: alternatives.slice(0, options.maxAlternatives ?? 5),
    symbols,
    truncated,
  };
}
