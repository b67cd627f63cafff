/**
 * Reading sums, limits, integrals and determinants, as LaTeX (`\sum_{k=1}^{20} k`,
 * `\lim_{x \to 3} …`, `\int_{1}^{3} 2x\,dx`, `\begin{vmatrix}…\end{vmatrix}`) or as the text
 * the solver prints back (`sum(k, k, 1, 20)`, `limit(f, x, 3)`, `integral(f, x, 1, 3)`,
 * `det([[1, 2], [3, 4]])`).
 */
import { parseError, unsupported } from './errors.ts';
import { freeVars } from './expr.ts';
import type { Expr } from './expr.ts';
import { latexToText, normalizeUnicode } from './latex.ts';
import { parseExpr } from './parse.ts';
import { toText } from './print.ts';
import { LATEX_VARIABLE_PATTERN, variableOfLatex } from './greek.ts';

/** Where a limit goes: a number, or ±∞. */
export type Target = Expr | 'inf' | '-inf';

export type CalculusProblem =
  | {
      readonly op: 'sum';
      readonly body: Expr;
      readonly k: string;
      readonly lo: Expr;
      readonly hi: Target;
    }
  | { readonly op: 'limit'; readonly body: Expr; readonly v: string; readonly to: Target }
  | {
      readonly op: 'integral';
      readonly body: Expr;
      readonly v: string;
      readonly bounds: readonly [Expr, Expr] | null;
    }
  | { readonly op: 'determinant'; readonly rows: readonly (readonly Expr[])[] };

const targetText = (t: Target): string =>
  t === 'inf' ? 'Infinity' : t === '-inf' ? '-Infinity' : toText(t);

export function calculusText(p: CalculusProblem): string {
  switch (p.op) {
    case 'sum':
      return `sum(${toText(p.body)}, ${p.k}, ${toText(p.lo)}, ${targetText(p.hi)})`;
    case 'limit':
      return `limit(${toText(p.body)}, ${p.v}, ${targetText(p.to)})`;
    case 'integral':
      return p.bounds
        ? `integral(${toText(p.body)}, ${p.v}, ${toText(p.bounds[0])}, ${toText(p.bounds[1])})`
        : `integral(${toText(p.body)}, ${p.v})`;
    case 'determinant':
      return `det([${p.rows.map((r) => `[${r.map(toText).join(', ')}]`).join(', ')}])`;
  }
}

/** A LaTeX or text fragment as an expression. */
function exprOf(s: string): Expr {
  const t = /\\[A-Za-z]|[{}]/.test(s) ? latexToText(s) : normalizeUnicode(s);
  return parseExpr(t.replace(/\|([^|]+)\|/g, 'abs($1)'));
}

function target(s: string): Target {
  const t = s.replace(/\s+/g, '').replace(/^\{|\}$/g, '');
  if (/^\+?(\\infty|Infinity|∞|inf)$/.test(t)) return 'inf';
  if (/^-(\\infty|Infinity|∞|inf)$/.test(t)) return '-inf';
  return exprOf(t);
}

/** `{…}` or one character after _ or ^. */
const GROUP = String.raw`(\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[^\s{}])`;
const unbrace = (s: string): string => s.replace(/^\{([\s\S]*)\}$/, '$1');

/** Index of the bracket closing the `(` or `[` at `open`, or -1. */
export function closingBracket(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && --depth === 0) return i;
  }
  return -1;
}

/** Split "a, b, c" at top-level commas (not inside brackets); "" gives one empty part. */
export function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}

function matrixRows(body: string, latex: boolean): Expr[][] {
  const rows = latex
    ? body.split(/\\\\/).map((r) => r.split('&'))
    : (body.match(/\[([^[\]]*)\]/g) ?? []).map((r) => splitArgs(r.slice(1, -1)));
  const out = rows.map((r) => r.map((c) => c.trim())).filter((r) => r.some((c) => c !== ''));
  const n = out.length;
  if (n < 2 || n > 3 || out.some((r) => r.length !== n))
    throw unsupported(
      'Determinants are supported for 2×2 and 3×3 matrices, each row with as many entries as there are rows.',
    );
  return out.map((r) => r.map(exprOf));
}

