/** Refusing English words typed around the math, with the nearest way to write the request. */
import { parseError } from './errors.ts';

/** English words people type around the math: never products of letters. */
const STRAY_WORDS = new Set([
  'of',
  'the',
  'is',
  'what',
  'find',
  'derivative',
  'differentiate',
  'integral',
  'integrate',
  'limit',
  'please',
  'value',
  'equals',
  'equal',
  'compute',
  'work',
  'out',
  'answer',
  'than',
  'if',
  'then',
  'to',
  'by',
  'in',
  'on',
  'it',
  'this',
  'that',
  'help',
  'me',
  'how',
  'do',
  'get',
  'graph',
  'plot',
  'hello',
  'hi',
  'test',
  'x-intercept',
  'roots',
  'zeros',
]);

/** The nearest supported way to write what a stray word asked for. */
function suggestionFor(words: readonly string[]): string {
  if (words.some((w) => w.startsWith('deriv') || w.startsWith('differ')))
    return 'For a derivative write d/dx x^2 (or \\frac{d}{dx} x^2).';
  if (words.some((w) => w.startsWith('integ')))
    return 'For an integral write \\int x^2 dx (or \\int_{0}^{1} x^2 dx).';
  if (words.includes('limit')) return 'For a limit write \\lim_{x \\to 3} (x^2 - 9)/(x - 3).';
  return 'Write only the math, for example 2x + 3 = 7, factor x^2 - 5x + 6 or x^2 + 1 where x = 3.';
}

/** Refuse words that are not math (they would otherwise be read as products of letters). */
export function refuseStrayWords(text: string): void {
  const words = (text.match(/[A-Za-z]{2,}/g) ?? []).map((w) => w.toLowerCase());
  const stray = [...new Set(words.filter((w) => STRAY_WORDS.has(w)))];
  if (stray.length > 0)
    throw parseError(
      `The word${stray.length > 1 ? 's' : ''} "${stray.join('", "')}" ${stray.length > 1 ? 'are' : 'is'} not math the solver can read. ${suggestionFor(stray)}`,
    );
}
