import {
  CORE_SYMBOLS,
  latexTokensEqual,
  parseLayout,
  recognizeExpression,
  SymbolClassifier,
  toLatex,
} from '@motionmath/recognizer';
import type { InkPoint } from '@motionmath/recognizer';

/**
 * Finds handwriting the recognizer misreads in one symbol only, for the "teach a symbol"
 * test: chosen at run time by a rule, not hard-coded, so it follows recognizer changes.
 */

/** Short expressions: replayed with the mouse in a few seconds. */
const MAX_STROKES = 8;

/**
 * The browser does not record exactly the points the mouse was sent to: a loaded renderer
 * coalesces moves, and the editor drops points closer than it keeps. A sample is used only
 * if it reads the same under such small changes, so the test does not hang on a borderline
 * reading (seen once in CI).
 */
const INK_VARIANTS: readonly ((ink: InkPoint[][]) => InkPoint[][])[] = [
  (ink) => ink,
  // Every other interior move lost.
  (ink) => ink.map((s) => s.filter((_, i) => i % 2 === 0 || i === s.length - 1)),
  // Every third interior move lost.
  (ink) => ink.map((s) => s.filter((_, i) => i % 3 !== 1 || i === s.length - 1)),
  // Half a pixel off, as when the canvas sits at a fractional offset.
  (ink) => ink.map((s) => s.map((p) => ({ x: p.x + 0.5, y: p.y - 0.5 }))),
];

export interface Sample {
  readonly id: string;
  readonly latex: string;
  readonly strokes: readonly (readonly [number, number][])[];
}

export interface Misread {
  readonly sample: Sample;
  /** The ink as it will be drawn on screen (px). */
  readonly screenStrokes: [number, number][][];
  /** What the recognizer reads, and the one symbol to correct. */
  readonly misreadLatex: string;
  readonly wrongLabel: string;
  readonly rightLabel: string;
  /** The wrong symbol's position in reading order (left to right, then top to bottom). */
  readonly chipPosition: number;
}

/**
 * The first sample that (1) is read wrong, the same way under small ink changes, (2) would be
 * read right with one symbol's label changed (so segmentation and layout are right), and
 * (3) is read right, even with small ink changes, once that symbol's own strokes are taught
 * as a personal sample of the right label: what the UI does.
 */
export function findMisreadSample(
  samples: readonly Sample[],
  toScreen: (strokes: Sample['strokes']) => [number, number][][],
): Misread | null {
  for (const sample of samples) {
    if (sample.strokes.length > MAX_STROKES) continue;
    const screenStrokes = toScreen(sample.strokes);
    const ink: InkPoint[][] = screenStrokes.map((s) => s.map(([x, y]) => ({ x, y })));
    const read = recognizeExpression(ink);
    if (latexTokensEqual(read.latex, sample.latex)) continue;
    if (INK_VARIANTS.some((variant) => recognizeExpression(variant(ink)).latex !== read.latex))
      continue;
    const layout = read.symbols.map((s, index) => ({ label: s.label, box: s.box, index }));
    for (const [i, symbol] of read.symbols.entries()) {
      const fix = CORE_SYMBOLS.find(
        (label) =>
          label !== symbol.label &&
          latexTokensEqual(
            toLatex(parseLayout(layout.map((l) => (l.index === i ? { ...l, label } : l)))),
            sample.latex,
          ),
      );
      if (fix === undefined) continue;
      const classifier = new SymbolClassifier();
      classifier.addSample(
        fix,
        symbol.strokes.map((k) => ink[k] ?? []),
      );
      const taughtReadsRight = INK_VARIANTS.every((variant) =>
        latexTokensEqual(recognizeExpression(variant(ink), { classifier }).latex, sample.latex),
      );
      if (!taughtReadsRight) continue;
      const order = read.symbols
        .map((s, index) => ({ index, x: s.box.minX, y: s.box.minY }))
        .sort((a, b) => a.x - b.x || a.y - b.y);
      return {
        sample,
        screenStrokes,
        misreadLatex: read.latex,
        wrongLabel: symbol.label,
        rightLabel: fix,
        chipPosition: order.findIndex((o) => o.index === i),
      };
    }
  }
  return null;
}
