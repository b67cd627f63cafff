/**
 * The curriculum part of the benchmark: bench/curriculum.jsonl (hand-written, answers first)
 * through our solver (answer judged, every step re-checked, latency) and, in the same run,
 * nerdamer, mathsteps, Algebrite and the Cortex Compute Engine (answers only).
 */
import { createRequire } from 'node:module';
import { ComputeEngine } from '@cortex-js/compute-engine';
import { all, create } from 'mathjs';
import type { FactoryFunctionMap } from 'mathjs';
import { solve } from '../src/index.ts';
import type { SolveResult } from '../src/index.ts';
import { calculusText, splitArgs } from '../src/calculus-read.ts';
import { equationText, toText } from '../src/print.ts';
import { readProblem } from '../src/read.ts';
import { recheckSteps } from '../src/recheck.ts';

const require = createRequire(import.meta.url);
const math = create(all as FactoryFunctionMap);

export type Expected =
  | { kind: 'roots'; values: string[] }
  | { kind: 'value'; value: string }
  | { kind: 'set'; value: string }
  | { kind: 'antiderivative'; value: string }
  /** An expression in its variables, compared at sample points. */
  | { kind: 'expression'; value: string }
  /** Solutions (x, y) of a system, in any order. */
  | { kind: 'pairs'; values: string[][] }
  /** A general solution: families in k (any integer) joined by ";", compared on a window. */
  | { kind: 'general'; value: string }
  | { kind: 'none' };

export interface CurriculumProblem {
  id: string;
  category: string;
  input: string;
  expected: Expected;
}

/** What a solver answered, in the same shapes (null: no answer). */
type Claim = Expected;

/** Relative tolerance for numbers. */
const TOLERANCE = 1e-6;
/** Sample points for comparing solution sets (a grid that contains the integers and halves). */
const SET_POINTS = Array.from({ length: 161 }, (_, k) => -20 + k * 0.25);
/** Window on which general solutions are compared (k from −K to K). */
const FAMILY_WINDOW = 15;
const FAMILY_K = 20;

/** Every point of "a + b k; c + d k" in the window, sorted and de-duplicated. */
function familyPoints(text: string): number[] {
  const out: number[] = [];
  for (const fam of text.split(';')) {
    for (let k = -FAMILY_K; k <= FAMILY_K; k++) {
      const x = num(fam.replace(/^\s*x\s*=/, ''), { k })?.re;
      if (
        x !== undefined &&
        Math.abs(x) < FAMILY_WINDOW &&
        !out.some((y) => Math.abs(y - x) < 1e-9)
      )
        out.push(x);
    }
  }
  return out.sort((a, b) => a - b);
}

/** Points (x, y) for comparing expressions in one or two variables. */
const EXPR_POINTS = [
  [0.37, 1.21],
  [1.3, -0.6],
  [2.1, 0.45],
  [-0.8, 1.7],
] as const;
/** Points for comparing antiderivatives up to a constant. */
const ANTI_POINTS = [0.7, 1.3, 2.1, 2.9];

function num(text: string, scope: Record<string, number> = {}): { re: number; im: number } | null {
  try {
    const v: unknown = math.evaluate(text, { ...scope });
    if (typeof v === 'number') return { re: v, im: 0 };
    if (typeof v === 'boolean') return { re: v ? 1 : 0, im: 0 };
    if (v !== null && typeof v === 'object' && 're' in v && 'im' in v)
      return { re: Number(v.re), im: Number(v.im) };
    return null;
  } catch {
    return null;
  }
}

const close = (a: { re: number; im: number }, b: { re: number; im: number }): boolean =>
  Math.hypot(a.re - b.re, a.im - b.im) <= TOLERANCE * Math.max(1, Math.hypot(a.re, a.im));

export function judgeCurriculum(e: Expected, c: Claim | null): boolean {
  if (c === null) return false;
  if (e.kind === 'none') return c.kind === 'none' || (c.kind === 'roots' && c.values.length === 0);
  if (e.kind === 'roots') {
    if (c.kind !== 'roots') return false;
    const want = e.values.map((x) => num(x));
    const got = c.values.map((x) => num(x)).filter((x) => x !== null && Math.abs(x.im) < 1e-9);
    return (
      want.every((w) => w !== null && got.some((g) => g !== null && close(w, g))) &&
      got.every((g) => want.some((w) => w !== null && g !== null && close(w, g)))
    );
  }
  if (e.kind === 'value') {
    if (c.kind !== 'value') return false;
    const a = num(e.value);
    const b = num(c.value);
    return a !== null && b !== null && close(a, b);
  }
  if (e.kind === 'set') {
    if (c.kind !== 'set') return false;
    return SET_POINTS.every((x) => num(e.value, { x })?.re === num(c.value, { x })?.re);
  }
  if (e.kind === 'expression') {
    if (c.kind !== 'expression' && c.kind !== 'value') return false;
    return EXPR_POINTS.every(([x, y]) => {
      const a = num(e.value, { x, y, a: x, b: y });
      const b = num(c.value, { x, y, a: x, b: y });
      return a !== null && b !== null && close(a, b);
    });
  }
  if (e.kind === 'general') {
    if (c.kind !== 'general') return false;
    const a = familyPoints(e.value);
    const b = familyPoints(c.value);
    return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] as number)) < 1e-9);
  }
  if (e.kind === 'pairs') {
    if (c.kind !== 'pairs') return false;
    const key = (p: string[]): string => p.map((v) => num(v)?.re.toFixed(9)).join(',');
    const want = new Set(e.values.map(key));
    const got = new Set(c.values.map(key));
    return want.size === got.size && [...want].every((k) => got.has(k));
  }
  if (c.kind !== 'antiderivative' && c.kind !== 'value') return false;
  const f = c.value.replace(/\bC\b/g, '0');
  const d = ANTI_POINTS.map((x) => {
    const a = num(e.value, { x });
    const b = num(f, { x });
    return a && b ? b.re - a.re : NaN;
  });
  return d.every((x) => Number.isFinite(x) && Math.abs(x - (d[0] as number)) < 1e-6);
}

