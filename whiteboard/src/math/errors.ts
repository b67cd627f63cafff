/**
 * Solver and recognizer messages in words for people. The solver's own messages are
 * mostly plain already ("Division by zero: …"); what comes from the parser underneath
 * ("Value expected (char 1)") is rewritten, and every message gets a hint of what to do.
 */

export interface PlainError {
  readonly text: string;
  readonly hint: string;
}

/** Parser messages (mathjs and our LaTeX reader) that mean "this is not well-formed math". */
const PARSER_MESSAGE =
  /\(char \d+\)|unexpected|expected|syntax|undefined symbol|unknown (command|function)|parse|cannot read/i;
/** Messages that mention code, not math. */
const DEVELOPER_MESSAGE = /\b(undefined|null|NaN|TypeError|RangeError|stack)\b/;

const HINT_PARSE =
  'Check for a missing number, bracket or operator, e.g. write 2x+3=11. The LaTeX editor (✎) shows a preview.';
const HINT_UNSUPPORTED =
  'The solver does arithmetic, linear and quadratic equations, inequalities, systems and simplifying. Try rewriting it as one of these.';
const HINT_NO_SOLUTION = 'Check the equation was read as you meant it (✎ to correct it).';
const HINT_OTHER = 'Edit the equation (✎) or write it again; if it keeps failing, type it (T).';

export function explainError(status: 'error' | 'unsupported', message: string | null): PlainError {
  const m = (message ?? '').trim();
  if (m === '' || DEVELOPER_MESSAGE.test(m))
    return { text: 'The solver could not work this out.', hint: HINT_OTHER };
  if (PARSER_MESSAGE.test(m)) return { text: 'This could not be read as math.', hint: HINT_PARSE };
  if (status === 'unsupported')
    return { text: `The solver cannot do this yet: ${lowerFirst(m)}`, hint: HINT_UNSUPPORTED };
  if (/no solution|infinitely many|division by zero/i.test(m))
    return { text: m, hint: HINT_NO_SOLUTION };
  return { text: m, hint: HINT_OTHER };
}

function lowerFirst(s: string): string {
  const out = s.charAt(0).toLowerCase() + s.slice(1);
  return /[.!?]$/.test(out) ? out : `${out}.`;
}
