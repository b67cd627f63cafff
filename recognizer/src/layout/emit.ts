import { BIG_OPERATORS } from './big-operators.ts';
import type { LayoutNode } from './parse.ts';

/**
 * Expression tree → LaTeX and mathjs text. `labelOf` lets the caller substitute a symbol's
 * label (n-best alternatives re-emit the same tree with one symbol changed).
 */
export type LabelOf = (index: number, label: string) => string;

const LATEX_SPELLING: Record<string, string> = { '\\lt': '<', '\\gt': '>' };

function latexSeq(nodes: LayoutNode[], labelOf: LabelOf): string {
  let out = '';
  for (const n of nodes) {
    const t = latexNode(n, labelOf);
    // A control word needs a space before a following letter (\pi x, not \pix).
    if (/\\[a-zA-Z]+$/.test(out) && /^[a-zA-Z]/.test(t)) out += ' ';
    out += t;
  }
  return out;
}

function latexNode(n: LayoutNode, labelOf: LabelOf): string {
  switch (n.kind) {
    case 'sym': {
      const l = labelOf(n.sym.index, n.sym.label);
      return LATEX_SPELLING[l] ?? l;
    }
    case 'frac':
      return `\\frac{${latexSeq(n.num, labelOf)}}{${latexSeq(n.den, labelOf)}}`;
    case 'sqrt':
      return n.index.length > 0
        ? `\\sqrt[${latexSeq(n.index, labelOf)}]{${latexSeq(n.body, labelOf)}}`
        : `\\sqrt{${latexSeq(n.body, labelOf)}}`;
    case 'script': {
      let s = latexNode(n.base, labelOf);
      if (n.sub.length > 0) s += `_{${latexSeq(n.sub, labelOf)}}`;
      if (n.sup.length > 0) s += `^{${latexSeq(n.sup, labelOf)}}`;
      return s;
    }
  }
}

export function toLatex(lines: LayoutNode[][], labelOf: LabelOf = (_i, l) => l): string {
  return lines.map((l) => latexSeq(l, labelOf)).join(' \\\\ ');
}

const MATHJS_SPELLING: Record<string, string> = {
  '\\times': '*',
  '\\cdot': '*',
  '\\div': '/',
  '\\pi': 'pi',
  '\\theta': 'theta',
  '\\alpha': 'alpha',
  '\\beta': 'beta',
  '\\infty': 'Infinity',
  '\\rightarrow': '->',
  '\\lt': '<',
  '\\gt': '>',
  '\\leq': '<=',
  '\\geq': '>=',
  '\\neq': '!=',
  '\\pm': '±',
  '[': '(',
  ']': ')',
};

type Kind = 'operand' | 'open' | 'close' | 'op';

function kindOf(text: string): Kind {
  if (text === '(') return 'open';
  if (text === ')') return 'close';
  if (/^([0-9.]+|[a-z]+)$/i.test(text)) return 'operand';
  return 'op';
}

/**
 * mathjs names of the function words (layout/words.ts). Written so that mathjs and the
 * solver agree: school `log` is base 10 (`log10`), and `ln` is `log(…, e)` (mathjs has no
 * `ln`; its one-argument `log` is natural while the solver reads it as base 10).
 */
const MATHJS_FUNCTIONS: Record<string, string> = {
  '\\sin': 'sin',
  '\\cos': 'cos',
  '\\tan': 'tan',
  '\\log': 'log10',
  '\\ln': 'log',
};
/** What ends a function's argument written without brackets: sin x + 1 is sin(x) + 1. */
const ARGUMENT_ENDS = new Set([
  '+',
  '-',
  '=',
  '\\lt',
  '\\gt',
  '\\leq',
  '\\geq',
  '\\neq',
  '\\pm',
  ',',
  '\\times',
  '\\div',
  '\\cdot',
  '/',
]);

/** The function word heading `n` (`\sin`, or `\sin^2`'s base), if any. */
function functionOf(n: LayoutNode, labelOf: LabelOf): string | null {
  const head = n.kind === 'script' ? n.base : n;
  if (head.kind !== 'sym') return null;
  const label = labelOf(head.sym.index, head.sym.label);
  return label in MATHJS_FUNCTIONS ? label : null;
}

const symLabel = (n: LayoutNode | undefined, labelOf: LabelOf): string | null =>
  n?.kind === 'sym' ? labelOf(n.sym.index, n.sym.label) : null;

/** The big operator heading `n` (`\sum`, or the base of `\sum_{k=1}^{n}`), if any. */
function bigOperatorOf(n: LayoutNode, labelOf: LabelOf): string | null {
  const label = symLabel(n.kind === 'script' ? n.base : n, labelOf);
  return label !== null && BIG_OPERATORS.has(label) ? label : null;
}

/**
 * Absolute-value bars paired (opening index → closing index): a bar after an operand
 * closes the innermost open one, any other bar opens (`||x|-1|`, `2|x|`). Unpaired bars
 * stay as they are.
 */
