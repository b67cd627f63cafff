/**
 * Sums, limits and integrals inside a larger expression (`2\int_{0}^{2} x\,dx + 1`,
 * `2 * integral(x, x, 0, 2) + 1`): each is worked out to a number first, with its own
 * checked steps, then the expression is worked out with the values put in.
 *
 * Where an operator ends: an integral at its `dx`; a sum or a limit, as when it stands
 * alone, takes everything after it up to the bracket it is in (`(\sum_{k=1}^{10} k) + 1`).
 */
import type { CalculusProblem } from './calculus-read.ts';
import { closingBracket, readCalculus } from './calculus-read.ts';
import { calculusSteps } from './calculus.ts';
import { parseError, unsupported } from './errors.ts';
import { freeVars, substitute, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { LATEX_VARIABLE_PATTERN } from './greek.ts';
import { looksLikeLatex } from './latex.ts';
import { hasRelation, parseExpr } from './parse.ts';
import { toLatex, toText } from './print.ts';
import { sumHead } from './sums.ts';
import { operandTex } from './work-out.ts';
import type { Trail } from './trail.ts';
import type { Classification } from './types.ts';

export interface EmbeddedPart {
  /** The placeholder standing for the operator in the expression. */
  readonly name: string;
  readonly problem: CalculusProblem;
}

/** Placeholder names `calc_1`, …: read as one symbol (the `_` keeps the letters together). */
const PLACEHOLDER = 'calc_';
/** Most operators in one expression: a guard, far above school work. */
const MAX_PARTS = 8;

const LATEX_OPERATOR = /\\(sum|lim|int)(?![A-Za-z])/g;
const TEXT_OPERATOR = /\b(sum|limit|integral)\(/g;
/** Commands that close a bracket opened outside the operator (`\left( \sum … \right)`). */
const CLOSERS = new Set(['right', 'bigr', 'Bigr', 'biggr', 'Biggr']);
const DIFFERENTIAL = new RegExp(String.raw`^d\s*${LATEX_VARIABLE_PATTERN}(?![A-Za-z])`);
const ROMAN_D = new RegExp(String.raw`^\\mathrm\{d\}\s*${LATEX_VARIABLE_PATTERN}(?![A-Za-z])`);

/** End (exclusive) of a `_x`/`^{…}`/`^\pi` script argument starting at i. */
function scriptEnd(s: string, i: number): number {
  while (s[i] === ' ') i++;
  if (s[i] === '{') {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '{') depth++;
      else if (s[j] === '}' && --depth === 0) return j + 1;
    }
    throw parseError('Unbalanced braces in LaTeX.');
  }
  if (s[i] === '\\') return i + 1 + (/^[A-Za-z]+/.exec(s.slice(i + 1))?.[0].length ?? 1);
  return i + 1;
}

/** End (exclusive) of the LaTeX operator starting at `at` (see the module comment). */
function latexOperatorEnd(s: string, at: number, op: string): number {
  let i = at + op.length + 1;
  for (;;) {
    const m = /^\s*(\\limits\s*)?([_^])/.exec(s.slice(i));
    if (!m) break;
    i = scriptEnd(s, i + m[0].length);
  }
  let depth = 0;
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      const name = /^[A-Za-z]+/.exec(s.slice(i + 1))?.[0] ?? '';
      if (depth === 0 && CLOSERS.has(name)) return i;
      // `\mathrm{d}x` ends an integral like `dx` does.
      const roman = op === 'int' && depth === 0 ? ROMAN_D.exec(s.slice(i)) : null;
      if (roman) return i + roman[0].length;
      i += Math.max(name.length, 1);
      continue;
    }
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (op === 'int' && depth === 0 && c === 'd') {
      const m = DIFFERENTIAL.exec(s.slice(i));
      if (m) return i + m[0].length;
    }
  }
  if (op === 'int')
    throw parseError('An integral needs its variable at the end, like \\int x^2 \\, dx.');
  return i;
}

/** The operators in `input` as [start, end) ranges. */
function operatorRanges(input: string): [number, number][] {
  const latex = looksLikeLatex(input);
  const re = latex ? LATEX_OPERATOR : TEXT_OPERATOR;
  const out: [number, number][] = [];
  re.lastIndex = 0;
  for (let m = re.exec(input); m !== null; m = re.exec(input)) {
    const end = latex
      ? latexOperatorEnd(input, m.index, m[1] as string)
      : closingBracket(input, m.index + m[0].length - 1) + 1;
    if (end <= 0) throw parseError(`Unclosed bracket after ${m[1] as string}(.`);
    out.push([m.index, end]);
    re.lastIndex = end;
  }
  return out;
}

/** Is the problem worked out to a number (not a sum up to n or an indefinite integral)? */
function hasValue(p: CalculusProblem): boolean {
  if (p.op === 'integral') return p.bounds !== null;
  if (p.op === 'sum') return p.hi === 'inf' || (p.hi !== '-inf' && freeVars(p.hi).size === 0);
  return true;
}

const OPERATOR_WORD: Record<CalculusProblem['op'], string> = {
  sum: 'a sum',
  limit: 'a limit',
  integral: 'an integral',
  determinant: 'a determinant',
};

/**
 * The operators of a larger expression, and the rest of the input with a placeholder in
 * brackets for each (`2 (calc_1) + 1`); null when there is no operator or only one that is
 * the whole input (read on its own, as before).
 */