function ourClaim(e: Expected, r: SolveResult): Claim | null {
  if (r.status === 'error' && r.error?.code === 'no-solution') return { kind: 'none' };
  if (r.status !== 'solved' || !r.answer) return null;
  const a = r.answer.mathjs;
  switch (e.kind) {
    case 'roots':
    case 'none':
      return { kind: 'roots', values: a.split(';').map((s) => s.split('=')[1]?.trim() ?? 'NaN') };
    case 'set':
      return { kind: 'set', value: a === 'all real numbers' ? 'x < Infinity' : a };
    case 'antiderivative':
      return { kind: 'antiderivative', value: a };
    case 'value':
    case 'expression':
      return { kind: 'value', value: a };
    case 'general':
      return { kind: 'general', value: a };
    case 'pairs':
      return {
        kind: 'pairs',
        values: a
          .split(';')
          .map((sol) =>
            ['x', 'y'].map(
              (v) =>
                /=\s*(.+)$/.exec(sol.split(',').find((kv) => kv.trim().startsWith(v)) ?? '')?.[1] ??
                'NaN',
            ),
          ),
      };
  }
}

// ---------- peers ----------

interface NerdExpr {
  toString(): string;
  evaluate(): NerdExpr;
}
type Nerdamer = ((text: string) => NerdExpr) & { solve(eq: string, v: string): NerdExpr };
const nerdamer = require('nerdamer') as Nerdamer;
require('nerdamer/Algebra');
require('nerdamer/Calculus');
require('nerdamer/Solve');
const algebrite = require('algebrite') as { run(text: string): string };
const mathsteps = require('mathsteps') as {
  simplifyExpression(t: string): { newNode?: { toString(): string } }[];
  solveEquation(t: string): { newEquation?: { ascii(): string } }[];
};
const ce = new ComputeEngine();

export const PEERS = ['nerdamer', 'mathsteps', 'algebrite', 'compute-engine'] as const;
export type Peer = (typeof PEERS)[number];

/** A problem as plain text for the text-reading peers. */
interface Plain {
  kind: 'equation' | 'expression' | 'sum' | 'limit' | 'integral' | 'definite' | 'det' | 'other';
  text: string;
  parts: string[];
}

function plainOf(input: string): Plain | null {
  try {
    const p = readProblem(input);
    if (p.kind === 'equation') return { kind: 'equation', text: equationText(p.eq), parts: [p.v] };
    if (p.kind === 'expression') return { kind: 'expression', text: toText(p.expr), parts: [] };
    if (p.kind === 'calculus') {
      const c = p.problem;
      const text = calculusText(c);
      const inner = /^\w+\(([\s\S]*)\)$/.exec(text)?.[1] ?? '';
      const parts = splitArgs(inner);
      if (c.op === 'sum') return { kind: 'sum', text, parts };
      if (c.op === 'limit') return { kind: 'limit', text, parts };
      if (c.op === 'determinant') return { kind: 'det', text, parts: [inner] };
      return { kind: c.bounds ? 'definite' : 'integral', text, parts };
    }
    return { kind: 'other', text: '', parts: [] };
  } catch {
    return null;
  }
}

const list = (s: string): string[] =>
  s
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');

function asClaim(e: Expected, answer: string | string[] | null): Claim | null {
  if (answer === null) return null;
  if (Array.isArray(answer))
    return answer.length === 0 ? { kind: 'none' } : { kind: 'roots', values: answer };
  if (e.kind === 'antiderivative') return { kind: 'antiderivative', value: answer };
  return { kind: 'value', value: answer };
}

