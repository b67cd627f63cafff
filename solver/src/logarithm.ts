/** Exponential equations (same base, or logarithms) and logarithmic equations (exponential form, check the domain). */
import { SolverError, unsupported } from './errors.ts';
import { div, eq, fn, freeVars, mul, num, pow, rat, sameTree, sub, sym } from './expr.ts';
import type { Equation, Expr } from './expr.ts';
import { checkCandidates, stepClauses } from './curriculum.ts';
import type { Outcome, SolveOne } from './curriculum.ts';
import { isolate, linearIn, partsWith } from './isolate.ts';
import { constValue, toRational, toUni } from './poly.ts';
import { equationLatex, toLatex } from './print.ts';
import { q, sign } from './q.ts';
import type { Q } from './q.ts';
import { solveSideBySide } from './statements.ts';
import type { Trail } from './trail.ts';
import { parseEquation } from './parse.ts';
import { combineNumberLogs, isLog, logParts } from './log-values.ts';

/** Largest exponent tried when writing a number as a power of a base (2^12 = 4096). */
const MAX_POWER = 12;

const isExp =
  (v: string) =>
  (x: Expr): boolean =>
    (x.k === 'fn' && x.name === 'exp' && freeVars(x.a).has(v)) ||
    (x.k === 'bin' && x.op === '^' && freeVars(x.b).has(v) && freeVars(x.a).size === 0);

export const hasExponential = (e: Equation, v: string): boolean =>
  partsWith(e.lhs, v, isExp(v)).length + partsWith(e.rhs, v, isExp(v)).length > 0;
export const hasLogarithm = (e: Equation, v: string): boolean =>
  partsWith(e.lhs, v, isLog).length + partsWith(e.rhs, v, isLog).length > 0;

const E = sym('e');
/** Base and exponent of b^f or e^f. */
const split = (x: Expr): [Expr, Expr] =>
  x.k === 'fn' ? [E, x.a] : [(x as { a: Expr }).a, (x as { b: Expr }).b];

/** k with base^k = c for a small integer or 1/integer k, else null. */
function powerOf(base: Q, c: Q): Q | null {
  for (let k = -MAX_POWER; k <= MAX_POWER; k++) {
    if (base.pow(k).equals(c)) return q(k);
  }
  return null;
}

const baseWord = (b: Expr): string =>
  b.k === 'sym' && b.name === 'e' ? 'the natural logarithm $\\ln$ (base $e$)' : `logarithms`;

function finishLinear(
  f: Expr,
  value: Expr,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
  input?: Equation,
): Expr[] {
  const r = toRational(f);
  const u = r === null ? null : toUni(r.num, v);
  const d = r === null ? null : toUni(r.den, v);
  if (constValue(value) !== null || freeVars(value).has(v)) {
    const res = solveSideBySide([eq(f, value)], v, trail, solveOne);
    return res.flatMap((x) =>
      x.status === 'solved' && x.answer
        ? x.answer.mathjs.split(';').map((s) => parseEquation(s.trim()).rhs)
        : [],
    );
  }
  if (u === null || d === null || d.length !== 1 || u.length !== 2)
    throw unsupported(
      'After removing the exponential or logarithm, only a linear equation (ax + b = number) can be solved here; the answer would need a polynomial equation with irrational constants.',
    );
  const a = (u[1] as Q).div(d[0] as Q);
  const b = (u[0] ?? q(0)).div(d[0] as Q);
  let x = value;
  if (sign(b) !== 0) x = sub(x, constExpr(b));
  if (!a.equals(q(1))) x = div(x, constExpr(a));
  if (!sameTree(sym(v), f)) {
    stepClauses(trail, [[eq(sym(v), x)]], v, `Solve for $${v}$.`, 'solve-linear');
  }
  void input;
  return [x];
}

const constExpr = (k: Q): Expr => {
  const n = num(k.abs());
  const body = k.d === 1n ? n : div(num(q(k.abs().n)), num(q(k.d)));
  return sign(k) < 0 ? { k: 'neg', a: body } : body;
};