function barPairs(nodes: LayoutNode[], labelOf: LabelOf): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  let afterOperand = false;
  nodes.forEach((n, i) => {
    const l = symLabel(n, labelOf);
    if (l === '|') {
      const from = afterOperand ? open.pop() : undefined;
      if (from === undefined) open.push(i);
      else pairs.set(from, i);
      afterOperand = from !== undefined;
      return;
    }
    const kind = l === null ? 'operand' : kindOf(MATHJS_SPELLING[l] ?? l);
    afterOperand = kind === 'operand' || kind === 'close';
  });
  return pairs;
}

/** The end (exclusive) of the argument of the function at `at`, and its nodes. */
function argumentOf(
  nodes: LayoutNode[],
  at: number,
  labelOf: LabelOf,
  bars: ReadonlyMap<number, number>,
): { end: number; arg: LayoutNode[] } {
  let j = at + 1;
  if (symLabel(nodes[j], labelOf) === '(') {
    // sin(x + 1): up to the matching bracket.
    let depth = 0;
    for (let k = j; k < nodes.length; k++) {
      const l = symLabel(nodes[k], labelOf);
      if (l === '(') depth++;
      if (l === ')' && --depth === 0) return { end: k + 1, arg: nodes.slice(j + 1, k) };
    }
    return { end: nodes.length, arg: nodes.slice(j + 1) };
  }
  while (j < nodes.length) {
    const n = nodes[j] as LayoutNode;
    const l = symLabel(n, labelOf);
    if ((l !== null && ARGUMENT_ENDS.has(l)) || functionOf(n, labelOf)) break;
    // sin |x - 1|: a pair of bars is one operand.
    j = (bars.get(j) ?? j) + 1;
  }
  return { end: j, arg: nodes.slice(at + 1, j) };
}

/** What ends the body of a sum, limit or integral: the relation it is part of. */
const RELATIONS = new Set(['=', '\\lt', '\\gt', '\\leq', '\\geq', '\\neq']);
const isLetter = (l: string | null): l is string => l !== null && /^[a-z]$/i.test(l);

/** `nodes` before and after the first symbol passing `test` (`width` symbols long). */
function splitAt(
  nodes: LayoutNode[],
  labelOf: LabelOf,
  test: (l: string | null, k: number) => boolean,
  width = 1,
): [LayoutNode[], LayoutNode[]] | null {
  const k = nodes.findIndex((n, i) => test(symLabel(n, labelOf), i));
  return k < 0 ? null : [nodes.slice(0, k), nodes.slice(k + width)];
}

/**
 * A big operator in the forms the solver reads back: `sum(body, k, lo, hi)`,
 * `limit(body, x, a)`, `integral(body, x, a, b)` / `integral(body, x)`. The body runs to
 * the next relation or the end (an integral's to its `d x`). A form that cannot be built
 * (no `k =` under the Σ, no `d x`) is written with what there is, `sum(i)`, which the
 * solver refuses with a readable message. Returns the text and the index after it.
 */
function bigOperatorText(
  nodes: LayoutNode[],
  at: number,
  op: string,
  labelOf: LabelOf,
): { text: string; end: number } {
  const n = nodes[at] as LayoutNode;
  const text = (ns: LayoutNode[]): string => mathjsSeq(ns, labelOf);
  const sub = n.kind === 'script' ? n.sub : [];
  const sup = n.kind === 'script' ? n.sup : [];
  let end = at + 1;
  while (end < nodes.length && !RELATIONS.has(symLabel(nodes[end], labelOf) ?? '')) end++;
  const body = nodes.slice(at + 1, end);
  if (op === '\\int') {
    const d = body.findIndex(
      (m, k) => symLabel(m, labelOf) === 'd' && isLetter(symLabel(body[k + 1], labelOf)),
    );
    if (d < 0) return { text: `integral(${text(body)})`, end };
    const args = [text(body.slice(0, d)), symLabel(body[d + 1], labelOf) as string];
    // One limit only: the three-argument form, which the solver refuses (not a guess).
    if (sub.length > 0) args.push(text(sub));
    if (sup.length > 0) args.push(text(sup));
    return { text: `integral(${args.join(', ')})`, end: at + 1 + d + 2 };
  }
  const name = op === '\\sum' ? 'sum' : 'limit';
  const split =
    op === '\\sum'
      ? splitAt(sub, labelOf, (l) => l === '=')
      : (splitAt(sub, labelOf, (l) => l === '\\rightarrow') ??
        // "->" written as a minus and a greater-than sign.
        splitAt(sub, labelOf, (l, k) => l === '-' && symLabel(sub[k + 1], labelOf) === '\\gt', 2));
  const v = split && split[0].length === 1 ? symLabel(split[0][0], labelOf) : null;
  const args = [text(body)];
  if (split && isLetter(v) && split[1].length > 0 && (op !== '\\sum' || sup.length > 0)) {
    args.push(v, text(split[1]));
    if (op === '\\sum') args.push(text(sup));
  }
  return { text: `${name}(${args.join(', ')})`, end };
}

