/**
 * The two peer libraries, run on the same problems: mathsteps (steps, mathjs 3) and
 * nerdamer (symbolic, no steps). They read plain mathjs-style text, which we give them
 * (converted from LaTeX by our reader, so LaTeX is not held against them).
 */
import { createRequire } from 'node:module';
import { splitArgs } from '../src/calculus-read.ts';
import type { Claim } from './judge.ts';

const require = createRequire(import.meta.url);

interface MsNode {
  toString(): string;
}
interface MsStep {
  newNode?: MsNode;
  newEquation?: { ascii(): string };
}
interface Mathsteps {
  simplifyExpression(text: string): MsStep[];
  solveEquation(text: string): MsStep[];
}
interface NerdExpr {
  toString(): string;
}
interface Nerdamer {
  (text: string, subs?: Record<string, string>): NerdExpr & { evaluate(): NerdExpr };
  solve(eq: string, v: string): NerdExpr;
  solveEquations(eqs: string[]): [string, number | string][] | unknown;
  diff(text: string, v: string): NerdExpr;
}

const mathsteps = require('mathsteps') as Mathsteps;
const nerdamer = require('nerdamer') as Nerdamer;
require('nerdamer/Algebra');
require('nerdamer/Calculus');
require('nerdamer/Solve');

/** A problem as plain text, split the way each category needs it. */
export interface PeerProblem {
  readonly category: string;
  readonly expr?: string; // expression categories and derivatives
  readonly values?: Record<string, string>; // evaluate
  readonly equation?: string; // one equation / inequality
  readonly variable?: string;
  readonly equations?: string[]; // systems
}

export type PeerName = 'mathsteps' | 'nerdamer';

/** Which categories each peer has an API for (the others are "not attempted"). */
export const ATTEMPTS: Record<PeerName, ReadonlySet<string>> = {
  mathsteps: new Set([
    'arithmetic',
    'evaluate',
    'simplify',
    'expand',
    'linear-equation',
    'quadratic-equation',
    'rational-equation',
    'linear-inequality',
  ]),
  nerdamer: new Set([
    'arithmetic',
    'evaluate',
    'simplify',
    'expand',
    'factor',
    'linear-equation',
    'quadratic-equation',
    'rational-equation',
    'linear-system',
    'derivative',
  ]),
};

/** "x = [2, 3]" or "x = 2" → claim. */
function equationClaim(ascii: string, v: string): Claim | null {
  const m = /^\s*([A-Za-z]\w*)\s*(=|<=|>=|<|>)\s*(.+)$/.exec(ascii);
  if (!m || m[1] !== v) return null;
  if (m[2] !== '=') return { kind: 'relation', value: `${m[1]} ${m[2]} ${m[3]}` };
  const rhs = (m[3] as string).trim();
  const list = /^\[(.*)\]$/.exec(rhs);
  return { kind: 'roots', values: list ? splitTop(list[1] as string) : [rhs] };
}

/** The parts of a bracketed list, none for an empty one. */
const splitTop = (s: string): string[] => (s.trim() === '' ? [] : splitArgs(s));

const substitute = (expr: string, values: Record<string, string>): string =>
  expr.replace(/\b([A-Za-z])\b/g, (v) => (values[v] !== undefined ? `(${values[v]})` : v));

function runMathsteps(p: PeerProblem): Claim | null {
  switch (p.category) {
    case 'arithmetic':
    case 'simplify':
    case 'expand':
    case 'evaluate': {
      const text =
        p.category === 'evaluate' ? substitute(p.expr ?? '', p.values ?? {}) : (p.expr ?? '');
      const steps = mathsteps.simplifyExpression(text);
      const last = steps[steps.length - 1]?.newNode;
      return last ? { kind: 'text', value: last.toString() } : null;
    }
    default: {
      if (!p.equation || !p.variable) return null;
      const steps = mathsteps.solveEquation(p.equation);
      const last = steps[steps.length - 1]?.newEquation;
      return last ? equationClaim(last.ascii(), p.variable) : null;
    }
  }
}

function runNerdamer(p: PeerProblem): Claim | null {
  switch (p.category) {
    case 'arithmetic':
      return { kind: 'text', value: nerdamer(p.expr ?? '').toString() };
    case 'evaluate':
      return {
        kind: 'text',
        value: nerdamer(p.expr ?? '', p.values)
          .evaluate()
          .toString(),
      };
    case 'simplify':
      return { kind: 'text', value: nerdamer(`simplify(${p.expr ?? ''})`).toString() };
    case 'expand':
      return { kind: 'text', value: nerdamer(`expand(${p.expr ?? ''})`).toString() };
    case 'factor':
      return { kind: 'text', value: nerdamer(`factor(${p.expr ?? ''})`).toString() };
    case 'derivative':
      return { kind: 'text', value: nerdamer.diff(p.expr ?? '', p.variable ?? 'x').toString() };
    case 'linear-system': {
      // A copy: nerdamer replaces the strings in the array it is given with its own objects.
      const out = nerdamer.solveEquations([...(p.equations ?? [])]);
      if (!Array.isArray(out) || out.length === 0) return { kind: 'none' };
      return {
        kind: 'system',
        values: Object.fromEntries((out as [string, unknown][]).map(([k, v]) => [k, String(v)])),
      };
    }
    default: {
      if (!p.equation || !p.variable) return null;
      const sol = nerdamer.solve(p.equation, p.variable).toString();
      const list = /^\[(.*)\]$/.exec(sol);
      if (!list) return null;
      const values = splitTop(list[1] as string);
      return values.length === 0 ? { kind: 'none' } : { kind: 'roots', values };
    }
  }
}

/** Run a peer; an exception or no answer counts as "unsupported". */
export function runPeer(name: PeerName, p: PeerProblem): Claim | null {
  // mathsteps logs "Math error: …" to the console when it gives up; keep the table readable.
  const { log, error } = console;
  console.log = () => undefined;
  console.error = () => undefined;
  try {
    return name === 'mathsteps' ? runMathsteps(p) : runNerdamer(p);
  } catch {
    return null;
  } finally {
    console.log = log;
    console.error = error;
  }
}
