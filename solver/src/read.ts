/**
 * Reading a problem: LaTeX or mathjs text → statements, and deciding what kind of problem
 * it is. Syntax accepted beyond plain expressions and equations:
 * - several equations separated by `;`, newlines, `,` or a LaTeX `cases` block: a system;
 * - `EXPR where x = 3, y = 2` (or `at`), or `x = 3; EXPR`: evaluate with given values;
 * - `d/dx EXPR`, `\frac{d}{dx} EXPR`, `derivative(EXPR, x)`: a derivative;
 * - `expand EXPR`, `factor EXPR`, `simplify EXPR` (also as `expand(EXPR)` etc.).
 */
import { parseError, unsupported } from './errors.ts';
import { div, equationVars, freeVars } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { latexToText, looksLikeLatex, normalizeUnicode } from './latex.ts';
import { hasRelation, parseEquation, parseExpr, splitRelation } from './parse.ts';
import { constValue } from './poly.ts';
import { parseClauses } from './statements.ts';
import { readCalculus } from './calculus-read.ts';
import { VARIABLE_PATTERN } from './greek.ts';
import { refuseStrayWords } from './stray-words.ts';
import { embeddedExpr, readEmbedded } from './embedded.ts';
import type { EmbeddedPart } from './embedded.ts';
import type { CalculusProblem } from './calculus-read.ts';

export type Problem =
  | {
      readonly kind: 'expression';
      readonly command:
        | 'evaluate-numbers'
        | 'simplify'
        | 'expand'
        | 'factor'
        | 'complete-the-square'
        | 'long-division'
        | 'synthetic-division';
      readonly expr: Expr;
    }
  | { readonly kind: 'evaluate'; readonly expr: Expr; readonly values: ReadonlyMap<string, Expr> }
  | { readonly kind: 'derivative'; readonly expr: Expr; readonly v: string }
  | { readonly kind: 'equation'; readonly eq: Equation; readonly v: string }
  | { readonly kind: 'inequality'; readonly eq: Equation; readonly v: string }
  | {
      readonly kind: 'system';
      readonly eqs: readonly Equation[];
      readonly vars: readonly string[];
    }
  /** Statements in one variable joined by "or" / chained (`-1 < 3x + 2 <= 8`, `x < 1 or x > 4`). */
  | {
      readonly kind: 'statements';
      readonly clauses: readonly (readonly Equation[])[];
      readonly v: string;
    }
  /** Sums, determinants, limits, integrals. */
  | { readonly kind: 'calculus'; readonly problem: CalculusProblem }
  /** Sums, limits, integrals inside a larger expression: `expr` has a placeholder for each. */
  | { readonly kind: 'embedded'; readonly expr: Expr; readonly parts: readonly EmbeddedPart[] }
  /** Numbers only on both sides (2 + 3 = 5): is it true? */
  | { readonly kind: 'check'; readonly eq: Equation };

/** Longest input we read: a guard against pasted garbage, far above any real problem. */
const MAX_INPUT_LENGTH = 2000;

/** Plain text of the problem: LaTeX converted, unicode normalized, whitespace collapsed. */
export function toPlainText(input: string): string {
  if (input.length > MAX_INPUT_LENGTH)
    throw parseError(`Input longer than ${MAX_INPUT_LENGTH} characters`);
  const text = pipesToAbs(looksLikeLatex(input) ? latexToText(input) : normalizeUnicode(input));
  return rewriteDerivatives(
    logBasesToCalls(text.replace(/\r?\n/g, ';').replace(/\s+/g, ' ').trim()),
  );
}

/** `log_2(x)`, `log_{2}(x)`, `log2(x)` as typed in plain text → `log(x, 2)`. */
export function logBasesToCalls(text: string): string {
  const head = /\blog(?:_(\d+|e)|(\d+))\s*\(/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(text); m !== null; m = head.exec(text)) {
    let depth = 1;
    let j = head.lastIndex;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') depth--;
    }
    if (depth > 0) break;
    out += `${text.slice(from, m.index)}log(${text.slice(head.lastIndex, j - 1)}, ${m[1] ?? m[2]})`;
    from = j;
    head.lastIndex = j;
  }
  return out + text.slice(from);
}

