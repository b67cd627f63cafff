/** mathjs text → the solver's expression tree, with school conventions (xy means x·y). */
import { create, isBigNumber, parseDependencies } from 'mathjs';
import type { FactoryFunctionMap, MathNode } from 'mathjs';
import { parseError, unsupported } from './errors.ts';
import { add, div, fn, mul, neg, num, pow, sub, sym, FUNCTIONS } from './expr.ts';
import type { Equation, Expr, FnName, Relation } from './expr.ts';
import { q } from './q.ts';
import { inverseTrig } from './latex.ts';
import { GREEK_VARIABLES, VARIABLE_PATTERN } from './greek.ts';

/**
 * mathjs reads number literals as doubles by default, which silently rounds integers past
 * 2^53 (43631666946983025 → …024): exact answers would then fail their own re-check. This
 * parser reads them as 64-digit decimals, turned into exact rationals below.
 */
const mathParse = create(parseDependencies as FactoryFunctionMap, {
  number: 'BigNumber',
  precision: 64,
}).parse;

/** sec, csc and cot, read as what they mean (so every check sees sin and cos only). */
const RECIPROCAL_TRIG: Record<string, (a: Expr) => Expr> = {
  sec: (a) => div(num(1), fn('cos', a)),
  csc: (a) => div(num(1), fn('sin', a)),
  cot: (a) => div(fn('cos', a), fn('sin', a)),
};

/** Inverse trig names, each refused with the same message as in LaTeX. */
const INVERSE_TRIG = ['asin', 'acos', 'atan', 'arcsin', 'arccos', 'arctan'];

/** Words that are not products of one-letter variables. */
const KNOWN_WORDS = new Set([
  ...FUNCTIONS,
  'log10',
  'nthRoot',
  'pi',
  'e',
  'i',
  'Infinity',
  'derivative',
  'diff',
  ...Object.keys(RECIPROCAL_TRIG),
  ...INVERSE_TRIG,
  ...GREEK_VARIABLES,
]);

/**
 * Split run-together letters into products of one-letter variables ("2xy" → "2 x y"),
 * because handwriting recognizers and students write products that way.
 */
export function splitLetters(text: string): string {
  return text.replace(/[A-Za-z][A-Za-z0-9]*(_\w+)?/g, (word) => {
    if (KNOWN_WORDS.has(word) || word.includes('_')) return word;
    const m = /^([A-Za-z]+)(\d*)$/.exec(word);
    if (!m) return word;
    const letters = (m[1] as string).split('');
    // A trailing digit after letters (x2) is read as a product with that number.
    return letters.join(' ') + (m[2] ? ` * ${m[2]}` : '');
  });
}

interface AnyNode {
  type: string;
  value?: unknown;
  name?: string;
  op?: string;
  fn?: unknown;
  args?: AnyNode[];
  content?: AnyNode;
}

function convertNode(node: AnyNode): Expr {
  switch (node.type) {
    case 'ConstantNode': {
      if (!isBigNumber(node.value) || !node.value.isFinite()) {
        throw parseError(`Unsupported constant ${String(node.value)}`);
      }
      const text = node.value.toString();
      if (/e/i.test(text)) throw unsupported(`Number too large or too small: ${text}`);
      return num(q(text), text.includes('.'));
    }
    case 'SymbolNode': {
      const name = node.name as string;
      if (name === 'Infinity') throw unsupported('Infinity is not a number we can compute with');
      return sym(name);
    }
    case 'ParenthesisNode':
      return convertNode(node.content as AnyNode);
    case 'OperatorNode': {
      const args = (node.args ?? []).map(convertNode);
      const [a, b] = args;
      if (node.fn === 'unaryMinus' && a) return neg(a);
      if (node.fn === 'unaryPlus' && a) return a;
      if (a && b && args.length === 2) {
        switch (node.fn) {
          case 'add':
            return add(a, b);
          case 'subtract':
            return sub(a, b);
          case 'multiply':
            return mul(a, b);
          case 'divide':
            return div(a, b);
          case 'pow':
            return pow(a, b);
        }
      }
      throw unsupported(`The operator ${node.op ?? '?'} is not supported`);
    }
    case 'FunctionNode': {
      const name = (node.fn as AnyNode).name ?? '';
      const args = node.args ?? [];
      if ((name === 'derivative' || name === 'diff') && args.length === 2) {
        const v = args[1] as AnyNode;
        if (v.type !== 'SymbolNode') throw parseError('derivative(f, x): x must be a variable');
        return { k: 'deriv', a: convertNode(args[0] as AnyNode), v: v.name as string };
      }
      if (name === 'nthRoot' && args.length === 2) {
        return pow(convertNode(args[0] as AnyNode), div(num(1), convertNode(args[1] as AnyNode)));
      }
      if (name === 'log' && args.length === 2) return logToBase(args);
      if (args.length !== 1) throw unsupported(`${name} with ${args.length} arguments`);
      const a = convertNode(args[0] as AnyNode);
      // School notation, not mathjs's: log is base 10 (as log10), ln the natural log.
      if (name === 'log10' || name === 'log') return fn('log', a);
      const reciprocal = RECIPROCAL_TRIG[name];
      if (reciprocal !== undefined) return reciprocal(a);
      if (INVERSE_TRIG.includes(name)) throw inverseTrig(name.replace(/^(arc|a)/, ''));
      if ((FUNCTIONS as readonly string[]).includes(name)) return fn(name as FnName, a);
      throw unsupported(`The function ${name} is not supported`);
    }
    default:
      throw unsupported(`Unsupported syntax (${node.type})`);
  }
}

