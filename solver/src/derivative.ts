/**
 * Derivatives with the rule named at each step. The expression carries pending
 * d/dx[...] parts; each step applies one rule to every pending part it fits, so a
 * student sees "sum rule", then "power rule", then "constant rule", and so on.
 */
import { unsupported } from './errors.ts';
import { add, bin, contains, div, fn, mul, neg, num, pow, sub } from './expr.ts';
import type { Expr } from './expr.ts';
import {
  fromUni,
  isPolynomial,
  polyExpr,
  primitive,
  pscale,
  toRational,
  toUni,
  uDeg,
  uDivmod,
  uGcd,
} from './poly.ts';
import { toLatex, toText } from './print.ts';
import { factoredForm } from './equation.ts';
import { tidy } from './tidy.ts';
import type { Trail } from './trail.ts';
import { ONE, q } from './q.ts';
import type { Q } from './q.ts';

const D = (a: Expr, v: string): Expr => ({ k: 'deriv', a, v });
const hasVar = (e: Expr, v: string): boolean => contains(e, (x) => x.k === 'sym' && x.name === v);
const isVar = (e: Expr, v: string): boolean => e.k === 'sym' && e.name === v;

type Rule =
  | 'constant-rule'
  | 'identity-rule'
  | 'sum-rule'
  | 'constant-multiple-rule'
  | 'power-rule'
  | 'product-rule'
  | 'quotient-rule'
  | 'chain-rule'
  | 'exponential-rule'
  | 'trig-rule'
  | 'log-rule';

const RULE_TEXT: Record<Rule, string> = {
  'constant-rule': 'Constant rule: the derivative of a number is 0.',
  'identity-rule': 'The derivative of the variable itself is 1.',
  'sum-rule': 'Sum rule: differentiate each term separately.',
  'constant-multiple-rule':
    'Constant multiple rule: keep the number in front and differentiate the rest.',
  'power-rule':
    'Power rule: bring the power down in front and lower the power by 1, $\\frac{d}{dx}x^n = nx^{n-1}$.',
  'product-rule': "Product rule: $(uv)' = u'v + uv'$.",
  'quotient-rule': "Quotient rule: $\\left(\\frac{u}{v}\\right)' = \\frac{u'v - uv'}{v^2}$.",
  'chain-rule':
    'Chain rule: differentiate the outside, keep the inside, then multiply by the derivative of the inside.',
  'exponential-rule':
    'Exponential rule: $\\frac{d}{dx}e^x = e^x$ (times the derivative of the power, by the chain rule).',
  'trig-rule':
    'Trig rules: $\\frac{d}{dx}\\sin x = \\cos x$, $\\frac{d}{dx}\\cos x = -\\sin x$ (times the derivative of the inside).',
  'log-rule':
    'Log rule: $\\frac{d}{dx}\\ln x = \\frac{1}{x}$ (times the derivative of the inside).',
};

/** One rule applied to d/dv[u]: the rule and the result (which may contain pending parts). */
function applyRule(u: Expr, v: string): { rule: Rule; out: Expr } {
  if (!hasVar(u, v)) return { rule: 'constant-rule', out: num(0) };
  if (isVar(u, v)) return { rule: 'identity-rule', out: num(1) };
  switch (u.k) {
    case 'neg':
      return { rule: 'constant-multiple-rule', out: neg(D(u.a, v)) };
    case 'bin': {
      const { a, b } = u;
      switch (u.op) {
        case '+':
        case '-':
          return { rule: 'sum-rule', out: bin(u.op, D(a, v), D(b, v)) };
        case '*':
          if (!hasVar(a, v)) return { rule: 'constant-multiple-rule', out: mul(a, D(b, v)) };
          if (!hasVar(b, v)) return { rule: 'constant-multiple-rule', out: mul(b, D(a, v)) };
          return { rule: 'product-rule', out: add(mul(D(a, v), b), mul(a, D(b, v))) };
        case '/':
          if (!hasVar(b, v)) return { rule: 'constant-multiple-rule', out: div(D(a, v), b) };
          return {
            rule: 'quotient-rule',
            out: div(sub(mul(D(a, v), b), mul(a, D(b, v))), pow(b, num(2))),
          };
        case '^': {
          if (!hasVar(b, v)) {
            const lower = tidy(sub(b, num(1)));
            if (isVar(a, v)) return { rule: 'power-rule', out: mul(b, pow(a, lower)) };
            return { rule: 'chain-rule', out: mul(mul(b, pow(a, lower)), D(a, v)) };
          }
          if (!hasVar(a, v)) {
            const base = a.k === 'sym' && a.name === 'e' ? u : mul(u, fn('ln', a));
            if (isVar(b, v)) return { rule: 'exponential-rule', out: base };
            return { rule: 'chain-rule', out: mul(base, D(b, v)) };
          }
          throw unsupported(
            'Derivatives of a variable power of a variable (like x^x) are not supported',
          );
        }
      }
      break;
    }
    case 'fn': {
      const inner = u.a;
      const outer: Record<string, Expr | null> = {
        sqrt: div(num(1), mul(num(2), fn('sqrt', inner))),
        sin: fn('cos', inner),
        cos: neg(fn('sin', inner)),
        tan: div(num(1), pow(fn('cos', inner), num(2))),
        exp: fn('exp', inner),
        ln: div(num(1), inner),
        log: div(num(1), mul(inner, fn('ln', num(10)))),
        abs: null,
      };
      const o = outer[u.name];
      if (o === null || o === undefined)
        throw unsupported(`The derivative of ${u.name} is not supported`);
      const rule: Rule =
        u.name === 'sqrt'
          ? 'power-rule'
          : u.name === 'exp'
            ? 'exponential-rule'
            : u.name === 'ln' || u.name === 'log'
              ? 'log-rule'
              : 'trig-rule';
      if (isVar(inner, v)) return { rule, out: o };
      return { rule: 'chain-rule', out: mul(o, D(inner, v)) };
    }
  }
  throw unsupported('This derivative is not supported');
}

