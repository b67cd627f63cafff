import { describe, expect, it } from 'vitest';
import { recognizeExpression } from '../recognize.ts';
import { writeInk } from '../test-ink.ts';
import { toLatex, toMathjs } from './emit.ts';
import { parseLayout } from './parse.ts';
import { treeNodes } from './test-layout.ts';
import { readFunctionWords } from './words.ts';
import type { WordSymbol } from './words.ts';

/** A classified symbol at x (width w) on a line from y to y + h. */
function sym(label: string, x: number, y: number, w: number, h: number, alt?: string): WordSymbol {
  const candidates = [{ label, score: 0.8 }];
  if (alt) candidates.push({ label: alt, score: 0.15 });
  return {
    label,
    strokes: [Math.round(x)],
    box: { minX: x, minY: y, maxX: x + w, maxY: y + h },
    confidence: 0.8,
    candidates,
  };
}

describe('readFunctionWords', () => {
  it('reads 5 1 n with the dot of the i as one \\sin, and leaves what follows', () => {
    const symbols = [
      sym('5', 0, 4, 7, 10),
      sym('1', 9, 2, 2, 12),
      sym('n', 13, 6, 8, 8),
      sym('.', 9.5, -1, 1, 1),
      sym('x', 26, 6, 8, 8),
    ];
    const out = readFunctionWords(symbols);
    expect(out.map((s) => s.label)).toEqual(['\\sin', 'x']);
    expect(out[0]?.strokes).toEqual([0, 9, 10, 13]);
    expect(out[0]?.box).toEqual({ minX: 0, minY: -1, maxX: 21, maxY: 14 });
  });

  it('takes one letter from a runner-up candidate, not two', () => {
    const x = sym('x', 30, 6, 8, 8);
    const one = [sym('c', 0, 6, 7, 8), sym('0', 9, 6, 7, 8), sym('3', 18, 4, 7, 10, '5'), x];
    expect(readFunctionWords(one).map((s) => s.label)).toEqual(['\\cos', 'x']);
    const two = [sym('c', 0, 6, 7, 8), sym('6', 9, 6, 7, 8, '0'), sym('3', 18, 4, 7, 10, '5'), x];
    expect(readFunctionWords(two).map((s) => s.label)).toEqual(['c', '6', '3', 'x']);
  });

  it('needs the letters close together and on one line', () => {
    const apart = [sym('t', 0, 2, 7, 12), sym('a', 30, 6, 7, 8), sym('n', 40, 6, 8, 8)];
    expect(readFunctionWords(apart).map((s) => s.label)).toEqual(['t', 'a', 'n']);
    const stacked = [sym('1', 0, 0, 2, 12), sym('n', 4, 20, 8, 8)];
    expect(readFunctionWords(stacked).map((s) => s.label)).toEqual(['1', 'n']);
    const word = [sym('1', 0, 0, 2, 12), sym('n', 4, 4, 8, 8), sym('x', 16, 4, 8, 8)];
    expect(readFunctionWords(word).map((s) => s.label)).toEqual(['\\ln', 'x']);
    // Nothing after it to apply to: the end of a denominator, not a function.
    expect(readFunctionWords(word.slice(0, 2)).map((s) => s.label)).toEqual(['1', 'n']);
  });
});

describe('lim', () => {
  /** l (a 1), an i, m, on the line from y = 4 to 14; then x → 0 under it and 1/x. */
  const word = (i: WordSymbol[]): WordSymbol[] => [
    sym('1', 0, 0, 2, 14),
    ...i,
    sym('m', 8, 4, 12, 10),
    sym('x', 1, 18, 7, 7),
    sym('\\rightarrow', 9, 20, 8, 3),
    sym('0', 18, 17, 5, 8),
    sym('1', 30, -12, 3, 12),
    sym('-', 26, 3, 12, 1),
    sym('x', 28, 6, 8, 8),
  ];
  const read = (symbols: WordSymbol[]) => {
    const out = readFunctionWords(symbols);
    const tree = parseLayout(out.map((s, index) => ({ label: s.label, box: s.box, index })));
    return { labels: out.map((s) => s.label), latex: toLatex(tree), mathjs: toMathjs(tree) };
  };

  it('reads 1, a dotted i stem and m as \\lim, with x → 0 under it', () => {
    const r = read(word([sym('1', 4, 4, 2, 10), sym('.', 4.5, 0, 1, 1)]));
    expect(r.labels[0]).toBe('\\lim');
    expect(r.latex).toBe('\\lim_{x\\rightarrow0}\\frac{1}{x}');
    expect(r.mathjs).toBe('limit(1/x, x, 0)');
  });

  it('reads an i whose box holds its dot (as tall as the l)', () => {
    expect(read(word([sym('i', 4, 0, 2, 14)])).labels[0]).toBe('\\lim');
  });

  it('does not read 1 1 m (two digits as tall) or a lone 1 or i as lim', () => {
    const eleven = read(word([sym('1', 4, 0, 2, 14)]));
    expect(eleven.labels.slice(0, 3)).toEqual(['1', '1', 'm']);
    const x = sym('x', 26, 6, 8, 8);
    expect(readFunctionWords([sym('1', 0, 0, 2, 14), sym('i', 4, 0, 2, 14), x]).length).toBe(3);
    expect(readFunctionWords([sym('i', 0, 0, 2, 14), sym('m', 4, 4, 12, 10), x]).length).toBe(3);
  });
});