/** Characters after which a `|` opens an absolute value rather than closing one. */
const OPENS_AFTER = new Set(['+', '-', '*', '/', '^', '(', '[', '=', '<', '>', ',', ';', '!']);

/**
 * `|3x+1| = 7`, `2|x| - |x-1|` → `abs(…)`: a bar opens at the start, after an operator or
 * when none is open (`2|x|`), and closes otherwise.
 */
export function pipesToAbs(text: string): string {
  if (!text.includes('|')) return text;
  let out = '';
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '|') {
      out += ch;
      continue;
    }
    const prev = out.trimEnd().slice(-1);
    if (open === 0 || prev === '' || OPENS_AFTER.has(prev)) {
      out += ' abs(';
      open++;
    } else {
      out += ')';
      open--;
    }
  }
  if (open !== 0)
    throw parseError('Unmatched | : write an absolute value as |x - 1| (a bar on each side).');
  return out;
}

/** Most `d/dx` rewritten in one input: a sum rule step over 21 terms shows 21 of them. */
const MAX_DERIVATIVES = 200;

/** `d/dx`, `d/dtheta`: a derivative's head in text. */
const DERIVATIVE_HEAD = new RegExp(String.raw`d\s*\/\s*d\s*(${VARIABLE_PATTERN})\s*`);

/** `d/dx (f)` and `d/dx f` → `derivative(f, x)`, so mathjs can parse it. */
function rewriteDerivatives(text: string): string {
  const re = DERIVATIVE_HEAD;
  let out = text;
  for (let guard = 0; guard < MAX_DERIVATIVES; guard++) {
    const m = re.exec(out);
    if (!m) return out;
    const start = m.index;
    const i = start + m[0].length;
    let arg: string;
    let end: number;
    // ⟦ is how the LaTeX reader marks a derivative's own square bracket.
    if (out[i] === '(' || out[i] === '[' || out[i] === '⟦') {
      let depth = 0;
      let j = i;
      for (; j < out.length; j++) {
        if (out[j] === '(' || out[j] === '[' || out[j] === '⟦') depth++;
        else if (out[j] === ')' || out[j] === ']') {
          depth--;
          if (depth === 0) break;
        }
      }
      if (j >= out.length) throw parseError('Unclosed bracket after d/dx');
      // d/dx (3x+1)^5: the bracket is only part of the function; take the whole statement.
      const after = out.slice(j + 1).trimStart();
      // d/dx (f) + g means d/dx of the whole rest, like any operator written in front;
      // only the LaTeX reader's own bracket (⟦ … ]) or [ … ] delimits exactly.
      if (out[i] !== '(' || after === '' || after.startsWith(';')) {
        arg = out.slice(i + 1, j);
        end = j + 1;
      } else {
        let k = i;
        while (k < out.length && out[k] !== ';') k++;
        arg = out.slice(i, k);
        end = k;
      }
    } else {
      // No bracket: the derivative applies to the rest of the statement.
      let j = i;
      while (j < out.length && out[j] !== ';') j++;
      arg = out.slice(i, j);
      end = j;
    }
    out = `${out.slice(0, start)}derivative(${arg}, ${m[1]})${out.slice(end)}`;
  }
  return out;
}

function splitTopLevel(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && ch === sep) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** `x = 3, y = -2` → values (each must be a number). */
function parseAssignments(parts: readonly string[]): Map<string, Expr> {
  const values = new Map<string, Expr>();
  for (const part of parts) {
    const e = parseEquation(part);
    if (e.lhs.k !== 'sym' || e.rel !== '=')
      throw parseError(`Expected a value like "x = 3", got "${part}"`);
    if (freeVars(e.rhs).size > 0 || constValue(e.rhs) === null)
      throw unsupported(`The value of ${e.lhs.name} must be a number`);
    values.set(e.lhs.name, e.rhs);
  }
  return values;
}

