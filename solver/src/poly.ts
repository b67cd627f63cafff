/**
 * Exact polynomials with rational coefficients: multivariate (for expanding, collecting
 * and comparing expressions exactly) and univariate helpers (gcd, square-free part,
 * rational roots) used to decide whether two equations have the same solutions.
 */
import { SolverError } from './errors.ts';
import { mul as emul, num, pow as epow, rat, sumOf, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { bigAbs, bigLcm, isNegative, isZero, ONE, q, sqrtQ, ZERO } from './q.ts';
import type { Q } from './q.ts';

/** A monomial: variable → exponent (positive), sorted by name. */
export type Mono = ReadonlyArray<readonly [string, number]>;
export interface Term {
  readonly mono: Mono;
  readonly coef: Q;
}
export type Poly = ReadonlyMap<string, Term>;

export const monoKey = (m: Mono): string => m.map(([v, e]) => `${v}^${e}`).join('*');
export const monoDegree = (m: Mono): number => m.reduce((s, [, e]) => s + e, 0);

export const constPoly = (c: Q): Poly =>
  isZero(c) ? new Map() : new Map([['', { mono: [], coef: c }]]);
export const varPoly = (v: string): Poly => new Map([[`${v}^1`, { mono: [[v, 1]], coef: ONE }]]);

function addTerm(out: Map<string, Term>, mono: Mono, coef: Q): void {
  const key = monoKey(mono);
  const prev = out.get(key);
  const sum = prev ? prev.coef.add(coef) : coef;
  if (isZero(sum)) out.delete(key);
  else out.set(key, { mono, coef: sum });
}

export function padd(a: Poly, b: Poly): Poly {
  const out = new Map(a);
  for (const t of b.values()) addTerm(out, t.mono, t.coef);
  return out;
}

export const pscale = (a: Poly, k: Q): Poly => {
  const out = new Map<string, Term>();
  if (isZero(k)) return out;
  for (const [key, t] of a) out.set(key, { mono: t.mono, coef: t.coef.mul(k) });
  return out;
};

export const pneg = (a: Poly): Poly => pscale(a, q(-1));
export const psub = (a: Poly, b: Poly): Poly => padd(a, pneg(b));

function monoMul(a: Mono, b: Mono): Mono {
  const m = new Map<string, number>(a);
  for (const [v, e] of b) m.set(v, (m.get(v) ?? 0) + e);
  return [...m.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

export function pmul(a: Poly, b: Poly): Poly {
  const out = new Map<string, Term>();
  for (const s of a.values())
    for (const t of b.values()) addTerm(out, monoMul(s.mono, t.mono), s.coef.mul(t.coef));
  return out;
}

/** Largest exponent we expand: beyond this the step text is unreadable anyway. */
const MAX_EXPAND_POWER = 12;

export function ppow(a: Poly, n: number): Poly {
  if (n > MAX_EXPAND_POWER)
    throw new SolverError('unsupported', `Power ${n} is too large to expand`);
  let r = constPoly(ONE);
  for (let k = 0; k < n; k++) r = pmul(r, a);
  return r;
}

export const pIsZero = (a: Poly): boolean => a.size === 0;
export const pDegree = (a: Poly): number =>
  Math.max(-Infinity, ...[...a.values()].map((t) => monoDegree(t.mono)));
export function pConst(a: Poly): Q | null {
  if (a.size === 0) return ZERO;
  if (a.size === 1 && a.has('')) return (a.get('') as Term).coef;
  return null;
}
export function pVars(a: Poly): string[] {
  const s = new Set<string>();
  for (const t of a.values()) for (const [v] of t.mono) s.add(v);
  return [...s].sort();
}
export const pEqual = (a: Poly, b: Poly): boolean => pIsZero(psub(a, b));

/** A rational function num/den. */
export interface Rational {
  readonly num: Poly;
  readonly den: Poly;
}

/** Rational constant value of an expression with no variables, if exactly computable. */
export function constValue(e: Expr): Q | null {
  const r = toRational(e);
  if (r === null) return null;
  const n = pConst(r.num);
  const d = pConst(r.den);
  return n === null || d === null ? null : n.div(d);
}

/**
 * The expression as a ratio of polynomials, or null when it is not one (roots of
 * non-squares, functions, π…). Throws `division-by-zero` on a literal division by 0.
 */
export function toRational(e: Expr): Rational | null {
  const one = constPoly(ONE);
  switch (e.k) {
    case 'num':
      return { num: constPoly(e.v), den: one };
    case 'sym':
      if (e.name === 'pi' || e.name === 'e' || e.name === 'i') return null;
      return { num: varPoly(e.name), den: one };
    case 'neg': {
      const a = toRational(e.a);
      return a && { num: pneg(a.num), den: a.den };
    }
    case 'deriv':
      return null;
    case 'fn': {
      if (e.name !== 'sqrt') return null;
      const v = constValue(e.a);
      const r = v === null ? null : sqrtQ(v);
      return r === null ? null : { num: constPoly(r), den: one };
    }
    case 'bin': {
      if (e.op === '±') return null;
      const a = toRational(e.a);
      if (a === null) return null;
      if (e.op === '^') {
        const n = constValue(e.b);
        if (n === null || n.d !== 1n) return null;
        const k = Number(n.s * n.n);
        if (k >= 0) return { num: ppow(a.num, k), den: ppow(a.den, k) };
        if (pIsZero(a.num))
          throw new SolverError(
            'division-by-zero',
            'Zero to a negative power is a division by zero',
          );
        return { num: ppow(a.den, -k), den: ppow(a.num, -k) };
      }
      const b = toRational(e.b);
      if (b === null) return null;
      switch (e.op) {
        case '+':
        case '-': {
          const sameDen = pEqual(a.den, b.den);
          const an = sameDen ? a.num : pmul(a.num, b.den);
          const bn = sameDen ? b.num : pmul(b.num, a.den);
          return normalize({
            num: e.op === '+' ? padd(an, bn) : psub(an, bn),
            den: sameDen ? a.den : pmul(a.den, b.den),
          });
        }
        case '*':
          return normalize({ num: pmul(a.num, b.num), den: pmul(a.den, b.den) });
        case '/':
          if (pIsZero(b.num)) throw new SolverError('division-by-zero', 'Division by zero');
          return normalize({ num: pmul(a.num, b.den), den: pmul(a.den, b.num) });
      }
    }
  }
  return null;
}

/** Fold a constant denominator into the numerator. */
function normalize(r: Rational): Rational {
  const d = pConst(r.den);
  if (d !== null && !isZero(d)) return { num: pscale(r.num, ONE.div(d)), den: constPoly(ONE) };
  return r;
}

export const isPolynomial = (r: Rational): boolean => pConst(r.den) !== null;

/** Exact equality of two rational functions (cross-multiplied). */
export const ratEqual = (a: Rational, b: Rational): boolean =>
  pEqual(pmul(a.num, b.den), pmul(b.num, a.den));

// ---------- printing ----------

function compareTerms(a: Term, b: Term): number {
  const da = monoDegree(a.mono);
  const db = monoDegree(b.mono);
  if (da !== db) return db - da;
  // Same degree: the higher power of the alphabetically first variable comes first (x², xy, y²).
  const vars = [...new Set([...a.mono, ...b.mono].map(([v]) => v))].sort();
  for (const v of vars) {
    const ea = a.mono.find(([x]) => x === v)?.[1] ?? 0;
    const eb = b.mono.find(([x]) => x === v)?.[1] ?? 0;
    if (ea !== eb) return eb - ea;
  }
  return 0;
}

export function monoExpr(m: Mono): Expr | null {
  if (m.length === 0) return null;
  const factors = m.map(([v, e]) => (e === 1 ? sym(v) : epow(sym(v), num(e))));
  return factors.slice(1).reduce((acc, f) => emul(acc, f), factors[0] as Expr);
}

/** A coefficient times a monomial, written the school way (x, -x, 3x, ½x → x/2 style). */
export function termExpr(coef: Q, mono: Mono): Expr {
  const m = monoExpr(mono);
  if (m === null) return rat(coef);
  const a = coef.abs();
  let body: Expr;
  if (a.equals(ONE)) body = m;
  else if (a.d === 1n) body = emul(num(a), m);
  // x/2 reads better than ½·x; 3/2·x stays a coefficient.
  else if (a.n === 1n) body = { k: 'bin', op: '/', a: m, b: num(q(a.d)) };
  else body = emul(rat(a), m);
  return isNegative(coef) ? { k: 'neg', a: body } : body;
}

/** Polynomial as a sum, highest degree first. */
export function polyExpr(p: Poly): Expr {
  const terms = [...p.values()].sort(compareTerms);
  if (terms.length === 0) return num(0);
  return sumOf(terms.map((t) => termExpr(t.coef, t.mono)));
}

// ---------- univariate ----------

/** Coefficients, lowest degree first; no trailing zeros. */
export type UPoly = Q[];

export function toUni(p: Poly, v: string): UPoly | null {
  const out: Q[] = [];
  for (const t of p.values()) {
    if (
      t.mono.length > 1 ||
      (t.mono.length === 1 && (t.mono[0] as readonly [string, number])[0] !== v)
    )
      return null;
    const e = t.mono.length === 0 ? 0 : (t.mono[0] as readonly [string, number])[1];
    while (out.length <= e) out.push(ZERO);
    out[e] = t.coef;
  }
  return trim(out);
}

export function fromUni(u: UPoly, v: string): Poly {
  const out = new Map<string, Term>();
  u.forEach((c, e) => {
    if (!isZero(c)) addTerm(out, e === 0 ? [] : [[v, e]], c);
  });
  return out;
}

export function trim(u: UPoly): UPoly {
  const out = [...u];
  while (out.length > 0 && isZero(out[out.length - 1] as Q)) out.pop();
  return out;
}

export const uDeg = (u: UPoly): number => trim(u).length - 1;
const lead = (u: UPoly): Q => u[u.length - 1] as Q;

export function uSub(a: UPoly, b: UPoly): UPoly {
  const n = Math.max(a.length, b.length);
  const out: Q[] = [];
  for (let k = 0; k < n; k++) out.push((a[k] ?? ZERO).sub(b[k] ?? ZERO));
  return trim(out);
}

export function uMul(a: UPoly, b: UPoly): UPoly {
  if (a.length === 0 || b.length === 0) return [];
  const out: Q[] = Array.from({ length: a.length + b.length - 1 }, () => ZERO);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = (out[i + j] as Q).add(x.mul(y)))));
  return trim(out);
}