describe('function words in recognized expressions', () => {
  it('reads "sin x + 1" (s and i written like 5 and 1) as \\sin x applied in mathjs', () => {
    const ink = writeInk([
      ['5', 0, 0, 8, 14],
      ['1', 11, 2, 3, 12],
      ['.', 11.5, -3, 1.5, 1.5],
      ['n', 17, 5, 9, 9],
      ['x', 32, 5, 9, 9],
      ['+', 46, 4, 10, 10],
      ['1', 61, 0, 3, 14],
    ]);
    const r = recognizeExpression(ink);
    expect(r.latex).toBe('\\sin x+1');
    expect(r.mathjs).toBe('sin(x)+1');
    expect(r.symbols[0]?.label).toBe('\\sin');
  });

  it('applies tan to a bracket and keeps a coefficient before it', () => {
    const ink = writeInk([
      ['2', 0, 0, 8, 14],
      ['t', 12, 0, 8, 14],
      ['a', 22, 5, 9, 9],
      ['n', 33, 5, 9, 9],
      ['(', 46, -1, 4, 16],
      ['x', 52, 5, 9, 9],
      [')', 63, -1, 4, 16],
    ]);
    const r = recognizeExpression(ink);
    expect(r.latex).toBe('2\\tan(x)');
    expect(r.mathjs).toBe('2*tan(x)');
  });
});

describe('function words in mathjs', () => {
  it('writes ln as log(…, e) and log as log10, as the solver reads them', () => {
    const ink = (word: [string, number, number, number, number][]) =>
      recognizeExpression(
        writeInk([...word, ['x', 24, 5, 9, 9], ['=', 38, 7, 10, 5], ['1', 53, 0, 3, 14]]),
      );
    const ln = ink([
      ['1', 0, 0, 3, 14],
      ['n', 7, 5, 9, 9],
    ]);
    expect(ln.latex).toBe('\\ln x=1');
    expect(ln.mathjs).toBe('log(x, e)=1');
    const log = ink([
      ['1', -12, 0, 3, 14],
      ['0', -6, 5, 8, 9],
      ['9', 5, 5, 8, 13],
    ]);
    expect(log.latex).toBe('\\log x=1');
    expect(log.mathjs).toBe('log10(x)=1');
  });
});

describe('function words in the emitted text', () => {
  const { s, script } = treeNodes();

  it('applies scripts: log_2 8 is a base, sin^2 x a power of the function', () => {
    const log2 = [script(s('\\log'), [s('2')], []), s('8'), s('='), s('3')];
    expect(toLatex([log2])).toBe('\\log_{2}8=3');
    expect(toMathjs([log2])).toBe('log(8, 2)=3');
    const sin2 = [s('2'), script(s('\\sin'), [], [s('2')]), s('x'), s('-'), s('1')];
    expect(toMathjs([sin2])).toBe('2*sin(x)^2-1');
  });

  it('takes the argument up to the next operator, or the matching bracket', () => {
    const product = [
      s('\\cos'),
      s('2'),
      s('x'),
      s('+'),
      s('\\sin'),
      s('('),
      s('x'),
      s('+'),
      s('1'),
      s(')'),
      s('y'),
    ];
    expect(toMathjs([product])).toBe('cos(2*x)+sin(x+1)*y');
    expect(toMathjs([[s('\\tan')]])).toBe('tan');
  });
});