/** log(x, b): the natural log for b = e, the common log for b = 10, else ln x / ln b (printed as log_b x). */
function logToBase(args: AnyNode[]): Expr {
  const x = convertNode(args[0] as AnyNode);
  const b = convertNode(args[1] as AnyNode);
  if (b.k === 'sym' && b.name === 'e') return fn('ln', x);
  if (b.k === 'num' && b.v.d === 1n && b.v.n === 10n) return fn('log', x);
  return div(fn('ln', x), fn('ln', b));
}

/** A variable (a letter or a Greek name) before a bracket: `x(x+1)`, `theta(2 + 1)`. */
const VARIABLE_CALL = new RegExp(String.raw`(^|[^A-Za-z_])(${VARIABLE_PATTERN})\s*\(`, 'g');

/** Parse one expression (no relation) written as mathjs text. */
export function parseExpr(text: string): Expr {
  // mathjs reads `x(x+1)` as calling a function x: make the product explicit.
  // "0x" would be read as a hex prefix, "2x" is a product: separate digits from letters.
  const t = splitLetters(text.trim().replace(/(\d)([A-Za-z])/g, '$1 $2')).replace(
    VARIABLE_CALL,
    '$1$2*(',
  );
  if (t === '') throw parseError('Empty expression');
  let node: MathNode;
  try {
    node = mathParse(t);
  } catch (err) {
    throw parseError(`Cannot read "${text.trim()}": ${(err as Error).message}`);
  }
  return convertNode(node as unknown as AnyNode);
}

const RELATIONS: ReadonlyArray<readonly [string, Relation]> = [
  ['<=', '<='],
  ['>=', '>='],
  ['!=', '!='],
  ['==', '='],
  ['=<', '<='],
  ['=>', '>='],
  ['<', '<'],
  ['>', '>'],
  ['=', '='],
];

/** Split "a REL b" at top level (outside brackets). Returns null when there is no relation. */
export function splitRelation(text: string): { lhs: string; rel: Relation; rhs: string }[] | null {
  const parts: { text: string; rel?: Relation }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && (c === '<' || c === '>' || c === '=' || c === '!')) {
      const found = RELATIONS.find(([tok]) => text.startsWith(tok, i));
      if (!found) continue;
      parts.push({ text: text.slice(start, i), rel: found[1] });
      i += found[0].length - 1;
      start = i + 1;
    }
  }
  if (parts.length === 0) return null;
  parts.push({ text: text.slice(start) });
  const out: { lhs: string; rel: Relation; rhs: string }[] = [];
  for (let k = 0; k + 1 < parts.length; k++) {
    const p = parts[k] as { text: string; rel: Relation };
    out.push({ lhs: p.text, rel: p.rel, rhs: (parts[k + 1] as { text: string }).text });
  }
  return out;
}

export function parseEquation(text: string): Equation {
  const rels = splitRelation(text);
  if (rels === null) throw parseError(`Expected an equation: ${text}`);
  if (rels.length > 1)
    throw unsupported('Chained relations (like 1 < x < 3) are not supported yet');
  const r = rels[0] as { lhs: string; rel: Relation; rhs: string };
  if (r.lhs.trim() === '' || r.rhs.trim() === '') throw parseError(`One side is empty: ${text}`);
  return { lhs: parseExpr(r.lhs), rel: r.rel, rhs: parseExpr(r.rhs) };
}

export const hasRelation = (text: string): boolean => splitRelation(text) !== null;