export function uDivmod(a: UPoly, b: UPoly): { quo: UPoly; rem: UPoly } {
  const bt = trim(b);
  if (bt.length === 0) throw new Error('polynomial division by zero');
  let rem = trim(a);
  const quo: Q[] = Array.from({ length: Math.max(0, rem.length - bt.length + 1) }, () => ZERO);
  while (rem.length >= bt.length) {
    const shift = rem.length - bt.length;
    const f = lead(rem).div(lead(bt));
    quo[shift] = f;
    const sub: Q[] = Array.from({ length: shift }, () => ZERO).concat(bt.map((x) => x.mul(f)));
    rem = uSub(rem, sub);
  }
  return { quo: trim(quo), rem };
}

export function monic(u: UPoly): UPoly {
  const t = trim(u);
  if (t.length === 0) return t;
  const l = lead(t);
  return t.map((x) => x.div(l));
}

export function uGcd(a: UPoly, b: UPoly): UPoly {
  let x = trim(a);
  let y = trim(b);
  while (y.length > 0) [x, y] = [y, uDivmod(x, y).rem];
  return monic(x);
}

export const uDerivative = (u: UPoly): UPoly => trim(u.slice(1).map((c, k) => c.mul(q(k + 1))));

/** The square-free part: same roots, each once. */
export function squareFree(u: UPoly): UPoly {
  const t = trim(u);
  if (t.length <= 1) return monic(t);
  return monic(uDivmod(t, uGcd(t, uDerivative(t))).quo);
}