function nerdamerAnswer(p: Plain): string | string[] | null {
  const [a, b, c, d] = p.parts;
  switch (p.kind) {
    case 'equation':
      return list(nerdamer.solve(p.text, p.parts[0] ?? 'x').toString());
    case 'expression':
      return nerdamer(p.text).evaluate().toString();
    case 'sum':
      return nerdamer(`sum(${a}, ${b}, ${c}, ${d})`).evaluate().toString();
    case 'limit':
      return nerdamer(`limit(${a}, ${b}, ${c})`).toString();
    case 'integral':
      return nerdamer(`integrate(${a}, ${b})`).toString();
    case 'definite':
      return nerdamer(`defint(${a}, ${c}, ${d}, ${b})`).evaluate().toString();
    case 'det':
      return nerdamer(`determinant(matrix(${(a ?? '').replace(/^\[|\]$/g, '')}))`).toString();
    default:
      return null;
  }
}

function mathstepsAnswer(p: Plain): string | string[] | null {
  if (p.kind === 'equation') {
    const steps = mathsteps.solveEquation(p.text);
    const last = steps.at(-1)?.newEquation?.ascii();
    const m = last ? /^\s*[a-z]\s*=\s*(.+)$/.exec(last) : null;
    return m ? [m[1] as string] : null;
  }
  if (p.kind === 'expression')
    return mathsteps.simplifyExpression(p.text).at(-1)?.newNode?.toString() ?? null;
  return null;
}

function algebriteAnswer(p: Plain): string | string[] | null {
  const [a, b, c, d] = p.parts;
  const run = (t: string): string | null => {
    const out = algebrite.run(t);
    return /Stop|error/i.test(out) ? null : out;
  };
  switch (p.kind) {
    case 'equation': {
      const [l, r] = p.text.split('=');
      const out = run(`roots(${l} - (${r}))`);
      return out === null ? null : list(out);
    }
    case 'expression':
      return run(p.text);
    case 'sum':
      return d === 'Infinity' ? null : run(`sum(${a}, ${b}, ${c}, ${d})`);
    case 'integral':
      return run(`integral(${a}, ${b})`);
    case 'definite':
      return run(`defint(${a}, ${b}, ${c}, ${d})`);
    case 'det':
      return run(`det(${a})`);
    default:
      return null;
  }
}

function computeEngineAnswer(input: string, p: Plain): string | string[] | null {
  if (p.kind === 'equation') {
    const out: unknown = ce.parse(input).solve(p.parts[0] ?? 'x');
    // solve() returns a list of roots for one unknown (other shapes: no answer we can judge).
    if (!Array.isArray(out)) return null;
    return (out as { N(): { toString(): string } }[]).map((x) => x.N().toString());
  }
  if (p.kind === 'integral')
    return ce
      .parse(input)
      .evaluate()
      .toString()
      .replace(/(\d)([a-z(])/g, '$1*$2');
  return ce.parse(input).N().toString();
}

export function peerClaim(peer: Peer, prob: CurriculumProblem): Claim | null {
  const p = plainOf(prob.input);
  if (p === null || p.kind === 'other') return null;
  try {
    switch (peer) {
      case 'nerdamer':
        return asClaim(prob.expected, nerdamerAnswer(p));
      case 'mathsteps':
        return asClaim(prob.expected, mathstepsAnswer(p));
      case 'algebrite':
        return asClaim(prob.expected, algebriteAnswer(p));
      case 'compute-engine':
        return asClaim(prob.expected, computeEngineAnswer(prob.input, p));
    }
  } catch {
    return null;
  }
}

/**
 * Not given to the peers: inequalities and systems (no common API for their answers), and
 * completing the square and trig equations (a peer's answer cannot be told apart from the input
 * or has no general-solution form).
 */
export const peerAttempts = (peer: Peer, category: string): boolean =>
  !['inequality', 'nonlinear-systems', 'complete-square', 'trig-equations'].includes(category) &&
  !(peer === 'mathsteps' && ['sums', 'determinants', 'limits', 'integrals'].includes(category));

export interface OurRun {
  readonly correct: boolean;
  readonly answered: boolean;
  readonly unverifiedSteps: number;
  readonly steps: number;
  readonly ms: number;
  /** CPU time of the same median solve: less moved by other processes on a shared machine. */
  readonly cpuMs: number;
  readonly answer: string;
}

/** Each problem is solved this many times; the median counts. */
const REPEATS = 3;

export function runOurs(prob: CurriculumProblem): OurRun {
  let r = solve(prob.input);
  const times: { ms: number; cpuMs: number }[] = [];
  for (let k = 0; k < REPEATS; k++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    r = solve(prob.input);
    const c = process.cpuUsage(c0);
    times.push({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 });
  }
  times.sort((a, b) => a.ms - b.ms);
  const median = times[Math.floor(REPEATS / 2)] as { ms: number; cpuMs: number };
  const claim = ourClaim(prob.expected, r);
  return {
    correct: judgeCurriculum(prob.expected, claim),
    answered: claim !== null,
    unverifiedSteps: recheckSteps(r).failures.length,
    steps: r.steps.length,
    ms: median.ms,
    cpuMs: median.cpuMs,
    answer: r.answer?.mathjs ?? r.error?.message ?? '',
  };
}