/** The differential ending an integral: `dx`, `\,dx`, `\mathrm{d}x`, `d\theta`. */
const DX = String.raw`\s*(?:\\[,;:!]|\\quad|\s)*(?:\\mathrm\{d\}|\\,d|d)\s*(${LATEX_VARIABLE_PATTERN})\s*$`;

/** The calculus problem written in `input`, or null when there is none. */
export function readCalculus(input: string): CalculusProblem | null {
  const s = input.trim();
  let m = new RegExp(
    String.raw`^\\sum\s*_\s*\{\s*([a-z])\s*=\s*([^{}]+)\}\s*\^\s*${GROUP}\s*([\s\S]+)$`,
  ).exec(s);
  if (m)
    return {
      op: 'sum',
      k: m[1] as string,
      lo: exprOf(m[2] as string),
      hi: target(unbrace(m[3] as string)),
      body: exprOf(m[4] as string),
    };
  m = new RegExp(
    String.raw`^\\lim\s*_\s*\{\s*([a-z])\s*(?:\\to|\\rightarrow|->|→)\s*([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}\s*([\s\S]+)$`,
  ).exec(s);
  if (m)
    return {
      op: 'limit',
      v: m[1] as string,
      to: target(m[2] as string),
      body: exprOf(m[3] as string),
    };
  m = new RegExp(String.raw`^\\int\s*(?:_\s*${GROUP}\s*\^\s*${GROUP})?\s*([\s\S]+?)${DX}`).exec(s);
  if (m) {
    const v = variableOfLatex(m[4] as string);
    const body = exprOf((m[3] as string).replace(/\\[,;!]\s*$/, ''));
    const bounds = m[1] && m[2] ? ([exprOf(unbrace(m[1])), exprOf(unbrace(m[2]))] as const) : null;
    return { op: 'integral', v, body, bounds };
  }
  if (/^\\int\b/.test(s))
    throw parseError('An integral needs its variable at the end, like \\int x^2 \\, dx.');
  m = /^(\\det\s*)?\\begin\{([pbvBV]?)matrix\}([\s\S]*)\\end\{\2matrix\}$/.exec(s);
  if (m) {
    if (!m[1] && m[2] !== 'v' && m[2] !== 'V')
      throw unsupported(
        'A matrix on its own is not a problem: for its determinant write \\det before it, or use vmatrix (|…|).',
      );
    return { op: 'determinant', rows: matrixRows(m[3] as string, true) };
  }
  // The text forms the solver prints back.
  m = /^(sum|limit|integral|det)\(([\s\S]*)\)$/.exec(s);
  // `sum(…) + sum(…)` is not one call: the first bracket must close at the end.
  if (!m || closingBracket(s, (m[1] as string).length) !== s.length - 1) return null;
  const a = splitArgs(m[2] as string);
  switch (m[1]) {
    case 'sum':
      if (a.length !== 4) throw parseError('sum(body, k, from, to) takes four arguments.');
      return {
        op: 'sum',
        body: exprOf(a[0] as string),
        k: (a[1] as string).trim(),
        lo: exprOf(a[2] as string),
        hi: target(a[3] as string),
      };
    case 'limit':
      if (a.length !== 3) throw parseError('limit(body, x, to) takes three arguments.');
      return {
        op: 'limit',
        body: exprOf(a[0] as string),
        v: (a[1] as string).trim(),
        to: target(a[2] as string),
      };
    case 'integral':
      if (a.length !== 2 && a.length !== 4)
        throw parseError('integral(body, x) or integral(body, x, a, b).');
      return {
        op: 'integral',
        body: exprOf(a[0] as string),
        v: (a[1] as string).trim(),
        bounds: a.length === 4 ? [exprOf(a[2] as string), exprOf(a[3] as string)] : null,
      };
    default:
      return { op: 'determinant', rows: matrixRows(m[2] as string, false) };
  }
}

/** Every entry a number: determinants of letters are out of scope. */
export const numericRows = (rows: readonly (readonly Expr[])[]): boolean =>
  rows.every((r) => r.every((e) => freeVars(e).size === 0));
