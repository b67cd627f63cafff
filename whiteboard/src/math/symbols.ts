import { CORE_SYMBOLS, EXTRA_SYMBOLS } from '@motionmath/recognizer';
import type { RecognizedSymbolInfo } from './recognition.ts';

/** How a symbol label reads as plain text on a chip (labels are CROHME's LaTeX names). */
const SYMBOL_TEXT: Readonly<Record<string, string>> = {
  '\\times': '×',
  '\\div': '÷',
  '\\cdot': '·',
  '\\neq': '≠',
  '\\lt': '<',
  '\\gt': '>',
  '\\leq': '≤',
  '\\geq': '≥',
  '\\pm': '±',
  '\\sqrt': '√',
  '\\pi': 'π',
  '-': '−',
  '\\theta': 'θ',
  '\\alpha': 'α',
  '\\beta': 'β',
  '\\infty': '∞',
  '\\int': '∫',
  '\\sum': 'Σ',
  '\\rightarrow': '→',
};

export function symbolText(label: string): string {
  return SYMBOL_TEXT[label] ?? label;
}

/** Symbol indices in reading order: left to right, then top to bottom for symbols that
 * start at the same x (a fraction's numerator before its bar). */
export function readingOrder(symbols: readonly RecognizedSymbolInfo[]): number[] {
  return symbols
    .map((s, i) => ({ i, x: s.box.minX, y: s.box.minY }))
    .sort((a, b) => a.x - b.x || a.y - b.y)
    .map((s) => s.i);
}

/**
 * What the picker lists after the candidates: the core set and the extra letters always
 * (a correction teaches a personal sample, which the recognizer reads in any vocabulary:
 * an "s" can be taught), the school symbols only when they are on, as the math pen then
 * reads them.
 */
export function pickerVocabulary(schoolSymbols: boolean): readonly string[] {
  const letters = EXTRA_SYMBOLS.filter((l) => /^[a-z]$/.test(l));
  return schoolSymbols ? [...CORE_SYMBOLS, ...EXTRA_SYMBOLS] : [...CORE_SYMBOLS, ...letters];
}

/** What the picker offers: the symbol's candidates (best first, without the current
 * reading), then the rest of the vocabulary. */
export function pickerLabels(
  symbol: RecognizedSymbolInfo,
  vocabulary: readonly string[],
): { candidates: string[]; others: string[] } {
  const candidates = symbol.candidates
    .map((c) => c.label)
    .filter((label) => label !== symbol.label);
  const shown = new Set([symbol.label, ...candidates]);
  return { candidates, others: vocabulary.filter((label) => !shown.has(label)) };
}

/** Whether a label matches what was typed in the picker's search field (`\\times` by "times"). */
export function matchesQuery(label: string, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const text = symbolText(label).toLowerCase();
  const name = label.replace(/^\\/, '').toLowerCase();
  // One character is the symbol itself ("s", "×"); a word is part of its name ("times").
  if ([...q].length === 1) return text === q || name === q;
  return name.includes(q) || text.includes(q);
}
