/** Isolating one function of the unknown (|A|, √A, b^A, log A): `k·F + rest = 0` → `F = −rest/k`. */
import { contains, freeVars, sameTree, sub, substitute, sym } from './expr.ts';
import type { Equation, Expr, Relation } from './expr.ts';
import { pConst, pVars, polyExpr, pscale, toRational } from './poly.ts';
import { isNegative, ONE } from './q.ts';
import type { Q } from './q.ts';
import { flipRelation } from './verify.ts';

/** A name no user can write (the reader splits letters), standing for the isolated part. */
const HOLE = 'hole_';

export function replace(e: Expr, target: Expr, by: Expr): Expr {
  if (sameTree(e, target)) return by;
  switch (e.k) {
    case 'num':
    case 'sym':
      return e;
    case 'neg':
      return { k: 'neg', a: replace(e.a, target, by) };
    case 'fn':
      return { k: 'fn', name: e.name, a: replace(e.a, target, by) };
    case 'deriv':
      return { k: 'deriv', a: replace(e.a, target, by), v: e.v };
    case 'bin':
      return { k: 'bin', op: e.op, a: replace(e.a, target, by), b: replace(e.b, target, by) };
  }
}

/** Every distinct subtree matching `pred` that contains v. */
export function partsWith(e: Expr, v: string, pred: (x: Expr) => boolean): Expr[] {
  const out: Expr[] = [];
  const walk = (x: Expr): void => {
    if (pred(x) && freeVars(x).has(v)) {
      if (!out.some((y) => sameTree(x, y))) out.push(x);
      return;
    }
    if (x.k === 'neg' || x.k === 'fn' || x.k === 'deriv') walk(x.a);
    else if (x.k === 'bin') {
      walk(x.a);
      walk(x.b);
    }
  };
  walk(e);
  return out;
}

/**
 * `part rel rhs` with rhs a polynomial in v, when the equation is linear in `part` with a
 * constant coefficient; null otherwise.
 */
/** Names for constant function values (ln 3, √2) while the rest is read as a polynomial. */
const CONSTANT = 'const_';

/** Replace each function of numbers only (ln 3, √2, sin 1) by a name, so it counts as a number. */
function opaqueConstants(e: Expr, found: Expr[]): Expr {
  if (e.k === 'fn' && freeVars(e).size === 0 && !contains(e, (x) => x.k === 'sym')) {
    let k = found.findIndex((x) => sameTree(x, e));
    if (k < 0) k = found.push(e) - 1;
    return sym(`${CONSTANT}${k}`);
  }
  switch (e.k) {
    case 'num':
    case 'sym':
    case 'deriv':
      return e;
    case 'neg':
      return { k: 'neg', a: opaqueConstants(e.a, found) };
    case 'fn':
      return { k: 'fn', name: e.name, a: opaqueConstants(e.a, found) };
    case 'bin':
      return {
        k: 'bin',
        op: e.op,
        a: opaqueConstants(e.a, found),
        b: opaqueConstants(e.b, found),
      };
  }
}

export function isolate(e: Equation, part: Expr, v: string): Equation | null {
  const constants: Expr[] = [];
  const diff = opaqueConstants(replace(sub(e.lhs, e.rhs), part, sym(HOLE)), constants);
  if (contains(diff, (x) => sameTree(x, part))) return null;
  let r;
  try {
    r = toRational(diff);
  } catch {
    return null;
  }
  if (r === null || pConst(r.den) === null) return null;
  const scale = ONE.div(pConst(r.den) as NonNullable<ReturnType<typeof pConst>>);
  const n = pscale(r.num, scale);
  if (pVars(n).some((x) => x !== v && x !== HOLE && !x.startsWith(CONSTANT))) return null;
  const k = n.get(`${HOLE}^1`)?.coef;
  if (k === undefined) return null;
  const rest = new Map([...n].filter(([key]) => key !== `${HOLE}^1`));
  if ([...rest.values()].some((t) => t.mono.some(([x]) => x === HOLE))) return null;
  const back = new Map(constants.map((c, j) => [`${CONSTANT}${j}`, c]));
  const rhs = substitute(polyExpr(pscale(rest, ONE.div(k.neg()))), back);
  const rel: Relation = isNegative(k) ? flipRelation(e.rel) : e.rel;
  return { lhs: part, rel, rhs };
}

const HOLES = ['hole_a', 'hole_b'];

/** Coefficients of e = k1·p1 + k2·p2 + rest (constant k1, k2), or null. */
export function linearIn(e: Expr, parts: readonly [Expr, Expr]): [Q, Q, Expr] | null {
  const d = replace(
    replace(e, parts[0], sym(HOLES[0] as string)),
    parts[1],
    sym(HOLES[1] as string),
  );
  let r;
  try {
    r = toRational(d);
  } catch {
    return null;
  }
  if (r === null || pConst(r.den) === null) return null;
  const n = pscale(r.num, ONE.div(pConst(r.den) as Q));
  const k = HOLES.map((h) => n.get(`${h}^1`)?.coef);
  if (k[0] === undefined || k[1] === undefined) return null;
  const rest = new Map([...n].filter(([key]) => !HOLES.some((h) => key.includes(h))));
  if (rest.size + 2 !== n.size) return null;
  return [k[0], k[1], polyExpr(rest)];
}