export function solveExponential(
  input: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  const parts = [...partsWith(input.lhs, v, isExp(v)), ...partsWith(input.rhs, v, isExp(v))];
  stepClauses(trail, [[input]], v, 'Start with the equation.', 'start');
  let lhsPart: Expr;
  let rhsPart: Expr;
  if (parts.length === 2 && isExp(v)(input.lhs) && isExp(v)(input.rhs)) {
    lhsPart = input.lhs;
    rhsPart = input.rhs;
  } else {
    if (parts.length !== 1)
      throw unsupported(
        'Exponential equations are supported with one power of the unknown, like 3^x = 81 or 2^(x+1) = 8^x.',
      );
    const iso = isolate(input, parts[0] as Expr, v);
    if (iso === null || freeVars(iso.rhs).size > 0)
      throw unsupported('Write the exponential equation as base^(exponent) = number.');
    if (equationLatex(iso) !== equationLatex(input))
      stepClauses(
        trail,
        [[iso]],
        v,
        `Isolate the power $${toLatex(iso.lhs)}$ on one side.`,
        'isolate',
      );
    lhsPart = iso.lhs;
    rhsPart = iso.rhs;
    const c = constValue(rhsPart);
    const cv = c ?? null;
    if (cv !== null && sign(cv) <= 0) {
      trail.note(
        '\\text{no solution}',
        `A power of a positive base is always positive, so it is never $${toLatex(rhsPart)}$.`,
        'always-positive',
        true,
      );
      throw new SolverError('no-solution', `No solution: $${toLatex(lhsPart)}$ is always positive`);
    }
  }
  const [b1, f1] = split(lhsPart);
  const base1 = constValue(b1);
  const c = isExp(v)(rhsPart) ? null : constValue(rhsPart);
  // Same base: write the right side as a power of the left side's base.
  if (isExp(v)(rhsPart)) {
    const [b2, f2] = split(rhsPart);
    const base2 = constValue(b2);
    if (base1 === null || base2 === null) throw unsupported('Both sides need a number as base.');
    // Common base: the smallest integer whose powers give both.
    const common = [2, 3, 5, 6, 7, 10]
      .map((x) => q(x))
      .find((g) => powerOf(g, base1) !== null && powerOf(g, base2) !== null);
    if (common === undefined) throw unsupported('The two bases are not powers of a common base.');
    const k1 = powerOf(common, base1) as Q;
    const k2 = powerOf(common, base2) as Q;
    const g = num(common);
    const e1 = k1.equals(q(1)) ? f1 : mul(num(k1), f1);
    const e2 = k2.equals(q(1)) ? f2 : mul(num(k2), f2);
    const rewritten = eq(pow(g, e1), pow(g, e2));
    if (equationLatex(rewritten) !== equationLatex(eq(lhsPart, rhsPart)))
      stepClauses(
        trail,
        [[rewritten]],
        v,
        `Write both sides as powers of $${toLatex(g)}$ (a power of a power multiplies the exponents).`,
        'same-base',
      );
    stepClauses(
      trail,
      [[eq(e1, e2)]],
      v,
      `The bases are the same, so the exponents are equal.`,
      'equate-exponents',
    );
    const roots = finishLinear(e1, e2, v, trail, solveOne, input);
    return {
      answer: checkCandidates(roots, v, trail, input, false),
      classification: 'exponential-equation',
    };
  }
  if (c !== null && base1 !== null) {
    const k = powerOf(base1, c);
    if (k !== null) {
      const same = eq(pow(b1, constExpr(k)), f1);
      stepClauses(
        trail,
        [[eq(lhsPart, pow(b1, constExpr(k)))]],
        v,
        `Write $${toLatex(rhsPart)}$ as a power of $${toLatex(b1)}$: $${toLatex(rhsPart)} = ${toLatex(b1)}^{${toLatex(constExpr(k))}}$.`,
        'same-base',
      );
      void same;
      stepClauses(
        trail,
        [[eq(f1, constExpr(k))]],
        v,
        'The bases are the same, so the exponents are equal.',
        'equate-exponents',
      );
      const roots = finishLinear(f1, constExpr(k), v, trail, solveOne, input);
      return {
        answer: checkCandidates(roots, v, trail, input, false),
        classification: 'exponential-equation',
      };
    }
  }
  // No common base: take logarithms.
  const natural = b1.k === 'sym' && b1.name === 'e';
  const value = natural ? fn('ln', rhsPart) : div(fn('ln', rhsPart), fn('ln', b1));
  stepClauses(
    trail,
    [[eq(f1, value)]],
    v,
    natural
      ? `Take the natural logarithm $\\ln$ (base $e$) of both sides: $\\ln(e^{a}) = a$.`
      : `$${toLatex(rhsPart)}$ is not a power of $${toLatex(b1)}$ with a whole exponent, so take ${baseWord(b1)} of both sides: $${toLatex(f1)} = \\log_{${toLatex(b1)}}(${toLatex(rhsPart)}) = ${toLatex(value)}$ (here $\\ln$, the natural logarithm).`,
    'take-logarithms',
  );
  const roots = finishLinear(f1, value, v, trail, solveOne, input);
  return {
    answer: checkCandidates(roots, v, trail, input, false),
    classification: 'exponential-equation',
  };
}