/** `sin(arg)`, `sin(arg)^2`, `log(arg, 2)` for `\log_2`. */
function functionText(n: LayoutNode, fn: string, arg: string, labelOf: LabelOf): string {
  const name = MATHJS_FUNCTIONS[fn] as string;
  const sub = n.kind === 'script' ? n.sub : [];
  const sup = n.kind === 'script' ? n.sup : [];
  let s =
    arg === ''
      ? name
      : fn === '\\log' && sub.length > 0
        ? `log(${arg}, ${mathjsSeq(sub, labelOf)})`
        : fn === '\\ln'
          ? `log(${arg}, e)`
          : `${name}(${arg})`;
  if (sup.length > 0) s += `^${wrap(mathjsSeq(sup, labelOf))}`;
  return s;
}

/**
 * mathjs text: explicit `*` for implicit multiplication (2x → 2*x, x(y) → x*(y)), `^` and
 * parentheses for scripts, `sqrt()` and `( )/( )` for roots and fractions, function
 * words applied to their argument (sin x → sin(x)), `abs()` for |…| and the solver's
 * `sum`, `limit`, `integral` for big operators.
 */
function mathjsSeq(nodes: LayoutNode[], labelOf: LabelOf): string {
  const parts: string[] = [];
  const bars = barPairs(nodes, labelOf);
  let prevEnd: Kind | 'digit' | null = null;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as LayoutNode;
    const fn = functionOf(n, labelOf);
    const op = bigOperatorOf(n, labelOf);
    const close = bars.get(i);
    // An application (function, big operator, |…|) starts an operand and ends like `)`.
    let applied = true;
    let t: string;
    if (op) {
      const { text, end } = bigOperatorText(nodes, i, op, labelOf);
      t = text;
      i = end - 1;
    } else if (fn) {
      const { end, arg } = argumentOf(nodes, i, labelOf, bars);
      t = functionText(n, fn, mathjsSeq(arg, labelOf), labelOf);
      i = end - 1;
    } else if (close !== undefined) {
      t = `abs(${mathjsSeq(nodes.slice(i + 1, close), labelOf)})`;
      i = close;
    } else {
      t = mathjsNode(n, labelOf);
      applied = false;
    }
    if (t === '') continue;
    const startsDigit = /^[0-9.]/.test(t);
    // A script's left edge is its base's: the `)` of `(a+b)^2` closes, it does not multiply.
    const head = n.kind === 'script' ? n.base : n;
    const startKind: Kind =
      applied || head.kind !== 'sym' ? 'operand' : kindOf(mathjsNode(head, labelOf));
    const juxtaposed =
      (prevEnd === 'operand' || prevEnd === 'digit' || prevEnd === 'close') &&
      (startKind === 'operand' || startKind === 'open');
    // Consecutive digits form one number; anything else side by side multiplies.
    if (juxtaposed && !(prevEnd === 'digit' && startsDigit && n.kind === 'sym')) parts.push('*');
    parts.push(t);
    const endsDigit = !applied && n.kind === 'sym' && /[0-9.]$/.test(t);
    prevEnd = applied ? 'close' : endsDigit ? 'digit' : n.kind === 'sym' ? kindOf(t) : 'operand';
  }
  return parts.join('');
}

function wrap(s: string): string {
  return /^([0-9.]+|[a-z]+)$/i.test(s) ? s : `(${s})`;
}

function mathjsNode(n: LayoutNode, labelOf: LabelOf): string {
  switch (n.kind) {
    case 'sym': {
      const l = labelOf(n.sym.index, n.sym.label);
      return MATHJS_SPELLING[l] ?? l;
    }
    case 'frac':
      return `${wrap(mathjsSeq(n.num, labelOf))}/${wrap(mathjsSeq(n.den, labelOf))}`;
    case 'sqrt':
      return n.index.length > 0
        ? `nthRoot(${mathjsSeq(n.body, labelOf)}, ${mathjsSeq(n.index, labelOf)})`
        : `sqrt(${mathjsSeq(n.body, labelOf)})`;
    case 'script': {
      let s = mathjsNode(n.base, labelOf);
      if (n.base.kind === 'frac') s = `(${s})`;
      if (n.sub.length > 0) s += `_${wrap(mathjsSeq(n.sub, labelOf))}`;
      if (n.sup.length > 0) s += `^${wrap(mathjsSeq(n.sup, labelOf))}`;
      return s;
    }
  }
}

export function toMathjs(lines: LayoutNode[][], labelOf: LabelOf = (_i, l) => l): string {
  return lines.map((l) => mathjsSeq(l, labelOf)).join('\n');
}
