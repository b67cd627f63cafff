/**
 * Writes bench/corpus.jsonl: the benchmark problems with answers known by construction
 * (roots chosen first, then the equation built from them), never computed by the solver.
 * Hand-written problems (many in LaTeX, as the recognizer produces them) come first.
 * Run: node bench/make-corpus.ts  (deterministic: fixed seed).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';

export type Expected =
  | { kind: 'number'; value: string }
  | { kind: 'expr'; value: string }
  | { kind: 'factored'; value: string }
  | { kind: 'expanded'; value: string }
  | { kind: 'roots'; var: string; values: string[] }
  | { kind: 'system'; values: Record<string, string> }
  | { kind: 'interval'; var: string; rel: '<' | '<=' | '>' | '>='; bound: string }
  | { kind: 'none' }
  | { kind: 'all' };

export interface Problem {
  id: string;
  category: string;
  input: string;
  expected: Expected;
}

/** Fixed so the corpus file is reproducible byte for byte. */
const CORPUS_SEED = 20261125;
/** Generated problems per category (plus the hand-written ones). */
const PER_CATEGORY = 25;

const HAND: Omit<Problem, 'id'>[] = [
  // arithmetic
  { category: 'arithmetic', input: '0.1 + 0.2', expected: { kind: 'number', value: '3/10' } },
  {
    category: 'arithmetic',
    input: '\\frac{1}{3} + \\frac{1}{6}',
    expected: { kind: 'number', value: '1/2' },
  },
  { category: 'arithmetic', input: '2 + 3 \\times 4', expected: { kind: 'number', value: '14' } },
  {
    category: 'arithmetic',
    input: '(2 + 3) \\cdot 4 - 6 \\div 3',
    expected: { kind: 'number', value: '18' },
  },
  {
    category: 'arithmetic',
    input: '\\frac{3}{4} \\div \\frac{9}{8} - 2^{3}',
    expected: { kind: 'number', value: '-22/3' },
  },
  {
    category: 'arithmetic',
    input: '\\sqrt{144} - 5^2',
    expected: { kind: 'number', value: '-13' },
  },
  {
    category: 'arithmetic',
    input: '1.5 \\times 0.4 + 0.07',
    expected: { kind: 'number', value: '67/100' },
  },
  {
    category: 'arithmetic',
    input: '-3 - (-7) \\cdot 2',
    expected: { kind: 'number', value: '11' },
  },
  // evaluate
  { category: 'evaluate', input: 'x^2 + 1 where x = 3', expected: { kind: 'number', value: '10' } },
  { category: 'evaluate', input: 'x = -2; 3x^2 - x', expected: { kind: 'number', value: '14' } },
  {
    category: 'evaluate',
    input: '\\frac{a + b}{2} \\text{ where } a = 3, b = 4',
    expected: { kind: 'number', value: '7/2' },
  },
  {
    category: 'evaluate',
    input: '2xy - y^2 at x = 1/2, y = -3',
    expected: { kind: 'number', value: '-12' },
  },
  // simplify / expand
  { category: 'simplify', input: '(x+1)^2 - 3x', expected: { kind: 'expr', value: 'x^2 - x + 1' } },
  { category: 'simplify', input: '3x + 2y - x + 5y', expected: { kind: 'expr', value: '2x + 7y' } },
  {
    category: 'simplify',
    input: '2(3x - 4) - (x + 1)',
    expected: { kind: 'expr', value: '5x - 9' },
  },
  {
    category: 'expand',
    input: 'expand (x+2)(x-3)',
    expected: { kind: 'expr', value: 'x^2 - x - 6' },
  },
  {
    category: 'expand',
    input: 'expand \\left(2x-1\\right)^{3}',
    expected: { kind: 'expr', value: '8x^3 - 12x^2 + 6x - 1' },
  },
  {
    category: 'expand',
    input: 'expand (a+b)(a-b)',
    expected: { kind: 'expr', value: 'a^2 - b^2' },
  },
  // factor
  {
    category: 'factor',
    input: 'factor x^2 - 5x + 6',
    expected: { kind: 'factored', value: '(x-2)(x-3)' },
  },
  {
    category: 'factor',
    input: 'factor 2x^3 - 8x',
    expected: { kind: 'factored', value: '2*x*(x-2)*(x+2)' },
  },
  {
    category: 'factor',
    input: 'factor 4x^2 - 9y^2',
    expected: { kind: 'factored', value: '(2x-3y)(2x+3y)' },
  },
  {
    category: 'factor',
    input: 'factor 6x^2 + x - 2',
    expected: { kind: 'factored', value: '(2x-1)(3x+2)' },
  },
  {
    category: 'factor',
    input: 'factor x^2 + 6x + 9',
    expected: { kind: 'factored', value: '(x+3)^2' },
  },
  // linear equations
  {
    category: 'linear-equation',
    input: '2x + 3 = 7',
    expected: { kind: 'roots', var: 'x', values: ['2'] },
  },
  {
    category: 'linear-equation',
    input: '3(x - 2) + 4 = 2(x + 1)',
    expected: { kind: 'roots', var: 'x', values: ['4'] },
  },
  {
    category: 'linear-equation',
    input: '\\frac{x}{2} + \\frac{1}{3} = \\frac{5}{6}',
    expected: { kind: 'roots', var: 'x', values: ['1'] },
  },
  {
    category: 'linear-equation',
    input: '\\frac{2x-1}{3} = \\frac{x+4}{2}',
    expected: { kind: 'roots', var: 'x', values: ['14'] },
  },
  { category: 'linear-equation', input: 'x + 1 = x + 2', expected: { kind: 'none' } },
  { category: 'linear-equation', input: '2(x + 1) = 2x + 2', expected: { kind: 'all' } },
  {
    category: 'linear-equation',
    input: '0.5x - 1.25 = 0.75',
    expected: { kind: 'roots', var: 'x', values: ['4'] },
  },
  // quadratics
  {
    category: 'quadratic-equation',
    input: 'x^2 - 5x + 6 = 0',
    expected: { kind: 'roots', var: 'x', values: ['2', '3'] },
  },
  {
    category: 'quadratic-equation',
    input: 'x^{2} - 2x - 1 = 0',
    expected: { kind: 'roots', var: 'x', values: ['1 - sqrt(2)', '1 + sqrt(2)'] },
  },
  {
    category: 'quadratic-equation',
    input: 'x^2 + 2x + 5 = 0',
    expected: { kind: 'roots', var: 'x', values: ['-1 - 2i', '-1 + 2i'] },
  },
  {
    category: 'quadratic-equation',
    input: '2x^2 = 3x',
    expected: { kind: 'roots', var: 'x', values: ['0', '3/2'] },
  },
  {
    category: 'quadratic-equation',
    input: '(x-3)^2 = 16',
    expected: { kind: 'roots', var: 'x', values: ['-1', '7'] },
  },
  {
    category: 'quadratic-equation',
    input: 'x^2 = -9',
    expected: { kind: 'roots', var: 'x', values: ['3i', '-3i'] },
  },
  {
    category: 'quadratic-equation',
    input: 'x(x+4) = 3x + 12',
    expected: { kind: 'roots', var: 'x', values: ['-4', '3'] },
  },
  // rational equations
  {
    category: 'rational-equation',
    input: '\\frac{1}{x-2} = 3',
    expected: { kind: 'roots', var: 'x', values: ['7/3'] },
  },
  {
    category: 'rational-equation',
    input: '\\frac{x}{x-1} = \\frac{1}{x-1}',
    expected: { kind: 'none' },
  },
  {
    category: 'rational-equation',
    input: '\\frac{x+1}{x-2} = \\frac{3}{x-2}',
    expected: { kind: 'none' },
  },
  {
    category: 'rational-equation',
    input: '\\frac{1}{x} + \\frac{1}{2} = \\frac{3}{4}',
    expected: { kind: 'roots', var: 'x', values: ['4'] },
  },
  {
    category: 'rational-equation',
    input: '\\frac{x}{x+1} = \\frac{2}{x}',
    expected: { kind: 'roots', var: 'x', values: ['1 - sqrt(3)', '1 + sqrt(3)'] },
  },
  // systems
  {
    category: 'linear-system',
    input: 'x + y = 3; x - y = 1',
    expected: { kind: 'system', values: { x: '2', y: '1' } },
  },
  {
    category: 'linear-system',
    input: '\\begin{cases} 2x + 3y = 12 \\\\ x - y = 1 \\end{cases}',
    expected: { kind: 'system', values: { x: '3', y: '2' } },
  },
  {
    category: 'linear-system',
    input: 'x+y+z=6\n2x-y+z=3\nx+2y-z=2',
    expected: { kind: 'system', values: { x: '1', y: '2', z: '3' } },
  },
  { category: 'linear-system', input: 'x + y = 1; 2x + 2y = 5', expected: { kind: 'none' } },
  // inequalities
  {
    category: 'linear-inequality',
    input: '2x - 3 < 5x + 6',
    expected: { kind: 'interval', var: 'x', rel: '>', bound: '-3' },
  },
  {
    category: 'linear-inequality',
    input: '3x + 1 \\le 7',
    expected: { kind: 'interval', var: 'x', rel: '<=', bound: '2' },
  },
  {
    category: 'linear-inequality',
    input: '-\\frac{x}{2} \\ge 4',
    expected: { kind: 'interval', var: 'x', rel: '<=', bound: '-8' },
  },
  { category: 'linear-inequality', input: '2(x - 1) > 2x - 5', expected: { kind: 'all' } },
  // derivatives
  {
    category: 'derivative',
    input: '\\frac{d}{dx}\\left(x^3 + 3x^2 - \\sin x\\right)',
    expected: { kind: 'expr', value: '3x^2 + 6x - cos(x)' },
  },
  {
    category: 'derivative',
    input: 'd/dx x^2 sin(x)',
    expected: { kind: 'expr', value: '2x sin(x) + x^2 cos(x)' },
  },
  { category: 'derivative', input: 'd/dx x/(x+1)', expected: { kind: 'expr', value: '1/(x+1)^2' } },
  {
    category: 'derivative',
    input: 'd/dx (3x+1)^5',
    expected: { kind: 'expr', value: '15(3x+1)^4' },
  },
  { category: 'derivative', input: 'd/dx e^{2x}', expected: { kind: 'expr', value: '2e^(2x)' } },
  {
    category: 'derivative',
    input: 'd/dx \\ln(x^2+1)',
    expected: { kind: 'expr', value: '2x/(x^2+1)' },
  },
  {
    category: 'derivative',
    input: 'd/dx \\sqrt{x}',
    expected: { kind: 'expr', value: '1/(2 sqrt(x))' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\tan(x)',
    expected: { kind: 'expr', value: '1/cos(x)^2' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\frac{\\sin x}{x}',
    expected: { kind: 'expr', value: '(x*cos(x) - sin(x))/x^2' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\sqrt{x^2 + 1}',
    expected: { kind: 'expr', value: 'x/sqrt(x^2+1)' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\log(x)',
    expected: { kind: 'expr', value: '1/(x*log(10))' },
  },
  { category: 'derivative', input: '\\frac{d}{dx} 5', expected: { kind: 'expr', value: '0' } },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\cos(x^2)',
    expected: { kind: 'expr', value: '-2*x*sin(x^2)' },
  },
  {
    category: 'arithmetic',
    input: '\\frac{2^{-2} + 1}{\\frac{5}{8}}',
    expected: { kind: 'number', value: '2' },
  },
  {
    category: 'arithmetic',
    input: '\\left(\\frac{2}{3}\\right)^{3} \\cdot 27',
    expected: { kind: 'number', value: '8' },
  },
  {
    category: 'arithmetic',
    input: '4 - 2 \\cdot (3 - 5)^2 \\div 8',
    expected: { kind: 'number', value: '3' },
  },
  {
    category: 'evaluate',
    input: 'x^{-2} + \\frac{1}{x} where x = \\frac{1}{2}',
    expected: { kind: 'number', value: '6' },
  },
  {
    category: 'evaluate',
    input: '\\sqrt{x^2 + y^2} where x = 3, y = 4',
    expected: { kind: 'number', value: '5' },
  },
  { category: 'evaluate', input: 'x = 0.5; 4x^3 - x', expected: { kind: 'number', value: '0' } },
  // more of what students write, across categories
  { category: 'arithmetic', input: '-2^2', expected: { kind: 'number', value: '-4' } },
  { category: 'arithmetic', input: '(-2)^2', expected: { kind: 'number', value: '4' } },
  { category: 'arithmetic', input: '12 \\div 3 \\div 2', expected: { kind: 'number', value: '2' } },
  { category: 'arithmetic', input: '2^{-3}', expected: { kind: 'number', value: '1/8' } },
  {
    category: 'arithmetic',
    input: '\\frac{\\frac{1}{2}}{\\frac{3}{4}}',
    expected: { kind: 'number', value: '2/3' },
  },
  {
    category: 'arithmetic',
    input: '1.2 \\times 0.5 - \\frac{1}{4}',
    expected: { kind: 'number', value: '7/20' },
  },
  {
    category: 'evaluate',
    input: '\\frac{x+1}{x-1} where x = -3',
    expected: { kind: 'number', value: '1/2' },
  },
  {
    category: 'evaluate',
    input: '(a - b)^2 where a = 2.5, b = -1.5',
    expected: { kind: 'number', value: '16' },
  },
  {
    category: 'simplify',
    input: '\\frac{x}{2} + \\frac{x}{3}',
    expected: { kind: 'expr', value: '5*x/6' },
  },
  { category: 'simplify', input: '3ab - 2ba + a', expected: { kind: 'expr', value: 'a*b + a' } },
  { category: 'simplify', input: '2(3(x+1) - 2x)', expected: { kind: 'expr', value: '2*x + 6' } },
  { category: 'simplify', input: 'x^2 \\cdot x^3', expected: { kind: 'expr', value: 'x^5' } },
  { category: 'simplify', input: '(2x)^3', expected: { kind: 'expr', value: '8*x^3' } },
  { category: 'simplify', input: '\\frac{x^2-1}{x-1}', expected: { kind: 'expr', value: 'x + 1' } },
  {
    category: 'simplify',
    input: '\\frac{x^2 - 5x + 6}{x^2 - 4}',
    expected: { kind: 'expr', value: '(x-3)/(x+2)' },
  },
  {
    category: 'simplify',
    input: '\\frac{1}{x} + \\frac{1}{x+1}',
    expected: { kind: 'expr', value: '(2*x+1)/(x*(x+1))' },
  },
  {
    category: 'simplify',
    input: '\\frac{x^3 - x}{x^2 + x}',
    expected: { kind: 'expr', value: 'x - 1' },
  },
  {
    category: 'expand',
    input: 'expand (x+1)^3',
    expected: { kind: 'expr', value: 'x^3 + 3*x^2 + 3*x + 1' },
  },
  {
    category: 'expand',
    input: 'expand (2x - 3y)^2',
    expected: { kind: 'expr', value: '4*x^2 - 12*x*y + 9*y^2' },
  },
  {
    category: 'expand',
    input: 'expand (x+1)(x^2-x+1)',
    expected: { kind: 'expr', value: 'x^3 + 1' },
  },
  {
    category: 'factor',
    input: 'factor x^2 - 9',
    expected: { kind: 'factored', value: '(x-3)*(x+3)' },
  },
  {
    category: 'factor',
    input: 'factor x^3 - x',
    expected: { kind: 'factored', value: 'x*(x-1)*(x+1)' },
  },
  {
    category: 'factor',
    input: 'factor x^3 + 2x^2 - x - 2',
    expected: { kind: 'factored', value: '(x+2)*(x+1)*(x-1)' },
  },
  {
    category: 'factor',
    input: 'factor 2x^2 + 7x + 3',
    expected: { kind: 'factored', value: '(2*x+1)*(x+3)' },
  },
  {
    category: 'factor',
    input: 'factor x^4 - 1',
    expected: { kind: 'factored', value: '(x-1)*(x+1)*(x^2+1)' },
  },
  {
    category: 'factor',
    input: 'factor x^2 + 2xy + y^2',
    expected: { kind: 'factored', value: '(x+y)^2' },
  },
  {
    category: 'factor',
    input: 'factor 2x^2 - xy - 3y^2',
    expected: { kind: 'factored', value: '(x+y)*(2*x-3*y)' },
  },
  {
    category: 'factor',
    input: 'factor 6xy - 9x',
    expected: { kind: 'factored', value: '3*x*(2*y-3)' },
  },
  {
    category: 'linear-equation',
    input: '\\frac{x-1}{2} - \\frac{x+1}{3} = 1',
    expected: { kind: 'roots', var: 'x', values: ['11'] },
  },
  {
    category: 'linear-equation',
    input: '0.2(x - 5) = 0.1x + 1',
    expected: { kind: 'roots', var: 'x', values: ['20'] },
  },
  {
    category: 'linear-equation',
    input: '5 - 2(y + 1) = 3y',
    expected: { kind: 'roots', var: 'y', values: ['3/5'] },
  },
  {
    category: 'rational-equation',
    input: '\\frac{3}{x} = \\frac{5}{x+2}',
    expected: { kind: 'roots', var: 'x', values: ['3'] },
  },
  {
    category: 'rational-equation',
    input: '\\frac{2}{x-1} + \\frac{1}{x+1} = \\frac{4}{x^2-1}',
    expected: { kind: 'none' },
  },
  {
    category: 'rational-equation',
    input: 'x + \\frac{6}{x} = 5',
    expected: { kind: 'roots', var: 'x', values: ['2', '3'] },
  },
  {
    category: 'quadratic-equation',
    input: '4x^2 - 12x + 9 = 0',
    expected: { kind: 'roots', var: 'x', values: ['3/2'] },
  },
  {
    category: 'quadratic-equation',
    input: 'x^2 + x + 1 = 0',
    expected: { kind: 'roots', var: 'x', values: ['(-1 + sqrt(3) i)/2', '(-1 - sqrt(3) i)/2'] },
  },
  {
    category: 'quadratic-equation',
    input: '3x^2 - 2x - 2 = 0',
    expected: { kind: 'roots', var: 'x', values: ['(1 + sqrt(7))/3', '(1 - sqrt(7))/3'] },
  },
  {
    category: 'linear-inequality',
    input: '\\frac{x}{3} - 1 \\ge \\frac{x}{2}',
    expected: { kind: 'interval', var: 'x', rel: '<=', bound: '-6' },
  },
  {
    category: 'linear-inequality',
    input: '5 - 3(x - 1) > 2',
    expected: { kind: 'interval', var: 'x', rel: '<', bound: '2' },
  },
  {
    category: 'linear-system',
    input: 'y = 2x + 1; 3x - y = 4',
    expected: { kind: 'system', values: { x: '5', y: '11' } },
  },
  {
    category: 'linear-system',
    input: '\\frac{x}{2} + y = 4; x - \\frac{y}{3} = 1',
    expected: { kind: 'system', values: { x: '2', y: '3' } },
  },
  {
    category: 'linear-system',
    input: 'a + b + c = 2; a - b = 3; b + 2c = -1',
    expected: { kind: 'system', values: { a: '8/3', b: '-1/3', c: '-1/3' } },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} 3x^2 \\sin(2x)',
    expected: { kind: 'expr', value: '6*x*sin(2*x) + 6*x^2*cos(2*x)' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} e^{-x^2}',
    expected: { kind: 'expr', value: '-2*x*exp(-x^2)' },
  },
  {
    category: 'derivative',
    input: '\\frac{d}{dx} \\frac{1}{x^2 - 1}',
    expected: { kind: 'expr', value: '-2*x/(x^2-1)^2' },
  },
];

const nz = (r: Random, lo: number, hi: number): number => {
  for (;;) {
    const v = r.int(lo, hi);
    if (v !== 0) return v;
  }
};
const term = (c: number, x: string): string => (c === 1 ? x : c === -1 ? `-${x}` : `${c}${x}`);
const plus = (n: number): string => (n < 0 ? ` - ${-n}` : ` + ${n}`);
const gcd = (a: number, b: number): number => (b === 0 ? Math.abs(a) : gcd(b, a % b));
const frac = (n: number, d: number): string => {
  const g = gcd(n, d) * (d < 0 ? -1 : 1);
  return d / g === 1 ? `${n / g}` : `${n / g}/${d / g}`;
};

const GEN: Record<string, (r: Random) => Omit<Problem, 'id' | 'category'>> = {
  arithmetic: (r) => {
    const a = r.int(1, 12);
    const b = r.int(2, 9);
    const c = r.int(1, 9);
    const d = r.int(2, 9);
    const e = r.int(1, 5);
    // a/b + c/d × e, worked out exactly here.
    return {
      input: `${a}/${b} + ${c}/${d} * ${e}`,
      expected: { kind: 'number', value: frac(a * d + c * e * b, b * d) },
    };
  },
  evaluate: (r) => {
    const x = r.int(-5, 5);
    const a = nz(r, -4, 4);
    const b = r.int(-9, 9);
    return {
      input: `${a}x^2${plus(b)}x - 3 where x = ${x}`,
      expected: { kind: 'number', value: `${a * x * x + b * x - 3}` },
    };
  },
  simplify: (r) => {
    const a = nz(r, -5, 5);
    const b = r.int(-9, 9);
    const c = nz(r, -5, 5);
    return {
      input: `${a}(x${plus(b)}) - ${c}x + ${b}`,
      expected: { kind: 'expr', value: `${a - c}*x + ${a * b + b}` },
    };
  },
  expand: (r) => {
    const p = r.int(-7, 7);
    const q = r.int(-7, 7);
    const k = nz(r, -3, 3);
    return {
      input: `expand ${k}(x${plus(p)})(x${plus(q)})`,
      expected: { kind: 'expr', value: `${k}*x^2 + ${k * (p + q)}*x + ${k * p * q}` },
    };
  },
  factor: (r) => {
    const p = r.int(-9, 9);
    const q = r.int(-9, 9);
    const k = nz(r, 1, 3);
    const b = -k * (p + q);
    const c = k * p * q;
    return {
      input: `factor ${term(k, 'x^2')}${plus(b)}x${plus(c)}`,
      expected: { kind: 'factored', value: `${k}(x - (${p}))(x - (${q}))` },
    };
  },
  'linear-equation': (r) => {
    const x = r.int(-10, 10);
    const a = nz(r, -9, 9);
    let c = r.int(-9, 9);
    if (c === a) c += 1;
    const b = r.int(-20, 20);
    const d = (a - c) * x + b;
    return {
      input: `${term(a, 'x')}${plus(b)} = ${term(c, 'x')}${plus(d)}`.replace('= 0x', '= 0'),
      expected: { kind: 'roots', var: 'x', values: [`${x}`] },
    };
  },
  'quadratic-equation': (r) => {
    const kind = r.int(0, 2);
    if (kind === 0) {
      const p = r.int(-9, 9);
      const q = r.int(-9, 9);
      return {
        input: `x^2${plus(-(p + q))}x${plus(p * q)} = 0`,
        expected: { kind: 'roots', var: 'x', values: [`${p}`, `${q}`] },
      };
    }
    // x² + bx + c with a non-square discriminant: surds or complex roots, by the formula.
    const b = r.int(-8, 8);
    let c = r.int(-12, 12);
    for (;;) {
      const D = b * b - 4 * c;
      const s = Math.round(Math.sqrt(Math.abs(D)));
      if (D !== 0 && s * s !== Math.abs(D)) break;
      c += 1;
    }
    const D = b * b - 4 * c;
    const root = D < 0 ? `${-D}^(1/2) * i` : `sqrt(${D})`;
    return {
      input: `x^2${plus(b)}x${plus(c)} = 0`,
      expected: { kind: 'roots', var: 'x', values: [`(${-b} + ${root})/2`, `(${-b} - ${root})/2`] },
    };
  },
  'rational-equation': (r) => {
    // (x + a)/(x + b) = k, solution x = (kb - a)/(1 - k), excluded x = -b.
    const a = r.int(-6, 6);
    let b = r.int(-6, 6);
    if (a === b) b += 1;
    let k = nz(r, -4, 4);
    if (k === 1) k = 2;
    const x = frac(k * b - a, 1 - k);
    return {
      input: `(x${plus(a)})/(x${plus(b)}) = ${k}`,
      expected: { kind: 'roots', var: 'x', values: [x] },
    };
  },
  'linear-system': (r) => {
    const n = r.chance(0.6) ? 2 : 3;
    const vars = ['x', 'y', 'z'].slice(0, n);
    for (;;) {
      const sol = vars.map(() => r.int(-6, 6));
      const m = vars.map(() => vars.map(() => r.int(-5, 5)));
      const at = (i: number, j: number): number => m[i]?.[j] ?? 0;
      const det =
        n === 2
          ? at(0, 0) * at(1, 1) - at(0, 1) * at(1, 0)
          : at(0, 0) * (at(1, 1) * at(2, 2) - at(1, 2) * at(2, 1)) -
            at(0, 1) * (at(1, 0) * at(2, 2) - at(1, 2) * at(2, 0)) +
            at(0, 2) * (at(1, 0) * at(2, 1) - at(1, 1) * at(2, 0));
      if (det === 0) continue;
      const rows = m.map((row) => {
        const lhs = row
          .map((c, j) =>
            c === 0 ? '' : `${c < 0 ? ' - ' : ' + '}${term(Math.abs(c), vars[j] ?? '')}`,
          )
          .join('')
          .replace(/^ \+ /, '')
          .replace(/^ - /, '-');
        return `${lhs || '0'} = ${row.reduce((s, c, j) => s + c * (sol[j] ?? 0), 0)}`;
      });
      return {
        input: rows.join('; '),
        expected: {
          kind: 'system',
          values: Object.fromEntries(vars.map((v, i) => [v, `${sol[i]}`])),
        },
      };
    }
  },
  'linear-inequality': (r) => {
    const a = nz(r, -9, 9);
    let c = r.int(-9, 9);
    if (c === a) c += 1;
    const b = r.int(-20, 20);
    const d = r.int(-20, 20);
    const rel = r.pick(['<', '<=', '>', '>='] as const);
    // (a - c)x REL d - b; dividing by a negative (a - c) flips it.
    const flip: Record<string, '<' | '<=' | '>' | '>='> = {
      '<': '>',
      '<=': '>=',
      '>': '<',
      '>=': '<=',
    };
    return {
      input: `${term(a, 'x')}${plus(b)} ${rel} ${term(c, 'x')}${plus(d)}`.replace(' 0x', ' 0'),
      expected: {
        kind: 'interval',
        var: 'x',
        rel: a - c > 0 ? rel : (flip[rel] ?? rel),
        bound: frac(d - b, a - c),
      },
    };
  },
  derivative: (r) => {
    const kind = r.int(0, 3);
    const a = nz(r, -6, 6);
    const n = r.int(2, 6);
    const b = r.int(-9, 9);
    if (kind === 0)
      return {
        input: `d/dx ${a}x^${n}${plus(b)}x`,
        expected: { kind: 'expr', value: `${a * n}*x^${n - 1} + ${b}` },
      };
    if (kind === 1)
      return {
        input: `d/dx (${a}x${plus(b)})^${n}`,
        expected: { kind: 'expr', value: `${n * a}*(${a}*x + ${b})^${n - 1}` },
      };
    if (kind === 2)
      return {
        input: `d/dx x^${n} sin(x)`,
        expected: { kind: 'expr', value: `${n}*x^${n - 1}*sin(x) + x^${n}*cos(x)` },
      };
    return { input: `d/dx exp(${a}x)`, expected: { kind: 'expr', value: `${a}*exp(${a}*x)` } };
  },
};

/** An "expand" answer must also be free of brackets, not just equal in value. */
const strict = (p: Problem): Problem =>
  p.category === 'expand' && p.expected.kind === 'expr'
    ? { ...p, expected: { kind: 'expanded', value: p.expected.value } }
    : p;

export function makeCorpus(): Problem[] {
  const r = seededRandom(CORPUS_SEED);
  const out: Problem[] = HAND.map((p, i) => ({ id: `h${String(i + 1).padStart(3, '0')}`, ...p }));
  for (const [category, gen] of Object.entries(GEN)) {
    for (let i = 0; i < PER_CATEGORY; i++)
      out.push({ id: `${category}-${i + 1}`, category, ...gen(r) });
  }
  return out.map(strict);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const corpus = makeCorpus();
  const path = fileURLToPath(new URL('./corpus.jsonl', import.meta.url));
  writeFileSync(path, corpus.map((p) => JSON.stringify(p)).join('\n') + '\n');
  console.log(`wrote ${corpus.length} problems to ${path}`);
}
