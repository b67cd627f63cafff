/**
 * LaTeX normalization for scoring, so that equivalent spellings compare equal:
 * - `$`, whitespace, `\mathrm`, `\left`/`\right`, `\displaystyle` and spacing commands go;
 * - equivalent tokens are unified: `\lt`=`<`, `\gt`=`>`, `\le`=`\leq`, `\ge`=`\geq`,
 *   `\ne`=`\neq`, `×`=`\times`, `÷`=`\div`, `·`=`\cdot`, `±`=`\pm`, `π`=`\pi`, `\dots`=`\ldots`;
 * - braces are canonical: script, `\frac` and `\sqrt` arguments are always braced
 *   (`x^2` = `x^{2}`), other groups are flattened (`{x}` = `x`).
 * The result is a token list; `latexTokensEqual` and `latexEditDistance` compare them.
 */

const DROP = new Set([
  '\\mathrm',
  '\\left',
  '\\right',
  '\\displaystyle',
  '\\limits',
  '\\,',
  '\\;',
  '\\!',
  '\\ ',
  '\\quad',
  '\\mathit',
]);
const SAME: Record<string, string> = {
  '\\lt': '<',
  '\\gt': '>',
  '\\le': '\\leq',
  '\\ge': '\\geq',
  '\\ne': '\\neq',
  '×': '\\times',
  '÷': '\\div',
  '·': '\\cdot',
  '±': '\\pm',
  π: '\\pi',
  '≤': '\\leq',
  '≥': '\\geq',
  '≠': '\\neq',
  '\\dots': '\\ldots',
  '\\lbrack': '[',
  '\\rbrack': ']',
  '\\lbrace': '\\{',
  '\\rbrace': '\\}',
};

function tokenize(latex: string): string[] {
  const out: string[] = [];
  const re = /\\[a-zA-Z]+|\\.|[^\s]/gu;
  for (const m of latex.replaceAll('$', '').matchAll(re)) {
    const t = m[0];
    if (DROP.has(t)) continue;
    out.push(SAME[t] ?? t);
  }
  return out;
}

type Item = string | Item[];

/** Parse braces into nested groups; unbalanced braces are tolerated. */
function group(tokens: string[]): Item[] {
  const root: Item[] = [];
  const stack: Item[][] = [root];
  for (const t of tokens) {
    if (t === '{') {
      const g: Item[] = [];
      (stack.at(-1) as Item[]).push(g);
      stack.push(g);
    } else if (t === '}') {
      if (stack.length > 1) stack.pop();
    } else (stack.at(-1) as Item[]).push(t);
  }
  return root;
}

function emit(items: Item[], out: string[]): void {
  let i = 0;
  const arg = (): void => {
    // One argument: a group (its contents) or a single token, always braced. A command
    // token takes its own arguments with it (`x^\frac12` is `x^{\frac{1}{2}}`).
    const a = items[i++];
    out.push('{');
    if (Array.isArray(a)) emit(a, out);
    else if (a !== undefined) {
      out.push(a);
      if (a === '\\frac') {
        arg();
        arg();
      } else if (a === '\\sqrt') arg();
    }
    out.push('}');
  };
  while (i < items.length) {
    const it = items[i++] as Item;
    if (Array.isArray(it)) {
      emit(it, out);
      continue;
    }
    out.push(it);
    if (it === '^' || it === '_') arg();
    else if (it === '\\frac') {
      arg();
      arg();
    } else if (it === '\\sqrt') {
      if (items[i] === '[') {
        out.push('[');
        i++;
        while (i < items.length && items[i] !== ']') {
          const x = items[i++] as Item;
          if (Array.isArray(x)) emit(x, out);
          else out.push(x);
        }
        i++;
        out.push(']');
      }
      arg();
    }
  }
}

export function normalizeLatex(latex: string): string[] {
  const out: string[] = [];
  emit(group(tokenize(latex)), out);
  return out;
}

export function latexTokensEqual(a: string, b: string): boolean {
  return normalizeLatex(a).join(' ') === normalizeLatex(b).join(' ');
}

/** Token edit distance, braces excluded (a misplaced script costs its `^`, not its braces). */
export function latexEditDistance(a: string, b: string): number {
  const x = normalizeLatex(a).filter((t) => t !== '{' && t !== '}');
  const y = normalizeLatex(b).filter((t) => t !== '{' && t !== '}');
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur.push(
        Math.min(
          (prev[j] as number) + 1,
          (cur[j - 1] as number) + 1,
          (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
        ),
      );
    prev = cur;
  }
  return prev[y.length] as number;
}
