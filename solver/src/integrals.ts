/**
 * Integrals term by term with the school rules (powers, also of ax + b, 1/x, e^(ax+b),
 * sin, cos). The antiderivative is checked by differentiating it (mathjs), a definite
 * integral also by Simpson's rule.
 */
import type { CalculusProblem } from './calculus-read.ts';
import { unsupported } from './errors.ts';
import {
  add,
  div,
  fn,
  freeVars,
  mul,
  neg,
  num,
  pow,
  rat,
  sub,
  substitute,
  sumOf,
  sym,
} from './expr.ts';
import type { Expr } from './expr.ts';
import { c } from './numeric.ts';
import { constValue, polyExpr, toRational, toUni, uDeg } from './poly.ts';
import { isZero, ONE, q } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';
import { sameValue } from './verify.ts';
import { close, scaledExpr, tex, val, workOut } from './work-out.ts';
import type { CalculusOutcome } from './work-out.ts';

const C = sym('C');

/** Antiderivative of one term as coef·G and the rule used; null when no school rule applies. */
function antiTerm(t: Expr, v: string): { k: Q; G: Expr; rule: string } | null {
  const kc = freeVars(t).has(v) ? null : constValue(t);
  if (kc !== null) return { k: kc, G: sym(v), rule: 'constant' };
  if (!freeVars(t).has(v)) return { k: ONE, G: mul(t, sym(v)), rule: 'constant' };
  const scaled = (factor: Expr, inner: Expr, inverse: boolean): ReturnType<typeof antiTerm> => {
    const f = constValue(factor);
    const a = antiTerm(inner, v);
    if (a === null) return null;
    if (f === null)
      return { k: a.k, G: inverse ? div(a.G, factor) : mul(factor, a.G), rule: a.rule };
    if (inverse && isZero(f)) return null;
    return { k: inverse ? a.k.div(f) : a.k.mul(f), G: a.G, rule: a.rule };
  };
  if (t.k === 'neg') {
    const a = antiTerm(t.a, v);
    return a && { k: a.k.neg(), G: a.G, rule: a.rule };
  }
  if (t.k === 'bin' && t.op === '*' && !freeVars(t.a).has(v)) return scaled(t.a, t.b, false);
  if (t.k === 'bin' && t.op === '*' && !freeVars(t.b).has(v)) return scaled(t.b, t.a, false);
  if (t.k === 'bin' && t.op === '/' && !freeVars(t.b).has(v)) return scaled(t.b, t.a, true);
  if (t.k === 'bin' && t.op === '/' && !freeVars(t.a).has(v)) {
    // k / (a x + b)^n
    const [base, n] = t.b.k === 'bin' && t.b.op === '^' ? [t.b.a, constValue(t.b.b)] : [t.b, ONE];
    const lin = linear(base, v);
    const top = constValue(t.a);
    if (lin === null || n === null || top === null) return null;
    if (n.equals(ONE)) return { k: top.div(lin), G: fn('ln', fn('abs', base)), rule: 'log-rule' };
    const a = antiTerm(pow(base, rat(n.neg())), v);
    return a && { k: a.k.mul(top), G: a.G, rule: a.rule };
  }
  if (t.k === 'sym' && t.name === v)
    return { k: q(1, 2), G: pow(sym(v), num(2)), rule: 'power-rule' };
  if (t.k === 'fn' && t.name === 'sqrt') return antiTerm(pow(t.a, div(num(1), num(2))), v);
  if (t.k === 'bin' && t.op === '^' && t.a.k === 'sym' && t.a.name === 'e')
    return antiTerm(fn('exp', t.b), v);
  if (t.k === 'bin' && t.op === '^' && !freeVars(t.b).has(v)) {
    const n = constValue(t.b);
    const lin = linear(t.a, v);
    if (n === null || lin === null) return null;
    if (n.equals(q(-1))) return { k: ONE.div(lin), G: fn('ln', fn('abs', t.a)), rule: 'log-rule' };
    const n1 = n.add(ONE);
    return {
      k: ONE.div(n1.mul(lin)),
      G: pow(t.a, rat(n1)),
      rule: t.a.k === 'sym' ? 'power-rule' : 'linear-substitution',
    };
  }
  if (t.k === 'fn' && (t.name === 'exp' || t.name === 'sin' || t.name === 'cos')) {
    const lin = linear(t.a, v);
    if (lin === null) return null;
    const G =
      t.name === 'exp' ? fn('exp', t.a) : t.name === 'sin' ? fn('cos', t.a) : fn('sin', t.a);
    const k = t.name === 'sin' ? ONE.div(lin).neg() : ONE.div(lin);
    return { k, G, rule: t.name === 'exp' ? 'exponential-rule' : 'trig-rule' };
  }
  return null;
}