/** Base of a logarithm part (10 for log, e for ln, b for log_b) and its argument. */

const logOf = (base: Expr, a: Expr): Expr =>
  base.k === 'sym'
    ? fn('ln', a)
    : base.k === 'num' && base.v.equals(q(10))
      ? fn('log', a)
      : div(fn('ln', a), fn('ln', base));

const assumption = (base: Expr, written: Expr): string =>
  written.k === 'fn' && written.name === 'log'
    ? '$\\log$ with no base means base 10 (the common logarithm).'
    : base.k === 'sym'
      ? '$\\ln$ is the natural logarithm, base $e$.'
      : `$\\log_{${toLatex(base)}}$ is the logarithm to base ${toLatex(base)}.`;

export function solveLogarithm(
  input: Equation,
  v: string,
  trail: Trail,
  solveOne: SolveOne,
): Outcome {
  const parts = [...partsWith(input.lhs, v, isLog), ...partsWith(input.rhs, v, isLog)];
  const [base, arg0] = logParts(parts[0] as Expr);
  if (parts.some((p) => !sameTree(logParts(p)[0], base)))
    throw unsupported(
      'Logarithms with different bases in one equation are not supported; write them with one base.',
    );
  stepClauses(
    trail,
    [[input]],
    v,
    `Start with the equation. ${assumption(base, parts[0] as Expr)}`,
    'start',
  );
  let single: Equation;
  if (parts.length === 1) {
    const iso = isolate(input, parts[0] as Expr, v);
    if (iso === null || freeVars(iso.rhs).size > 0)
      throw unsupported('Write the logarithmic equation as log(expression) = number.');
    if (equationLatex(iso) !== equationLatex(input))
      stepClauses(trail, [[iso]], v, 'Isolate the logarithm on one side.', 'isolate');
    const combined = combineNumberLogs(iso.rhs, base);
    if (combined !== null) {
      // ln x = ln 12 − ln 3: one logarithm of a number on the right, then drop the logs.
      const oneLog = eq(iso.lhs, logOf(base, rat(combined)));
      if (equationLatex(oneLog) !== equationLatex(iso))
        stepClauses(
          trail,
          [[oneLog]],
          v,
          `Combine the logarithms of numbers with $\\log A + \\log B = \\log(AB)$ and $\\log A - \\log B = \\log\\frac{A}{B}$: $${toLatex(iso.rhs)} = ${toLatex(oneLog.rhs)}$.`,
          'combine-number-logarithms',
        );
      single = eq(arg0, rat(combined));
      stepClauses(
        trail,
        [[single]],
        v,
        'Both sides are logarithms to the same base, so their arguments are equal (each must be positive: checked at the end).',
        'drop-logarithms',
      );
    } else {
      single = eq(arg0, pow(base, iso.rhs));
      stepClauses(
        trail,
        [[single]],
        v,
        `Rewrite in exponential form: $\\log_{b} A = c$ means $A = b^{c}$.`,
        'exponential-form',
      );
    }
  } else if (parts.length === 2) {
    const b = logParts(parts[1] as Expr)[1];
    const form = twoLogs(input, parts[0] as Expr, parts[1] as Expr, v);
    if (form === null)
      throw unsupported(
        'Write the logarithms as log(A) + log(B) = number, log(A) - log(B) = number or log(A) = log(B).',
      );
    if (form.kind === 'equal') {
      single = eq(arg0, b);
      stepClauses(
        trail,
        [[single]],
        v,
        'Both sides are logarithms to the same base, so their arguments are equal (each must be positive: checked at the end).',
        'drop-logarithms',
      );
    } else {
      const inside =
        form.kind === 'sum'
          ? mul(arg0, b)
          : div(form.first === 0 ? arg0 : b, form.first === 0 ? b : arg0);
      stepClauses(
        trail,
        [[eq(logOf(base, inside), form.c)]],
        v,
        form.kind === 'sum'
          ? 'Product rule: $\\log A + \\log B = \\log(AB)$. This can widen the domain, so answers are checked at the end.'
          : 'Quotient rule: $\\log A - \\log B = \\log\\frac{A}{B}$. This can widen the domain, so answers are checked at the end.',
        'combine-logarithms',
      );
      single = eq(inside, pow(base, form.c));
      stepClauses(
        trail,
        [[single]],
        v,
        'Rewrite in exponential form: $\\log_{b} A = c$ means $A = b^{c}$.',
        'exponential-form',
      );
    }
  } else throw unsupported('Equations with more than two logarithms are not supported.');
  // e^0 is 1 too, though e is not a number constValue reads.
  const zeroPower =
    single.rhs.k === 'bin' && single.rhs.op === '^' && constValue(single.rhs.b)?.n === 0n;
  const value = zeroPower ? q(1) : constValue(single.rhs);
  if (value !== null && !sameTree(rat(value), single.rhs)) {
    const before = single.rhs;
    single = eq(single.lhs, rat(value));
    stepClauses(
      trail,
      [[single]],
      v,
      `Work out $${toLatex(before)} = ${toLatex(single.rhs)}$.`,
      'evaluate',
    );
  }
  const roots = finishLinear(single.lhs, single.rhs, v, trail, solveOne, input);
  return {
    answer: checkCandidates(roots, v, trail, input, true),
    classification: 'logarithmic-equation',
  };
}

type TwoLogs =
  | { readonly kind: 'equal' }
  | { readonly kind: 'sum'; readonly c: Expr }
  | { readonly kind: 'difference'; readonly first: 0 | 1; readonly c: Expr };

/** k1·L1 + k2·L2 + rest = 0 with constant rest: which log law applies. */
function twoLogs(e: Equation, l1: Expr, l2: Expr, v: string): TwoLogs | null {
  const co = linearIn(sub(e.lhs, e.rhs), [l1, l2]);
  if (co === null) return null;
  const [k1, k2, rest] = co;
  if (freeVars(rest).has(v)) return null;
  const r = constValue(rest);
  if (r === null) return null;
  if (k1.add(k2).n === 0n && r.n === 0n) return { kind: 'equal' };
  if (k1.equals(k2)) return { kind: 'sum', c: rat(r.neg().div(k1)) };
  if (k1.add(k2).n === 0n)
    return sign(k1) > 0
      ? { kind: 'difference', first: 0, c: rat(r.neg().div(k1)) }
      : { kind: 'difference', first: 1, c: rat(r.neg().div(k2)) };
  return null;
}
