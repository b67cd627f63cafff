/**
 * Polynomial division in one variable as a named route: long division one leading term at a
 * time, or synthetic division by x − c. Every state is "quotient so far + remainder/divisor",
 * equal in value to the problem (the trail checks each exactly as ratios of polynomials).
 */
import { unsupported } from './errors.ts';
import { add, div, neg, rat, sub } from './expr.ts';
import type { Expr } from './expr.ts';
import { fromUni, pVars, polyExpr, toRational, toUni, uDeg, uGcd, uMul, uSub } from './poly.ts';
import type { UPoly } from './poly.ts';
import { toLatex } from './print.ts';
import { bigLcm, isNegative, isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

export type DivisionMethod = 'long' | 'synthetic';

interface Division {
  readonly n: UPoly;
  readonly d: UPoly;
  readonly v: string;
}

/** N / D with N, D polynomials in the same one variable, deg N ≥ deg D ≥ 1; else null. */
export function divisionOf(e: Expr): Division | null {
  if (e.k !== 'bin' || e.op !== '/') return null;
  const top = toRational(e.a);
  const bottom = toRational(e.b);
  if (top === null || bottom === null) return null;
  if (pVars(top.den).length > 0 || pVars(bottom.den).length > 0) return null;
  const vars = [...new Set([...pVars(top.num), ...pVars(bottom.num)])];
  if (vars.length !== 1) return null;
  const v = vars[0] as string;
  const scale = (p: UPoly | null, by: Q): UPoly | null => p && p.map((c) => c.div(by));
  const n = scale(toUni(top.num, v), constOf(toUni(top.den, v)));
  const d = scale(toUni(bottom.num, v), constOf(toUni(bottom.den, v)));
  if (n === null || d === null || uDeg(d) < 1 || uDeg(n) < uDeg(d)) return null;
  return { n, d, v };
}

const constOf = (u: UPoly | null): Q => (u !== null && u.length === 1 ? (u[0] as Q) : ONE);

/** A fraction that nothing cancels from and whose top is not of lower degree: divide it out. */
export function shouldDivide(e: Expr): boolean {
  const p = divisionOf(e);
  return p !== null && uDeg(uGcd(p.n, p.d)) <= 0;
}

const polyOf = (u: UPoly, v: string): Expr => polyExpr(fromUni(u, v));
const latexOf = (u: UPoly, v: string): string => toLatex(polyOf(u, v));
const lead = (u: UPoly): Q => u[u.length - 1] as Q;
/** c·v^k as coefficients. */
const monomial = (c: Q, k: number): UPoly => [...Array.from({ length: k }, () => ZERO), c];

/**
 * quotient + remainder / divisor. The final form (`tidy`) writes a remainder that leads
 * negative with a minus and clears fractions inside it: 3x + 1/2 over 2x^2 − 1 becomes
 * (6x + 1)/(4x^2 − 2).
 */
function state(quo: UPoly, rem: UPoly, d: UPoly, v: string, tidy = false): Expr {
  if (rem.length === 0) return polyOf(quo, v);
  const k = tidy ? q(rem.reduce((m, c) => bigLcm(m, c.d), 1n)) : ONE;
  const negative = tidy && isNegative(lead(rem));
  const top = rem.map((c) => (negative ? c.neg() : c).mul(k));
  const tail = div(
    polyOf(top, v),
    polyOf(
      d.map((c) => c.mul(k)),
      v,
    ),
  );
  if (quo.length === 0) return negative ? neg(tail) : tail;
  return negative ? sub(polyOf(quo, v), tail) : add(polyOf(quo, v), tail);
}

function verdict(quo: UPoly, rem: UPoly, v: string): string {
  return rem.length === 0
    ? `The remainder is $0$: the division is exact, with quotient $${latexOf(quo, v)}$.`
    : `The remainder $${latexOf(rem, v)}$ has a lower degree than the divisor, so the division stops: quotient $${latexOf(quo, v)}$, remainder $${latexOf(rem, v)}$.`;
}

function longDivision({ n, d, v }: Division, trail: Trail): Expr {
  let rem = n;
  let quo: UPoly = [];
  let out: Expr = div(polyOf(n, v), polyOf(d, v));
  while (rem.length > 0 && uDeg(rem) >= uDeg(d)) {
    const shift = uDeg(rem) - uDeg(d);
    const term = monomial(lead(rem).div(lead(d)), shift);
    const times = uMul(term, d);
    const next = uSub(rem, times);
    quo = uSub(
      quo,
      term.map((c) => c.neg()),
    );
    const lastStep = next.length === 0 || uDeg(next) < uDeg(d);
    out = state(quo, next, d, v, lastStep);
    trail.expr(
      out,
      `Divide the leading terms: $\\frac{${latexOf(monomial(lead(rem), uDeg(rem)), v)}}{${latexOf(monomial(lead(d), uDeg(d)), v)}} = ${latexOf(term, v)}$. Multiply $${latexOf(term, v)}\\left(${latexOf(d, v)}\\right) = ${latexOf(times, v)}$ and subtract it: $\\left(${latexOf(rem, v)}\\right) - \\left(${latexOf(times, v)}\\right) = ${next.length === 0 ? '0' : latexOf(next, v)}$.${lastStep ? ` ${verdict(quo, next, v)}` : ''}`,
      'long-division-step',
    );
    rem = next;
  }
  return out;
}

/** Synthetic division by x − c: bring down, multiply by c, add, column by column. */
function syntheticDivision({ n, d, v }: Division, trail: Trail): Expr {
  if (uDeg(d) !== 1 || !lead(d).equals(ONE)) {
    throw unsupported(
      `Synthetic division needs a divisor like $x - 3$; $${latexOf(d, v)}$ is not one. Write "long division" instead, for example long division (x^3 + 1)/(x^2 + 1).`,
    );
  }
  const c = (d[0] as Q).neg();
  const coefs = [...n].reverse();
  const row: Q[] = [];
  const said: string[] = [`bring down $${toLatex(rat(coefs[0] as Q))}$`];
  for (const a of coefs) {
    const prev = row.at(-1);
    const value = prev === undefined ? a : prev.mul(c).add(a);
    if (prev !== undefined)
      said.push(`$${paren(prev)} \\cdot ${paren(c)} + ${paren(a)} = ${toLatex(rat(value))}$`);
    row.push(value);
  }
  const remValue = row.pop() as Q;
  const quo = row.reverse();
  const rem = isZero(remValue) ? [] : [remValue];
  const out = state(quo, rem, d, v, true);
  trail.expr(
    out,
    `Synthetic division by $${latexOf(d, v)}$, with $${toLatex(rat(c))}$ in the box and the coefficients $${coefs.map((a) => toLatex(rat(a))).join(', ')}$: ${said.join('; ')}. The last number is the remainder (it is also the value of the top at $${v} = ${toLatex(rat(c))}$); the others are the quotient's coefficients. ${verdict(quo, rem, v)}`,
    'synthetic-division',
  );
  return out;
}

const paren = (x: Q): string =>
  isNegative(x) ? `\\left(${toLatex(rat(x))}\\right)` : toLatex(rat(x));

/** Divide N by D by the method asked for; returns quotient + remainder/divisor. */
export function divisionSteps(e: Expr, method: DivisionMethod, trail: Trail): Expr {
  const p = divisionOf(e);
  if (p === null) {
    throw unsupported(
      "Polynomial division needs two polynomials in one variable, the top of degree at least the bottom's, for example divide x^3 - 2x^2 + 4 by x - 3.",
    );
  }
  trail.expr(div(polyOf(p.n, p.v), polyOf(p.d, p.v)), 'Start with the division.', 'start');
  return method === 'synthetic' ? syntheticDivision(p, trail) : longDivision(p, trail);
}