/** The slope a of a·v + b, or null when the expression is not linear in v. */
function linear(e: Expr, v: string): Q | null {
  const r = toRational(e);
  if (r === null) return null;
  const u = toUni(r.num, v);
  const d = constValue(polyExpr(r.den));
  if (u === null || d === null || u.length !== 2) return null;
  return (u[1] as Q).div(d);
}

/** Top-level terms of a sum (with their signs). */
function terms(e: Expr): Expr[] {
  if (e.k === 'bin' && e.op === '+') return [...terms(e.a), ...terms(e.b)];
  if (e.k === 'bin' && e.op === '-') return [...terms(e.a), ...terms(e.b).map((t) => neg(t))];
  return [e];
}

const RULE_TEXT: Record<string, string> = {
  'power-rule': 'power rule $\\int x^{n}\\,dx = \\frac{x^{n+1}}{n+1}$',
  'linear-substitution':
    'power rule with a linear inside, $\\int (ax+b)^{n}\\,dx = \\frac{(ax+b)^{n+1}}{a(n+1)}$',
  'log-rule': '$\\int \\frac{1}{x}\\,dx = \\ln|x|$',
  'exponential-rule': '$\\int e^{ax}\\,dx = \\frac{e^{ax}}{a}$',
  'trig-rule': '$\\int \\sin x\\,dx = -\\cos x$, $\\int \\cos x\\,dx = \\sin x$',
  constant: '$\\int k\\,dx = kx$',
};

/** Simpson panels for checking a definite integral. */
const SIMPSON_PANELS = 2000;

function simpson(f: Expr, v: string, a: number, b: number): number {
  const h = (b - a) / SIMPSON_PANELS;
  let s = 0;
  for (let i = 0; i <= SIMPSON_PANELS; i++) {
    const w = i === 0 || i === SIMPSON_PANELS ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * val(f, new Map([[v, c(a + i * h)]]));
  }
  return (s * h) / 3;
}

export function integralSteps(
  p: Extract<CalculusProblem, { op: 'integral' }>,
  trail: Trail,
): CalculusOutcome {
  const { body, v } = p;
  if ([...freeVars(body)].some((x) => x !== v))
    throw unsupported(`The integrand may only contain its variable ${v}.`);
  // Expand a polynomial integrand first, so each term is a power.
  const r = toRational(body);
  const integrand =
    r && constValue(polyExpr(r.den)) !== null && uDeg(toUni(r.num, v) ?? []) >= 0
      ? polyExpr(r.num)
      : body;
  const parts = terms(integrand).map((t) => ({ t, a: antiTerm(t, v) }));
  if (parts.some((x) => x.a === null))
    throw unsupported(
      'Integrals are supported for sums of powers of x (also of ax + b), 1/x, e^(ax+b), sin(ax+b) and cos(ax+b).',
    );
  const F = sumOf(
    parts
      .map((x) => x.a as { k: Q; G: Expr })
      .filter((x) => !isZero(x.k))
      .map((x) => scaledExpr(x.k, x.G)),
  );
  const rules = [...new Set(parts.map((x) => (x.a as { rule: string }).rule))].map(
    (k) => RULE_TEXT[k] ?? k,
  );
  const dv = `d${tex(sym(v))}`;
  const integral = `\\int ${tex(body)}\\,${dv}`;
  const checked = sameValue({ k: 'deriv', a: F, v }, body);
  if (p.bounds === null) {
    trail.link(
      integral,
      `Integrate term by term with the ${rules.join('; ')}; add the constant $C$. Check: the derivative of the result is the integrand.`,
      'antiderivative',
      checked,
    );
    const withC = add(F, C);
    trail.expr(withC, 'The antiderivative (any constant $C$ can be added).', 'integrate');
    return { value: withC, classification: 'integral' };
  }
  const [lo, hi] = p.bounds;
  const shownF = F;
  const numeric = simpson(body, v, val(lo), val(hi));
  const exactDiff = sub(
    substitute(shownF, new Map([[v, hi]])),
    substitute(shownF, new Map([[v, lo]])),
  );
  trail.link(
    `\\int_{${tex(lo)}}^{${tex(hi)}} ${tex(body)}\\,${dv} = \\left[${tex(shownF)}\\right]_{${tex(lo)}}^{${tex(hi)}}`,
    `Find an antiderivative with the ${rules.join('; ')}, then evaluate it at the top limit minus at the bottom limit.`,
    'evaluate-bounds',
    checked && close(val(exactDiff), numeric, 1e-8),
  );
  const value = workOut(
    exactDiff,
    trail,
    `Put $${v} = ${tex(hi)}$ and $${v} = ${tex(lo)}$ into the antiderivative and subtract.`,
    'substitute',
  );
  return { value, classification: 'definite-integral' };
}
