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
 * mathjs text: explicit `*` for implicit multiplication (2x → 2*x, x(y) → x*(y)), `^` and
 * parentheses for scripts, `sqrt()` and `( )/( )` for roots and fractions.
 */
function mathjsSeq(nodes: LayoutNode[], labelOf: LabelOf): string {
  const parts: string[] = [];
  let prevEnd: Kind | 'digit' | null = null;
  for (const n of nodes) {
    const t = mathjsNode(n, labelOf);
    if (t === '') continue;
    const startsDigit = /^[0-9.]/.test(t);
    // A script's left edge is its base's: the `)` of `(a+b)^2` closes, it does not multiply.
    const head = n.kind === 'script' ? n.base : n;
    const startKind: Kind = head.kind === 'sym' ? kindOf(mathjsNode(head, labelOf)) : 'operand';
    const juxtaposed =
      (prevEnd === 'operand' || prevEnd === 'digit' || prevEnd === 'close') &&
      (startKind === 'operand' || startKind === 'open');
    // Consecutive digits form one number; anything else side by side multiplies.
    if (juxtaposed && !(prevEnd === 'digit' && startsDigit && n.kind === 'sym')) parts.push('*');
    parts.push(t);
    const endsDigit = n.kind === 'sym' && /[0-9.]$/.test(t);
    prevEnd = endsDigit ? 'digit' : n.kind === 'sym' ? kindOf(t) : 'operand';
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
