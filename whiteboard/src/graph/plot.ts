import { compile, parse } from 'mathjs';
import type { MathNode } from 'mathjs';

/**
 * What can be graphed from an equation card, and the numbers a graph shows: sampled
 * curves, shaded regions, roots and intersections. Pure maths on the card's mathjs text;
 * `graph-svg.ts` draws it.
 */

export type Relation = '=' | '<' | '<=' | '>' | '>=';

export interface Plottable {
  /** A curve y = f(x), or the region where an inequality in x, y holds. */
  readonly kind: 'function' | 'region';
  /** What the legend says, e.g. `y = x^2 - 4`. */
  readonly label: string;
  readonly relation: Relation;
  /** The curve (functions), or the boundary y = f(x) of a region when it has one. */
  readonly f: ((x: number) => number) | null;
  /** Regions: the inequality holds where `relation` holds between g(x, y) and 0. */
  readonly g: ((x: number, y: number) => number) | null;
}

/** Names a graph may contain besides x and y: constants and mathjs functions. */
const CONSTANTS = new Set(['pi', 'e', 'PI', 'E', 'tau', 'phi']);
/** `f(x)`, `g(x)`, `h(t)`… on the left: the right side is a function of that variable. */
const FUNCTION_HEAD = /^\s*[a-zA-Z]\s*\(\s*x\s*\)\s*$/;
const RELATIONS: readonly Relation[] = ['<=', '>=', '<', '>', '='];

/** Split `lhs rel rhs` at its one relation (not `==`); null when there is not exactly one. */
function splitRelation(text: string): { lhs: string; rel: Relation; rhs: string } | null {
  const found: { at: number; rel: Relation }[] = [];
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    const rel = RELATIONS.find((r) => (r.length === 2 ? two === r : text[i] === r));
    if (!rel) continue;
    if (rel === '=' && (text[i + 1] === '=' || text[i - 1] === '!')) return null;
    found.push({ at: i, rel });
    i += rel.length - 1;
  }
  if (found.length !== 1) return null;
  const [{ at, rel }] = found as [{ at: number; rel: Relation }];
  return { lhs: text.slice(0, at), rel, rhs: text.slice(at + rel.length) };
}

