/** Polynomial expressions: expand brackets, collect like terms, factor. */
import { unsupported } from './errors.ts';
import { mul, num, pow, productOf, rat, sub, sumOf, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import {
  constPoly,
  fromUni,
  isPolynomial,
  monoDegree,
  padd,
  pmul,
  polyExpr,
  pscale,
  pVars,
  rationalRoots,
  rootFactors,
  termExpr,
  toRational,
  toUni,
  uDeg,
  uDivmod,
} from './poly.ts';
import type { Mono, Poly, Term } from './poly.ts';
import { toLatex } from './print.ts';
import { bigGcd, isNegative, isZero, ONE, q, sqrtQ } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

/** Terms of the expansion, in reading order, not yet collected. Null if not a polynomial. */
function expandTerms(e: Expr): Term[] | null {
  switch (e.k) {
    case 'num':
      return [{ mono: [], coef: e.v }];
    case 'sym':
      if (e.name === 'pi' || e.name === 'e' || e.name === 'i') return null;
      return [{ mono: [[e.name, 1]], coef: ONE }];
    case 'neg': {
      const a = expandTerms(e.a);
      return a && a.map((t) => ({ mono: t.mono, coef: t.coef.neg() }));
    }
    case 'bin': {
      if (e.op === '^') {
        const r = toRational(e.b);
        const n = r && isPolynomial(r) && r.num.size <= 1 ? (r.num.get('')?.coef ?? q(0)) : null;
        if (n === null || n.d !== 1n || isNegative(n)) return null;
        let acc: Term[] | null = [{ mono: [], coef: ONE }];
        const base = expandTerms(e.a);
        if (base === null) return null;
        for (let k = 0n; k < n.n; k++) acc = multiplyTerms(acc, base);
        return acc;
      }
      const a = expandTerms(e.a);
      const b = expandTerms(e.b);
      if (a === null || b === null) return null;
      if (e.op === '+') return [...a, ...b];
      if (e.op === '-') return [...a, ...b.map((t) => ({ mono: t.mono, coef: t.coef.neg() }))];
      if (e.op === '*') return multiplyTerms(a, b);
      if (e.op === '/') {
        if (b.length !== 1 || (b[0] as Term).mono.length !== 0 || isZero((b[0] as Term).coef))
          return null;
        const d = (b[0] as Term).coef;
        return a.map((t) => ({ mono: t.mono, coef: t.coef.div(d) }));
      }
      return null;
    }
    default:
      return null;
  }
}

/** Most terms an expansion may produce before collecting: beyond this no board can show it. */
const MAX_EXPANDED_TERMS = 400;

function multiplyTerms(a: Term[], b: Term[]): Term[] {
  if (a.length * b.length > MAX_EXPANDED_TERMS)
    throw unsupported('This expansion has too many terms to show step by step');
  const out: Term[] = [];
  for (const s of a) {
    for (const t of b) {
      const m = new Map<string, number>(s.mono);
      for (const [v, k] of t.mono) m.set(v, (m.get(v) ?? 0) + k);
      out.push({
        mono: [...m.entries()].sort(([x], [y]) => (x < y ? -1 : 1)),
        coef: s.coef.mul(t.coef),
      });
    }
  }
  return out.filter((t) => !isZero(t.coef));
}

const termsExpr = (ts: Term[]): Expr => sumOf(ts.map((t) => termExpr(t.coef, t.mono)));

function collect(ts: Term[]): Poly {
  let p: Poly = new Map();
  for (const t of ts) p = padd(p, single(t));
  return p;
}
const single = (t: Term): Poly => pscale(monoPoly(t.mono), t.coef);
function monoPoly(m: Mono): Poly {
  let p = constPoly(ONE);
  for (const [v, k] of m)
    for (let i = 0; i < k; i++) p = pmul(p, new Map([[`${v}^1`, { mono: [[v, 1]], coef: ONE }]]));
  return p;
}

const hasLikeTerms = (ts: Term[]): boolean => {
  const keys = ts.map((t) => t.mono.map(([v, k]) => `${v}${k}`).join());
  return new Set(keys).size !== keys.length;
};

const sameTermsAsInput = (e: Expr, ts: Term[]): boolean => toLatex(e) === toLatex(termsExpr(ts));

/** Expand and collect; returns the polynomial. Used by simplify, expand and equation solvers. */
export function expandSteps(e: Expr, trail: Trail, start = true): Poly {
  const ts = expandTerms(e);
  if (ts === null) throw unsupported('Only polynomial expressions can be expanded and simplified');
  if (start) trail.expr(e, 'Start with the expression.', 'start');
  if (!sameTermsAsInput(e, ts)) {
    trail.expr(
      termsExpr(ts),
      'Expand the brackets: multiply every term inside by what is outside.',
      'expand-brackets',
    );
  }
  const p = collect(ts);
  if (hasLikeTerms(ts) || toLatex(polyExpr(p)) !== toLatex(termsExpr(ts))) {
    trail.expr(
      polyExpr(p),
      'Collect like terms: add the terms with the same power of the variable.',
      'collect-like-terms',
    );
  }
  return p;
}

/** Greatest common factor of the terms: number part and lowest power of each variable. */
function commonFactor(p: Poly): { coef: Q; mono: Mono } {
  const terms = [...p.values()];
  let g = 0n;
  let l = 1n;
  for (const t of terms) {
    g = bigGcd(g, t.coef.n);
    l = (l * t.coef.d) / bigGcd(l, t.coef.d);
  }
  const lead = terms.slice().sort((a, b) => monoDegree(b.mono) - monoDegree(a.mono))[0];
  const sgn = lead && isNegative(lead.coef) ? -1n : 1n;
  const vars = pVars(p);
  const mono: [string, number][] = [];
  for (const v of vars) {
    const k = Math.min(...terms.map((t) => t.mono.find(([x]) => x === v)?.[1] ?? 0));
    if (k > 0) mono.push([v, k]);
  }
  return { coef: q(sgn * g, l), mono };
}

function divideMono(p: Poly, coef: Q, mono: Mono): Poly {
  const out = new Map<string, Term>();
  for (const t of p.values()) {
    const m = t.mono
      .map(([v, k]) => [v, k - (mono.find(([x]) => x === v)?.[1] ?? 0)] as const)
      .filter(([, k]) => k > 0);
    out.set(m.map(([v, k]) => `${v}^${k}`).join('*'), { mono: m, coef: t.coef.div(coef) });
  }
  return out;
}

/** Linear factor (d·x − n) for a root n/d, with integer coefficients. */
function linearFactor(v: string, r: Q): Expr {
  const d = r.d;
  const x = d === 1n ? sym(v) : mul(num(q(d)), sym(v));
  if (isZero(r)) return sym(v);
  return isNegative(r) ? sumOf([x, num(q(r.n))]) : sub(x, num(q(r.n)));
}

/** Factor a polynomial completely over the rationals (up to one irreducible leftover). */
export function factorSteps(e: Expr, trail: Trail): Expr {
  const p = expandSteps(e, trail);
  const vars = pVars(p);
  if (p.size <= 1) return polyExpr(p);
  const cf = commonFactor(p);
  const rest = divideMono(p, cf.coef, cf.mono);
  const cfExpr = termExpr(cf.coef, cf.mono);
  const hasCommon = !(cf.coef.equals(ONE) && cf.mono.length === 0);
  const withCommon = (inner: Expr): Expr =>
    hasCommon
      ? isOneExpr(cfExpr)
        ? inner
        : cfExpr.k === 'neg' && isOneExpr(cfExpr.a)
          ? { k: 'neg', a: inner }
          : mul(cfExpr, inner)
      : inner;
  if (hasCommon) {
    trail.expr(
      withCommon(polyExpr(rest)),
      `Take out the common factor $${toLatex(cfExpr)}$ from every term.`,
      'common-factor',
    );
  }
  if (vars.length === 1) {
    const v = vars[0] as string;
    const u = toUni(rest, v);
    if (u === null) throw unsupported('Cannot factor this expression');
    const factors = factorUni(u, v);
    if (factors === null) {
      if (uDeg(u) <= 3) {
        trail.expr(
          withCommon(polyExpr(rest)),
          `$${toLatex(polyExpr(rest))}$ has no rational roots, so it does not factor further over the fractions.`,
          'irreducible',
        );
        return withCommon(polyExpr(rest));
      }
      throw unsupported(
        'Factoring polynomials of degree 4 or more without rational roots is not supported',
      );
    }
    const result = withCommon(factors.expr);
    trail.expr(result, factors.why, factors.rule);
    return result;
  }
  const dos = differenceOfSquares(rest);
  if (dos !== null) {
    const result = withCommon(dos);
    trail.expr(
      result,
      'Use the difference of two squares: $a^2 - b^2 = (a - b)(a + b)$.',
      'difference-of-squares',
    );
    return result;
  }
  const hom = homogeneousQuadratic(rest);
  if (hom !== null) {
    const result = withCommon(hom.expr);
    trail.expr(result, hom.why, hom.rule);
    return result;
  }
  if (!hasCommon)
    throw unsupported('Factoring this expression with several variables is not supported');
  return withCommon(polyExpr(rest));
}

const isOneExpr = (e: Expr): boolean => e.k === 'num' && e.v.equals(ONE);

function factorUni(u: Q[], v: string): { expr: Expr; why: string; rule: string } | null {
  const deg = uDeg(u);
  if (deg <= 1) return null;
  const split = rootFactors(u);
  if (split.factors.length === 0) return null;
  const { rest } = split;
  const roots = split.factors.map((f) => f.root);
  const factors = split.factors.map(({ root, times }) => ({ r: root, k: times }));
  const parts: Expr[] = [];
  const restConst = uDeg(rest) === 0 ? (rest[0] as Q) : null;
  if (restConst === null) parts.push(polyExpr(fromUni(rest, v)));
  for (const { r, k } of factors)
    parts.push(k === 1 ? linearFactor(v, r) : pow(linearFactor(v, r), num(k)));
  let expr = productOf(restConst === null ? [...parts.slice(1), parts[0] as Expr] : parts);
  if (restConst !== null && !restConst.equals(ONE))
    expr = restConst.equals(q(-1)) ? { k: 'neg', a: expr } : mul(rat(restConst), expr);
  const lead = u[u.length - 1] as Q;
  let why = `Find the roots by trying the factors of the constant term: ${roots.map((r) => `$${toLatex(rat(r))}$`).join(', ')}; each root $r$ gives a factor $(${v} - r)$.`;
  let rule = 'factor-by-roots';
  if (deg === 2 && isZero(u[1] as Q) && factors.length === 2) {
    why = 'Use the difference of two squares: $a^2 - b^2 = (a - b)(a + b)$.';
    rule = 'difference-of-squares';
  } else if (deg === 2 && factors.length === 1 && (factors[0] as { k: number }).k === 2) {
    why = 'This is a perfect square: $a^2 \\pm 2ab + b^2 = (a \\pm b)^2$.';
    rule = 'perfect-square';
  } else if (deg === 2 && lead.equals(ONE) && factors.length === 2) {
    const [a, b] = roots as [Q, Q];
    why = `Find two numbers that multiply to $${toLatex(rat(a.mul(b)))}$ and add to $${toLatex(rat(a.add(b).neg()))}$: they are $${toLatex(rat(a.neg()))}$ and $${toLatex(rat(b.neg()))}$.`;
    rule = 'factor-trinomial';
  }
  return { expr, why, rule };
}

/**
 * a·x² + b·xy + c·y² (two variables, every term of degree 2): factors like the
 * one-variable a·t² + b·t + c with t = x/y, when that has rational roots.
 */
function homogeneousQuadratic(p: Poly): { expr: Expr; why: string; rule: string } | null {
  const vars = pVars(p);
  if (vars.length !== 2 || [...p.values()].some((t) => monoDegree(t.mono) !== 2)) return null;
  const [x, y] = vars as [string, string];
  const coef = (ex: number): Q => {
    const key = ex === 2 ? `${x}^2` : ex === 1 ? `${x}^1*${y}^1` : `${y}^2`;
    return p.get(key)?.coef ?? q(0);
  };
  const u = [coef(0), coef(1), coef(2)];
  if (isZero(u[2] as Q) || isZero(u[0] as Q)) return null;
  const roots = rationalRoots(u);
  if (roots.length === 0) return null;
  // Each root n/d of a·t² + b·t + c gives the factor (d·x − n·y).
  const lin = (r: Q): Expr =>
    polyExpr(padd(pscale(monoPolyOf(x), q(r.d)), pscale(monoPolyOf(y), q(-r.n * r.s))));
  let left: Q[] = u;
  const parts: Expr[] = [];
  for (const r of roots) {
    for (;;) {
      const { quo, rem } = uDivmod(left, [q(-r.n * r.s), q(r.d)]);
      if (rem.length !== 0) break;
      left = quo;
      parts.push(lin(r));
    }
  }
  const k = left[0] as Q;
  if (uDeg(left) !== 0 || parts.length !== 2) return null;
  const [f1, f2] = parts as [Expr, Expr];
  const body = toLatex(f1) === toLatex(f2) ? pow(f1, num(2)) : mul(f1, f2);
  const expr = k.equals(ONE)
    ? body
    : k.equals(q(-1))
      ? ({ k: 'neg', a: body } as Expr)
      : mul(rat(k), body);
  const square = toLatex(f1) === toLatex(f2);
  return {
    expr,
    why: square
      ? 'This is a perfect square: $a^2 \\pm 2ab + b^2 = (a \\pm b)^2$.'
      : 'Factor the trinomial: find the two brackets whose product gives these three terms.',
    rule: square ? 'perfect-square' : 'factor-trinomial',
  };
}

const monoPolyOf = (v: string): Poly => new Map([[`${v}^1`, { mono: [[v, 1]], coef: ONE }]]);

/** a²X − b²Y where both are perfect squares (monomials with even powers). */
function differenceOfSquares(p: Poly): Expr | null {
  const terms = [...p.values()];
  if (terms.length !== 2) return null;
  const pos = terms.find((t) => !isNegative(t.coef));
  const negT = terms.find((t) => isNegative(t.coef));
  if (!pos || !negT) return null;
  const root = (t: Term, c: Q): Expr | null => {
    const s = sqrtQ(c);
    if (s === null || t.mono.some(([, k]) => k % 2 !== 0)) return null;
    return termExpr(
      s,
      t.mono.map(([v, k]) => [v, k / 2] as const),
    );
  };
  const a = root(pos, pos.coef);
  const b = root(negT, negT.coef.neg());
  if (a === null || b === null) return null;
  return mul(sub(a, b), sumOf([a, b]));
}

export { collect };
