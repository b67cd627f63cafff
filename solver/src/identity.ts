/**
 * Trig identities in one angle: tan = sin/cos, then sin x and cos x as two letters s, c,
 * reduced with s² + c² = 1 (whichever of s² → 1 − c², c² → 1 − s² gives fewer terms), and
 * a common factor of top and bottom cancelled. Every step has the same value (numeric check).
 */
import { unsupported } from './errors.ts';
import { contains, div, fn, freeVars, sameTree, substitute, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { divideExactly } from './multivariate.ts';
import { padd, pmul, polyExpr, ppow, psub, toRational, constPoly, varPoly } from './poly.ts';
import type { Poly } from './poly.ts';
import { toLatex } from './print.ts';
import { ONE } from './q.ts';
import type { Trail } from './trail.ts';

const S = 's_';
const CO = 'c_';

/** Trig functions of one variable (the angle), or null. */
function angleOf(e: Expr): Expr | null {
  let angle: Expr | null = null;
  let ok = true;
  const walk = (x: Expr): void => {
    if (x.k === 'fn' && (x.name === 'sin' || x.name === 'cos' || x.name === 'tan')) {
      if (angle === null) angle = x.a;
      else if (!sameTree(angle, x.a)) ok = false;
      return;
    }
    if (x.k === 'fn') ok = false;
    if (x.k === 'neg' || x.k === 'deriv') walk(x.a);
    if (x.k === 'bin') {
      walk(x.a);
      walk(x.b);
    }
  };
  walk(e);
  return ok ? angle : null;
}

export const isTrigIdentity = (e: Expr): boolean =>
  freeVars(e).size === 1 &&
  contains(e, (x) => x.k === 'fn' && (x.name === 'sin' || x.name === 'cos' || x.name === 'tan')) &&
  angleOf(e) !== null;

function replaceTrig(e: Expr, angle: Expr, tanToo: boolean): Expr {
  if (e.k === 'fn' && sameTree(e.a, angle)) {
    if (e.name === 'sin') return sym(S);
    if (e.name === 'cos') return sym(CO);
    if (e.name === 'tan') return tanToo ? div(sym(S), sym(CO)) : e;
  }
  if (e.k === 'neg') return { k: 'neg', a: replaceTrig(e.a, angle, tanToo) };
  if (e.k === 'bin')
    return {
      k: 'bin',
      op: e.op,
      a: replaceTrig(e.a, angle, tanToo),
      b: replaceTrig(e.b, angle, tanToo),
    };
  return e;
}

/** Every power v^k with k ≥ 2 written with w: v² = 1 − w². */
function reduce(p: Poly, v: string, w: string): Poly {
  let out: Poly = new Map();
  const oneMinus = psub(constPoly(ONE), ppow(varPoly(w), 2));
  for (const t of p.values()) {
    const k = t.mono.find(([x]) => x === v)?.[1] ?? 0;
    const rest: Poly = new Map([
      [
        t.mono
          .filter(([x]) => x !== v)
          .map(([x, e]) => `${x}^${e}`)
          .join('*'),
        { mono: t.mono.filter(([x]) => x !== v), coef: t.coef },
      ],
    ]);
    let term = pmul(rest, ppow(oneMinus, Math.floor(k / 2)));
    if (k % 2 === 1) term = pmul(term, varPoly(v));
    out = padd(out, term);
  }
  return out;
}

const back = (e: Expr, angle: Expr): Expr =>
  substitute(
    e,
    new Map([
      [S, fn('sin', angle)],
      [CO, fn('cos', angle)],
    ]),
  );

export function identitySteps(e: Expr, trail: Trail): Expr {
  const angle = angleOf(e);
  if (angle === null)
    throw unsupported(
      'Trig simplification is supported for sin, cos and tan of one angle, like tan(x)cos(x).',
    );
  trail.expr(e, 'Start with the expression.', 'start');
  let cur = e;
  if (contains(e, (x) => x.k === 'fn' && x.name === 'tan')) {
    cur = back(replaceTrig(e, angle, true), angle);
    trail.expr(cur, 'Write $\\tan$ as $\\frac{\\sin}{\\cos}$.', 'tan-as-quotient');
  }
  const r = toRational(replaceTrig(cur, angle, true));
  if (r === null)
    throw unsupported(
      'Only sums, products and quotients of sin, cos and tan can be simplified here.',
    );
  const options = [
    [reduce(r.num, S, CO), reduce(r.den, S, CO)],
    [reduce(r.num, CO, S), reduce(r.den, CO, S)],
  ] as const;
  const forms = options.map(([n, d]) => {
    const qd = divideExactly(n, d);
    return qd !== null ? polyExpr(qd) : div(polyExpr(n), polyExpr(d));
  });
  const size = (x: Expr): number => toLatex(x).length;
  const best = forms.reduce((a, b) => (size(b) < size(a) ? b : a));
  const out = back(best, angle);
  if (toLatex(out) !== toLatex(cur))
    trail.expr(
      out,
      'Use $\\sin^2 x + \\cos^2 x = 1$ and cancel common factors.',
      'pythagorean-identity',
    );
  return out;
}