export function uEval(u: UPoly, x: Q): Q {
  let r = ZERO;
  for (let k = u.length - 1; k >= 0; k--) r = r.mul(x).add(u[k] as Q);
  return r;
}

export const uEqual = (a: UPoly, b: UPoly): boolean => uSub(a, b).length === 0;

/** Integer coefficients with no common factor and a positive leading one. */
export function primitive(u: UPoly): bigint[] {
  const t = trim(u);
  let l = 1n;
  for (const c of t) l = bigLcm(l, c.d);
  const ints = t.map((c) => (c.s * c.n * l) / c.d);
  let g = 0n;
  for (const x of ints) {
    let a = bigAbs(x);
    let b = g;
    while (b !== 0n) [a, b] = [b, a % b];
    g = a;
  }
  if (g === 0n) return ints;
  const sgn = (ints[ints.length - 1] as bigint) < 0n ? -1n : 1n;
  return ints.map((x) => (x / g) * sgn);
}

/** Largest |constant| or |leading| coefficient whose divisors we enumerate. */
const MAX_ROOT_SEARCH = 10_000_000n;

function divisors(n: bigint): bigint[] {
  n = bigAbs(n);
  if (n > MAX_ROOT_SEARCH)
    throw new SolverError('unsupported', 'Coefficients too large to search for rational roots');
  const out: bigint[] = [];
  for (let d = 1n; d * d <= n; d++) {
    if (n % d === 0n) {
      out.push(d);
      if (d * d !== n) out.push(n / d);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** All rational roots (distinct), by the rational root theorem. */
export function rationalRoots(u: UPoly): Q[] {
  let t = trim(u);
  const roots: Q[] = [];
  // Factor out x^k first so that a zero constant term does not hide other roots.
  if (t.length > 0 && isZero(t[0] as Q)) {
    roots.push(ZERO);
    while (t.length > 0 && isZero(t[0] as Q)) t = t.slice(1);
  }
  if (t.length <= 1) return roots;
  const ints = primitive(t);
  const ps = divisors(ints[0] as bigint);
  const qs = divisors(ints[ints.length - 1] as bigint);
  const seen = new Set<string>();
  for (const p of ps) {
    for (const d of qs) {
      for (const s of [1n, -1n]) {
        const r = q(s * p, d);
        const key = r.toFraction();
        if (seen.has(key)) continue;
        seen.add(key);
        if (isZero(uEval(t, r))) roots.push(r);
      }
    }
  }
  return roots.sort((a, b) => a.compare(b));
}

/** One rational root n/d of a polynomial, its factor d·x − n, and how often it divides. */
export interface RootFactor {
  root: Q;
  factor: UPoly;
  times: number;
}

/**
 * u = rest · Π factor^times over its rational roots (in rationalRoots' order): each root's
 * linear factor divided out as often as it repeats. `rest` has no rational root left.
 */
export function rootFactors(u: UPoly): { factors: RootFactor[]; rest: UPoly } {
  let rest = trim(u);
  const factors: RootFactor[] = [];
  for (const root of rationalRoots(rest)) {
    const factor = [q(-root.n * root.s), q(root.d)];
    let times = 0;
    for (let d = uDivmod(rest, factor); d.rem.length === 0; d = uDivmod(rest, factor)) {
      rest = d.quo;
      times++;
    }
    factors.push({ root, factor, times });
  }
  return { factors, rest };
}