/** The free variables of an expression (function names and constants excluded). */
function variables(node: MathNode): Set<string> {
  const names = new Set<string>();
  node.traverse((n, _path, parentNode) => {
    if (n.type !== 'SymbolNode') return;
    const name = (n as unknown as { name: string }).name;
    const parent = parentNode as (MathNode & { fn?: MathNode }) | null;
    if (parent?.type === 'FunctionNode' && parent.fn === n) return;
    if (!CONSTANTS.has(name)) names.add(name);
  });
  return names;
}

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const RELATION_SIGNS: Record<Relation, string> = {
  '=': '=',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

/** An expression as a reader writes it: x², 2x, ½ stays 1/2, no extra brackets. */
function pretty(node: MathNode): string {
  return node
    .toString({ parenthesis: 'auto', implicit: 'hide' })
    .replace(/\s*\^\s*(\d+)/g, (_, d: string) => [...d].map((c) => SUPERSCRIPTS[+c]).join(''))
    .replace(/(\d) (?=[a-z(])/g, '$1')
    .replace(/ \* /g, '·');
}

function only(vars: Set<string>, allowed: readonly string[]): boolean {
  return [...vars].every((v) => allowed.includes(v));
}

function evaluator(node: MathNode, names: readonly string[]): (...values: number[]) => number {
  const code = compile(node.toString());
  return (...values) => {
    const scope: Record<string, number> = {};
    names.forEach((n, i) => (scope[n] = values[i] ?? NaN));
    try {
      const v: unknown = code.evaluate(scope);
      return typeof v === 'number' ? v : NaN;
    } catch {
      return NaN;
    }
  };
}

/**
 * The graph of an equation card's mathjs text, or null when it has none: `y = …` and
 * `f(x) = …` are curves; an equation in x alone (`x^2-5x+6=0`) is the curve of its two
 * sides' difference, whose roots are its solutions; an inequality in x and y is a region.
 */
export function plottable(mathjs: string): Plottable | null {
  const split = splitRelation(mathjs);
  if (!split) return null;
  let lhs: MathNode;
  let rhs: MathNode;
  try {
    lhs = parse(FUNCTION_HEAD.test(split.lhs) ? 'y' : split.lhs);
    rhs = parse(split.rhs);
  } catch {
    return null;
  }
  const lv = variables(lhs);
  const rv = variables(rhs);
  const isY = (n: MathNode) => n.type === 'SymbolNode' && n.toString() === 'y';
  const label = `${FUNCTION_HEAD.test(split.lhs) ? split.lhs.trim() : pretty(lhs)} ${RELATION_SIGNS[split.rel]} ${pretty(rhs)}`;
  // The curve y = f(x) it defines, whichever side y is on.
  const curve = isY(lhs) && only(rv, ['x']) ? rhs : isY(rhs) && only(lv, ['x']) ? lhs : null;
  if (split.rel === '=') {
    if (curve)
      return { kind: 'function', label, relation: '=', f: evaluator(curve, ['x']), g: null };
    const all = new Set([...lv, ...rv]);
    if (all.size === 1 && all.has('x')) {
      const left = evaluator(lhs, ['x']);
      const right = evaluator(rhs, ['x']);
      const zero = rhs.toString() === '0';
      return {
        kind: 'function',
        label: `y = ${zero ? pretty(lhs) : `${pretty(lhs)} − (${pretty(rhs)})`}`,
        relation: '=',
        f: (x) => left(x) - right(x),
        g: null,
      };
    }
    return null;
  }
  if (!only(lv, ['x', 'y']) || !only(rv, ['x', 'y']) || lv.size + rv.size === 0) return null;
  const left = evaluator(lhs, ['x', 'y']);
  const right = evaluator(rhs, ['x', 'y']);
  return {
    kind: 'region',
    label,
    relation: split.rel,
    f: curve ? evaluator(curve, ['x']) : null,
    g: (x, y) => left(x, y) - right(x, y),
  };
}

export function holds(relation: Relation, value: number): boolean {
  switch (relation) {
    case '<':
      return value < 0;
    case '<=':
      return value <= 0;
    case '>':
      return value > 0;
    case '>=':
      return value >= 0;
    case '=':
      return value === 0;
  }
}

export interface View {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Samples across the view for a curve: one per screen pixel or two on a graph card. */
export const CURVE_SAMPLES = 480;
/** A jump of more than this many view heights between samples is an asymptote, not a line. */
const ASYMPTOTE_JUMP = 2;

/** The curve as polylines in graph coordinates, broken where it is undefined or jumps. */
export function sampleCurve(
  f: (x: number) => number,
  view: View,
  samples = CURVE_SAMPLES,
): { x: number; y: number }[][] {
  const span = view.yMax - view.yMin;
  const lines: { x: number; y: number }[][] = [];
  let line: { x: number; y: number }[] = [];
  let prev: number | null = null;
  for (let i = 0; i <= samples; i++) {
    const x = view.xMin + ((view.xMax - view.xMin) * i) / samples;
    const y = f(x);
    const broken =
      !Number.isFinite(y) || (prev !== null && Math.abs(y - prev) > ASYMPTOTE_JUMP * span);
    if (broken && line.length > 0) {
      if (line.length > 1) lines.push(line);
      line = [];
    }
    if (Number.isFinite(y)) {
      // Clamped far outside the view, so a steep curve still leaves through the edge.
      line.push({ x, y: Math.max(view.yMin - span, Math.min(view.yMax + span, y)) });
      prev = y;
    } else prev = null;
  }
  if (line.length > 1) lines.push(line);
  return lines;
}

/** Bisection steps refining a sign change: 2^-40 of a sample interval is far below a pixel. */
const BISECTIONS = 40;

/**
 * Where `h` crosses or touches zero in [lo, hi]: sign changes refined by bisection, and
 * touching zeros (a sample exactly 0, or a tiny local minimum of |h|). Poles where the sign
 * flips through infinity (1/x at 0) are not roots and are left out.
 */
export function findRoots(h: (x: number) => number, lo: number, hi: number, samples = 600) {
  const step = (hi - lo) / samples;
  const values = Array.from({ length: samples + 1 }, (_, i) => h(lo + i * step));
  const scale = Math.max(1e-9, ...values.filter(Number.isFinite).map(Math.abs)) * 1e-9;
  const roots: number[] = [];
  const push = (x: number) => {
    if (roots.every((r) => Math.abs(r - x) > step / 2)) roots.push(x);
  };
  for (let i = 0; i < samples; i++) {
    const a = lo + i * step;
    const fa = values[i] as number;
    const fb = values[i + 1] as number;
    if (!Number.isFinite(fa) || !Number.isFinite(fb)) continue;
    if (fa === 0) push(a);
    else if (fa * fb < 0) {
      let [x0, x1, f0] = [a, a + step, fa];
      for (let k = 0; k < BISECTIONS; k++) {
        const m = (x0 + x1) / 2;
        const fm = h(m);
        if (fm === 0 || f0 < 0 === fm < 0) [x0, f0] = [m, fm];
        else x1 = m;
      }
      const x = (x0 + x1) / 2;
      // A pole flips the sign too; a root has a small value there.
      if (Math.abs(h(x)) <= Math.max(Math.abs(fa), Math.abs(fb))) push(x);
    } else if (i > 0) {
      const before = values[i - 1] as number;
      // A double root (x² at 0): |h| dips to ~0 without changing sign.
      if (Math.abs(fa) < scale && Math.abs(fa) <= Math.abs(before) && Math.abs(fa) <= Math.abs(fb))
        push(a);
    }
  }
  if (values[samples] === 0) push(hi);
  return roots.sort((a, b) => a - b);
}

/** A number as a label: up to 3 decimals, no trailing zeros, no "-0". */
export function formatNumber(v: number): string {
  const rounded = Math.round(v * 1000) / 1000;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