const isAssignment = (s: string): boolean => /^\s*[A-Za-z]\s*=\s*[-+\d.(/)\s]+$/.test(s);

const COMMANDS = [
  'simplify',
  'expand',
  'factor',
  'factorise',
  'factorize',
  'evaluate',
  'calculate',
  'solve',
] as const;

export function readProblem(input: string): Problem {
  if (input.length > MAX_INPUT_LENGTH)
    throw parseError(`Input longer than ${MAX_INPUT_LENGTH} characters`);
  const embedded = readEmbedded(input);
  if (embedded !== null)
    return {
      kind: 'embedded',
      expr: embeddedExpr(toPlainText(embedded.rest)),
      parts: embedded.parts,
    };
  const calculus = readCalculus(input);
  if (calculus !== null) return { kind: 'calculus', problem: calculus };
  let text = toPlainText(input);
  if (text === '') throw parseError('Empty input: write a problem, for example 2x + 3 = 7.');
  const square = /^complet(?:e|ing)\s+the\s+square\s*(?::|of|for)?\s*/i.exec(text);
  if (square) {
    const expr = parseExpr(text.slice(square[0].length));
    return { kind: 'expression', command: 'complete-the-square', expr };
  }
  const division = readDivision(text);
  if (division !== null) return division;
  refuseStrayWords(text.replace(/\b(derivative|log|log10)\(/g, ''));
  let command: 'simplify' | 'expand' | 'factor' | null = null;
  const cmd = /^([A-Za-z]+)\s*(:|\b)\s*/.exec(text);
  const word = cmd?.[1]?.toLowerCase();
  if (cmd && word && (COMMANDS as readonly string[]).includes(word)) {
    const rest = text.slice(cmd[0].length);
    // `factor(x^2-1)` is the same as `factor x^2-1`.
    const bracketed = /^\((.*)\)$/.exec(rest);
    text =
      bracketed &&
      splitTopLevel(bracketed[1] as string, ';').length === 1 &&
      balanced(bracketed[1] as string)
        ? (bracketed[1] as string)
        : rest;
    command = word.startsWith('factor')
      ? 'factor'
      : word === 'expand'
        ? 'expand'
        : word === 'simplify'
          ? 'simplify'
          : null;
  }
  // Evaluate with given values: "EXPR where x=3, y=2" / "EXPR at x=3".
  const where = /\s(?:where|at|for|with|when)\s/i.exec(` ${text} `);
  if (where) {
    const padded = ` ${text} `;
    const exprText = padded.slice(0, where.index).trim();
    const valuesText = padded.slice(where.index + where[0].length).trim();
    return {
      kind: 'evaluate',
      expr: parseExpr(exprText),
      values: parseAssignments(splitTopLevel(valuesText.replace(/;/g, ','), ',')),
    };
  }
  const rels0 = splitRelation(text);
  const chained =
    rels0 !== null &&
    rels0.length > 1 &&
    rels0.every((r) => r.rel !== '=') &&
    splitTopLevel(text, ';').length === 1 &&
    splitTopLevel(text, ',').length === 1;
  if (/\bor\b/.test(text) || chained) {
    const clauses = parseClauses(text);
    const vars = equationVars(clauses.flat());
    if (vars.length !== 1)
      throw unsupported('Compound statements are supported in one unknown, like -1 < 3x + 2 <= 8.');
    return { kind: 'statements', clauses, v: vars[0] as string };
  }
  let parts = splitTopLevel(text, ';');
  const commaParts = splitTopLevel(text, ',');
  // "x + y = 3, x - y = 1" (a system) or "x^2 + 1, x = 3" (values and one expression).
  const commaEvaluate =
    commaParts.filter((p) => !hasRelation(p)).length === 1 &&
    commaParts.filter(hasRelation).every(isAssignment);
  if (
    parts.length === 1 &&
    commaParts.length > 1 &&
    (commaParts.every(hasRelation) || commaEvaluate)
  ) {
    parts = commaParts;
  }
  if (parts.length > 1) {
    const exprs = parts.filter((p) => !hasRelation(p));
    if (exprs.length === 1 && parts.filter(hasRelation).every(isAssignment)) {
      return {
        kind: 'evaluate',
        expr: parseExpr(exprs[0] as string),
        values: parseAssignments(parts.filter(hasRelation)),
      };
    }
    if (exprs.length > 0)
      throw parseError(
        'Several statements: expected equations (a system) or values and one expression',
      );
    const eqs = parts.map(parseEquation);
    if (eqs.some((e) => e.rel !== '='))
      throw unsupported('Systems of inequalities are not supported');
    return { kind: 'system', eqs, vars: equationVars(eqs) };
  }
  const rels = splitRelation(text);
  if (rels !== null) {
    // "2+3=" (nothing on the right): the student wants the value.
    if (rels.length === 1 && rels[0]?.rhs.trim() === '' && rels[0].rel === '=') {
      const lhs = parseExpr(rels[0].lhs);
      if (freeVars(lhs).size > 0)
        throw parseError(
          `Nothing after "=": write what ${toTextOf(rels[0].lhs)} equals, like x = 3, or a whole equation like 2x + 1 = 7.`,
        );
      return expressionProblem(lhs, command);
    }
    if (rels.some((r) => r.lhs.trim() === '' || r.rhs.trim() === ''))
      throw parseError(
        'One side of the relation is empty: write something on both sides, like 2x + 1 = 7 or x < 3.',
      );
    const e = parseEquation(text);
    const vars = equationVars([e]);
    if (vars.length === 0) return { kind: 'check', eq: e };
    if (vars.length > 1)
      throw unsupported(
        `One equation with several unknowns (${vars.join(', ')}) cannot be solved for a single value`,
      );
    const v = vars[0] as string;
    if (e.rel === '=') return { kind: 'equation', eq: e, v };
    if (e.rel === '!=') throw unsupported('"≠" statements are not supported');
    return { kind: 'inequality', eq: e, v };
  }
  return expressionProblem(parseExpr(text), command);
}

const toTextOf = (s: string): string => s.trim();

function balanced(s: string): boolean {
  let d = 0;
  for (const ch of s) {
    if (ch === '(') d++;
    else if (ch === ')' && --d < 0) return false;
  }
  return d === 0;
}

/** `long division (x^3 - 1)/(x - 1)`, `synthetic division …`, `divide x^3 - 1 by x - 1`. */
function readDivision(text: string): Problem | null {
  const named = /^(long|synthetic)\s+division\s*(?::|of|for)?\s*/i.exec(text);
  const command =
    named?.[1]?.toLowerCase() === 'synthetic' ? 'synthetic-division' : 'long-division';
  if (named) return { kind: 'expression', command, expr: parseExpr(text.slice(named[0].length)) };
  const words =
    /^divide\s+(.+?)\s+by\s+(.+?)(?:\s+(?:using|with|by)\s+(long|synthetic)\s+division)?$/i.exec(
      text,
    );
  if (!words) return null;
  return {
    kind: 'expression',
    command: words[3]?.toLowerCase() === 'synthetic' ? 'synthetic-division' : 'long-division',
    expr: div(parseExpr(words[1] as string), parseExpr(words[2] as string)),
  };
}

function expressionProblem(expr: Expr, command: 'simplify' | 'expand' | 'factor' | null): Problem {
  if (expr.k === 'deriv') return { kind: 'derivative', expr: expr.a, v: expr.v };
  const vars = freeVars(expr);
  if (vars.size === 0 && command === null)
    return { kind: 'expression', command: 'evaluate-numbers', expr };
  return { kind: 'expression', command: command ?? 'simplify', expr };
}