/** The first pending part, reading left to right. */
function firstPending(e: Expr): Expr | null {
  if (e.k === 'deriv') return e;
  if (e.k === 'bin') return firstPending(e.a) ?? firstPending(e.b);
  if (e.k === 'neg' || e.k === 'fn') return firstPending(e.a);
  return null;
}

/** Apply `rule` to every pending part where it is the rule that fits. */
function applyEverywhere(e: Expr, rule: Rule): Expr {
  if (e.k === 'deriv') {
    const r = applyRule(e.a, e.v);
    // Tidy only the freshly produced piece (e.g. 2·x^1 → 2x) so the step stays readable.
    return r.rule === rule ? tidy(r.out) : e;
  }
  if (e.k === 'bin') return bin(e.op, applyEverywhere(e.a, rule), applyEverywhere(e.b, rule));
  if (e.k === 'neg') return neg(applyEverywhere(e.a, rule));
  if (e.k === 'fn') return fn(e.name, applyEverywhere(e.a, rule));
  return e;
}

/** Guard against runaway rewriting; real school problems need far fewer. */
const MAX_DERIVATIVE_STEPS = 60;

export function derivativeSteps(f: Expr, v: string, trail: Trail): Expr {
  let cur: Expr = D(f, v);
  trail.expr(cur, `Find the derivative with respect to $${v}$.`, 'start');
  for (let n = 0; n < MAX_DERIVATIVE_STEPS; n++) {
    const p = firstPending(cur);
    if (p === null || p.k !== 'deriv') break;
    const { rule } = applyRule(p.a, p.v);
    cur = applyEverywhere(cur, rule);
    // The sum rule splits a whole sum at once, however many terms it has.
    for (let k = 0; rule === 'sum-rule' && k < MAX_DERIVATIVE_STEPS; k++) {
      const again = applyEverywhere(cur, rule);
      if (JSON.stringify(again) === JSON.stringify(cur)) break;
      cur = again;
    }
    trail.expr(cur, RULE_TEXT[rule], rule);
  }
  if (firstPending(cur) !== null) throw unsupported('This derivative needs too many steps');
  // Several tidy forms; the shortest one on the board wins (all equal, all verified).
  const candidates = [tidy(cur), safePoly(cur), reducedFraction(cur, v)].filter(
    (x): x is Expr => x !== null,
  );
  const simplified = candidates.reduce((best, x) =>
    toLatex(x).length < toLatex(best).length ? x : best,
  );
  if (JSON.stringify(simplified) !== JSON.stringify(cur)) {
    trail.expr(simplified, 'Simplify.', 'simplify');
  }
  return simplified;
}

/** A ratio of polynomials in v with common factors cancelled. */
function reducedFraction(e: Expr, v: string): Expr | null {
  try {
    const r = toRational(e);
    if (r === null || isPolynomial(r)) return null;
    const n = toUni(r.num, v);
    const d = toUni(r.den, v);
    if (n === null || d === null) return null;
    const g = uGcd(n, d);
    const nq = uDivmod(n, g).quo;
    const dq = uDivmod(d, g).quo;
    // Scale so the denominator has whole-number coefficients and a positive leading one.
    const ints = primitive(dq);
    const k = q(ints[ints.length - 1] as bigint).div(dq[dq.length - 1] as Q);
    const num = pscale(fromUni(nq, v), k);
    const den = pscale(fromUni(dq, v), k);
    if (uDeg(dq) === 0) return polyExpr(pscale(num, ONE.div(den.get('')?.coef ?? ONE)));
    // (x + 1)^2 below reads better than x^2 + 2x + 1 when it factors.
    const denU = toUni(den, v);
    const factored = denU === null ? null : factoredForm(denU, v);
    const below =
      factored !== null && toText(factored).length <= toText(polyExpr(den)).length
        ? factored
        : polyExpr(den);
    return div(polyExpr(num), below);
  } catch {
    return null;
  }
}

function safePoly(e: Expr): Expr | null {
  try {
    const r = toRational(e);
    if (r === null || !isPolynomial(r)) return null;
    return polyExpr(pscale(r.num, ONE.div(r.den.get('')?.coef ?? ONE)));
  } catch {
    return null;
  }
}