export function readEmbedded(input: string): { rest: string; parts: EmbeddedPart[] } | null {
  const s = input.trim();
  const ranges = operatorRanges(s);
  const [first] = ranges;
  if (first === undefined || (ranges.length === 1 && first[0] === 0 && first[1] === s.length))
    return null;
  if (ranges.length > MAX_PARTS)
    throw unsupported(`At most ${MAX_PARTS} sums, limits or integrals in one expression.`);
  const parts: EmbeddedPart[] = [];
  let rest = '';
  let from = 0;
  for (const [a, b] of ranges) {
    const problem = readCalculus(s.slice(a, b));
    if (problem === null) throw parseError(`Cannot read "${s.slice(a, b)}".`);
    if (!hasValue(problem))
      throw unsupported(
        `Inside a larger expression, ${OPERATOR_WORD[problem.op]} is worked out only when it has a number as its value (like \\int_{0}^{2} x\\,dx or \\sum_{k=1}^{10} k); write it on its own to get a formula.`,
      );
    const name = `${PLACEHOLDER}${parts.length + 1}`;
    parts.push({ name, problem });
    rest += `${s.slice(from, a)} (${name}) `;
    from = b;
  }
  return { rest: rest + s.slice(from), parts };
}

/** The expression around the operators, read from its text: numbers only, no relation. */
export function embeddedExpr(text: string): Expr {
  if (hasRelation(text))
    throw unsupported(
      'A sum, limit or integral inside an equation or inequality is not supported: write it on its own, or in an expression like 2\\int_{0}^{2} x\\,dx + 1.',
    );
  const expr = parseExpr(text);
  const others = [...freeVars(expr)].filter((v) => !v.startsWith(PLACEHOLDER));
  if (others.length > 0)
    throw unsupported(
      `Around a sum, limit or integral only numbers are supported (found ${others.join(', ')}), like 2\\int_{0}^{2} x\\,dx + 1.`,
    );
  return expr;
}

/** Where an operator is printed: on its own, in the expression, or as the base of a power. */
type Place = 'alone' | 'expression' | 'power';

/** An operator as LaTeX; in an expression sums and limits are bracketed, as they reach to the end. */
function partLatex(p: CalculusProblem, place: Place): string {
  const wrap = (s: string, always: boolean): string =>
    place === 'power' || (always && place === 'expression') ? `\\left(${s}\\right)` : s;
  switch (p.op) {
    case 'sum':
      return wrap(sumHead(p), true);
    case 'limit': {
      const to = p.to === 'inf' ? '\\infty' : p.to === '-inf' ? '-\\infty' : toLatex(p.to);
      return wrap(`\\lim_{${toLatex(sym(p.v))} \\to ${to}} ${operandTex(p.body)}`, true);
    }
    case 'integral': {
      const b = p.bounds ? `_{${toLatex(p.bounds[0])}}^{${toLatex(p.bounds[1])}}` : '';
      return wrap(`\\int${b} ${toLatex(p.body)}\\,d${toLatex(sym(p.v))}`, false);
    }
    case 'determinant':
      throw unsupported('A determinant inside a larger expression is not supported.');
  }
}

/** Placeholders that are the base of a power (`(\int_{0}^{1} x\,dx)^{2}`). */
function powerBases(e: Expr, out = new Set<string>()): Set<string> {
  if (e.k === 'bin') {
    if (e.op === '^' && e.a.k === 'sym') out.add(e.a.name);
    powerBases(e.a, out);
    powerBases(e.b, out);
  } else if (e.k === 'neg' || e.k === 'fn' || e.k === 'deriv') powerBases(e.a, out);
  return out;
}

/**
 * The expression with each operator printed in its place. A symbol's name is printed as it
 * is, so a symbol named by the operator's LaTeX (or text) stands for it.
 */
const withParts = (
  expr: Expr,
  parts: readonly EmbeddedPart[],
  print: (p: EmbeddedPart) => string,
): Expr => substitute(expr, new Map(parts.map((p) => [p.name, sym(print(p))])));

/** The problem as text (for `normalized`): `2 * integral(x, x, 0, 2) + 1`. */
export const embeddedText = (
  expr: Expr,
  parts: readonly EmbeddedPart[],
  calculusText: (p: CalculusProblem) => string,
): string => toText(withParts(expr, parts, (p) => calculusText(p.problem)));

/** The expression as LaTeX, with the operators not yet worked out in their places. */
function expressionLatex(expr: Expr, parts: readonly EmbeddedPart[]): string {
  const powered = powerBases(expr);
  return toLatex(
    withParts(expr, parts, (p) =>
      partLatex(p.problem, powered.has(p.name) ? 'power' : 'expression'),
    ),
  );
}

/**
 * Work out each operator (its steps checked as when it stands alone), then give the
 * expression with the values put in, for the arithmetic to finish.
 */
export function embeddedSteps(
  expr: Expr,
  parts: readonly EmbeddedPart[],
  trail: Trail,
): { expr: Expr; classification: Classification } {
  const values = new Map<string, Expr>();
  let classification: Classification | null = null;
  for (const part of parts) {
    trail.link(
      expressionLatex(substitute(expr, values), parts),
      `Work out $${partLatex(part.problem, 'alone')}$ first; its value then goes into the expression.`,
      'work-out-part',
      // A heading: it claims nothing.
      true,
    );
    const out = calculusSteps(part.problem, trail);
    if (freeVars(out.value).size > 0)
      throw unsupported('The sum, limit or integral has no number as its value here.');
    values.set(part.name, out.value);
    classification ??= out.classification;
  }
  trail.link(
    parts
      .map((p) => `${partLatex(p.problem, 'alone')} = ${toLatex(values.get(p.name) as Expr)}`)
      .join(', \\quad '),
    `Put ${parts.length === 1 ? 'this value' : 'these values'} into the expression.`,
    'put-in-values',
    // Each value is the end of the checked chain that worked its operator out above.
    true,
  );
  return { expr: substitute(expr, values), classification: classification ?? 'arithmetic' };
}
