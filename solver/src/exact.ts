/**
 * Exact numbers beyond fractions: square roots (simplify, collect, rationalize), complex
 * numbers a + bi, and exact trig values at multiples of π/6 and π/4. Every step is an
 * expression with the same value as the one before (checked numerically by the trail).
 */
import { unsupported } from './errors.ts';
import { contains, div, fn, mul, neg, num, rat, substitute, sumOf, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { constValue, polyExpr, toRational } from './poly.ts';
import { toLatex } from './print.ts';
import { isNegative, isZero, ONE, q, ZERO } from './q.ts';
import type { Q } from './q.ts';
import type { Trail } from './trail.ts';

// ---------- square roots: sums of c·√m, m square-free ----------

/** Radicand → coefficient. */
type Surd = Map<bigint, Q>;

/** Largest radicand we factor by trial division (school numbers are far below). */
const MAX_RADICAND = 10n ** 12n;

/** n = s²·m with m square-free. */
function squarePart(n: bigint): [bigint, bigint] {
  if (n > MAX_RADICAND) throw unsupported('This square root is too large to simplify.');
  let s = 1n;
  let m = n;
  for (let p = 2n; p * p <= m; p++) {
    while (m % (p * p) === 0n) {
      m /= p * p;
      s *= p;
    }
  }
  return [s, m];
}

const surdOf = (m: bigint, c: Q): Surd => (isZero(c) ? new Map() : new Map([[m, c]]));

function sAdd(a: Surd, b: Surd, sign = 1): Surd {
  const out = new Map(a);
  for (const [m, c] of b) {
    const v = (out.get(m) ?? ZERO).add(sign > 0 ? c : c.neg());
    if (isZero(v)) out.delete(m);
    else out.set(m, v);
  }
  return out;
}

function sMul(a: Surd, b: Surd): Surd {
  let out: Surd = new Map();
  for (const [m1, c1] of a)
    for (const [m2, c2] of b) {
      const g = gcd(m1, m2);
      const [s, m] = squarePart((m1 / g) * (m2 / g));
      out = sAdd(out, surdOf(m, c1.mul(c2).mul(q(g * s))));
    }
  return out;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** √(p/q) for a rational ≥ 0: √(pq)/q. */
function sqrtOf(r: Q): Surd | null {
  if (isNegative(r)) return null;
  const [s, m] = squarePart(r.n * r.d);
  return surdOf(m, q(s).div(q(r.d)));
}

/** 1/a for a single term c√m (→ √m/(cm)) or p + q√m (→ conjugate over p² − q²m). */
function sInv(a: Surd): Surd | null {
  const terms = [...a];
  if (terms.length === 1) {
    const [m, c] = terms[0] as [bigint, Q];
    return surdOf(m, ONE.div(c.mul(q(m))));
  }
  if (terms.length === 2 && a.has(1n)) {
    const p = a.get(1n) as Q;
    const [m, c] = terms.find(([k]) => k !== 1n) as [bigint, Q];
    const d = p.mul(p).sub(c.mul(c).mul(q(m)));
    if (isZero(d)) return null;
    return sAdd(surdOf(1n, p.div(d)), surdOf(m, c.neg().div(d)));
  }
  return null;
}

export function toSurd(e: Expr): Surd | null {
  switch (e.k) {
    case 'num':
      return surdOf(1n, e.v);
    case 'neg': {
      const a = toSurd(e.a);
      return a && sAdd(new Map(), a, -1);
    }
    case 'fn': {
      if (e.name !== 'sqrt') return null;
      const v = constValue(e.a);
      return v === null ? null : sqrtOf(v);
    }
    case 'bin': {
      const a = toSurd(e.a);
      if (a === null) return null;
      if (e.op === '^') {
        const k = constValue(e.b);
        if (k === null || k.d !== 1n || k.n > 12n) return null;
        let out: Surd = surdOf(1n, ONE);
        for (let i = 0n; i < k.n; i++) out = sMul(out, a);
        return isNegative(k) ? sInv(out) : out;
      }
      const b = toSurd(e.b);
      if (b === null) return null;
      if (e.op === '+') return sAdd(a, b);
      if (e.op === '-') return sAdd(a, b, -1);
      if (e.op === '*') return sMul(a, b);
      if (e.op === '/') {
        if (b.size === 0) return null;
        const inv = sInv(b);
        return inv && sMul(a, inv);
      }
      return null;
    }
    default:
      return null;
  }
}

/** c·√m as a tree: 6√2, −√3/2, 5. */
function termExpr(m: bigint, c: Q): Expr {
  if (m === 1n) return rat(c);
  const root = fn('sqrt', num(q(m)));
  const a = c.abs();
  const top = a.n === 1n ? root : mul(num(q(a.n)), root);
  const body = a.d === 1n ? top : div(top, num(q(a.d)));
  return isNegative(c) ? neg(body) : body;
}

export function surdExpr(s: Surd): Expr {
  const terms = [...s].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (terms.length === 0) return num(0);
  return sumOf(terms.map(([m, c]) => termExpr(m, c)));
}

/** Each √(number) with a square factor, taken out: √72 → 6√2. */
function simplifyRoots(e: Expr): Expr {
  switch (e.k) {
    case 'fn': {
      if (e.name === 'sqrt') {
        const v = constValue(e.a);
        const s = v === null ? null : sqrtOf(v);
        if (s !== null) return surdExpr(s);
      }
      return fn(e.name, simplifyRoots(e.a));
    }
    case 'neg':
      return neg(simplifyRoots(e.a));
    case 'bin':
      return { k: 'bin', op: e.op, a: simplifyRoots(e.a), b: simplifyRoots(e.b) };
    default:
      return e;
  }
}

const hasSqrtDenominator = (e: Expr): boolean =>
  contains(
    e,
    (x) => x.k === 'bin' && x.op === '/' && contains(x.b, (y) => y.k === 'fn' && y.name === 'sqrt'),
  );

/** A square root of a number that does not come out whole (√12, not √16). */
export const hasRoot = (e: Expr): boolean =>
  contains(e, (x) => {
    if (x.k !== 'fn' || x.name !== 'sqrt') return false;
    const v = constValue(x.a);
    const s = v === null ? null : sqrtOf(v);
    return s === null || [...s.keys()].some((m) => m !== 1n);
  });

export function surdSteps(e: Expr, trail: Trail): Expr {
  const s = toSurd(e);
  if (s === null)
    throw unsupported(
      'Only sums, products and quotients of square roots of numbers can be simplified exactly, like sqrt(72) + sqrt(8) or 6/sqrt(3).',
    );
  trail.expr(e, 'Start with the expression.', 'start');
  let cur = e;
  const simpler = simplifyRoots(e);
  if (toLatex(simpler) !== toLatex(e)) {
    trail.expr(
      simpler,
      'Simplify each square root: take square factors out, $\\sqrt{a^2 b} = a\\sqrt{b}$.',
      'simplify-roots',
    );
    cur = simpler;
  }
  if (cur.k === 'bin' && cur.op === '/' && hasSqrtDenominator(cur)) {
    const d = toSurd(cur.b);
    const terms = d ? [...d] : [];
    const by =
      terms.length === 1
        ? termExpr(terms[0]?.[0] as bigint, ONE)
        : d && terms.length === 2 && d.has(1n)
          ? surdExpr(
              sAdd(
                surdOf(1n, d.get(1n) as Q),
                surdOf(
                  terms.find(([m]) => m !== 1n)?.[0] as bigint,
                  (terms.find(([m]) => m !== 1n)?.[1] as Q).neg(),
                ),
              ),
            )
          : null;
    if (by !== null) {
      const step = div(mul(cur.a, by), mul(cur.b, by));
      trail.expr(
        step,
        terms.length === 1
          ? `Rationalize the denominator: multiply top and bottom by $${toLatex(by)}$.`
          : `Rationalize the denominator: multiply top and bottom by the conjugate $${toLatex(by)}$.`,
        'rationalize',
      );
      const top = toSurd(step.k === 'bin' ? step.a : step);
      const bottom = toSurd(step.k === 'bin' ? step.b : step);
      if (top && bottom) {
        const mid = div(surdExpr(top), surdExpr(bottom));
        if (toLatex(mid) !== toLatex(step))
          trail.expr(
            mid,
            'Multiply out the top and the bottom ($\\sqrt{a}\\cdot\\sqrt{a} = a$).',
            'multiply-out',
          );
      }
    }
  }
  const out = surdExpr(s);
  if (toLatex(out) !== trail.steps.at(-1)?.latex)
    trail.expr(out, 'Collect like roots and simplify.', 'collect-roots');
  return out;
}

// ---------- complex numbers ----------

const I = sym('i');
const HOLE_I = 'i_';

interface Complex {
  readonly re: Q;
  readonly im: Q;
}

function toComplex(e: Expr): Complex | null {
  switch (e.k) {
    case 'num':
      return { re: e.v, im: ZERO };
    case 'sym':
      return e.name === 'i' ? { re: ZERO, im: ONE } : null;
    case 'neg': {
      const a = toComplex(e.a);
      return a && { re: a.re.neg(), im: a.im.neg() };
    }
    case 'bin': {
      const a = toComplex(e.a);
      if (a === null) return null;
      if (e.op === '^') {
        const k = constValue(e.b);
        if (k === null || k.d !== 1n || k.n > 64n) return null;
        let out: Complex = { re: ONE, im: ZERO };
        for (let j = 0n; j < k.n; j++) out = cMul(out, a);
        return isNegative(k) ? cInv(out) : out;
      }
      const b = toComplex(e.b);
      if (b === null) return null;
      if (e.op === '+') return { re: a.re.add(b.re), im: a.im.add(b.im) };
      if (e.op === '-') return { re: a.re.sub(b.re), im: a.im.sub(b.im) };
      if (e.op === '*') return cMul(a, b);
      if (e.op === '/') {
        const inv = cInv(b);
        return inv && cMul(a, inv);
      }
      return null;
    }
    default:
      return null;
  }
}

const cMul = (a: Complex, b: Complex): Complex => ({
  re: a.re.mul(b.re).sub(a.im.mul(b.im)),
  im: a.re.mul(b.im).add(a.im.mul(b.re)),
});

function cInv(a: Complex): Complex | null {
  const d = a.re.mul(a.re).add(a.im.mul(a.im));
  return isZero(d) ? null : { re: a.re.div(d), im: a.im.neg().div(d) };
}

export function complexExpr(z: Complex): Expr {
  const imPart = z.im.equals(ONE) ? I : z.im.equals(q(-1)) ? neg(I) : mul(rat(z.im), I);
  if (isZero(z.im)) return rat(z.re);
  if (isZero(z.re)) return imPart;
  return sumOf([
    rat(z.re),
    isNegative(z.im) ? neg(z.im.equals(q(-1)) ? I : mul(rat(z.im.neg()), I)) : imPart,
  ]);
}

export const hasI = (e: Expr): boolean => contains(e, (x) => x.k === 'sym' && x.name === 'i');

/** Multiply out with i as a letter, then use i² = −1. */
function expandWithI(e: Expr): Expr | null {
  let r;
  try {
    r = toRational(substitute(e, new Map([['i', sym(HOLE_I)]])));
  } catch {
    return null; // a power too large to expand: go straight to the value
  }
  if (r === null || r.den.size !== 1) return null;
  return substitute(polyExpr(r.num), new Map([[HOLE_I, I]]));
}

export function complexSteps(e: Expr, trail: Trail): Expr {
  const z = toComplex(e);
  if (z === null)
    throw unsupported(
      'Complex numbers are supported with +, −, ×, ÷ and whole powers, like (1+2i)(3-i) or (3+4i)/(1-2i).',
    );
  trail.expr(e, 'Start with the expression; $i$ is the imaginary unit, $i^2 = -1$.', 'start');
  let cur = e;
  if (e.k === 'bin' && e.op === '/' && hasI(e.b)) {
    const d = toComplex(e.b);
    if (d !== null) {
      const conj = complexExpr({ re: d.re, im: d.im.neg() });
      cur = div(mul(e.a, conj), mul(e.b, conj));
      trail.expr(
        cur,
        `Multiply top and bottom by the conjugate of the bottom, $${toLatex(conj)}$.`,
        'conjugate',
      );
      const top = toComplex(cur.k === 'bin' ? cur.a : cur);
      const bottom = toComplex(cur.k === 'bin' ? cur.b : cur);
      if (top && bottom) {
        cur = div(complexExpr(top), complexExpr(bottom));
        trail.expr(
          cur,
          'Multiply out the top and the bottom, using $i^2 = -1$ (the bottom becomes a real number).',
          'multiply-out',
        );
      }
    }
  } else {
    const expanded = expandWithI(e);
    if (expanded !== null && toLatex(expanded) !== toLatex(e)) {
      trail.expr(expanded, 'Multiply out the brackets, treating $i$ like a letter.', 'expand');
      cur = expanded;
    }
  }
  const out = complexExpr(z);
  if (toLatex(out) !== toLatex(cur))
    trail.expr(out, 'Use $i^2 = -1$ and collect the real and the imaginary parts.', 'i-squared');
  return out;
}

// ---------- exact trig values ----------

const PI_HOLE = 'p_';
const TRIG_NAMES = new Set(['sin', 'cos', 'tan']);

export const hasTrigValue = (e: Expr): boolean =>
  contains(e, (x) => x.k === 'fn' && TRIG_NAMES.has(x.name));

/** The angle as a rational multiple of π, or null. */
function piMultiple(e: Expr): Q | null {
  const r = toRational(substitute(e, new Map([['pi', sym(PI_HOLE)]])));
  if (r === null) return null;
  const d = constValue(polyExpr(r.den));
  if (d === null) return null;
  const num0 = r.num.get('');
  const lin = r.num.get(`${PI_HOLE}^1`);
  if (r.num.size > (num0 ? 1 : 0) + (lin ? 1 : 0)) return null;
  if (num0 && !isZero(num0.coef)) return null;
  return (lin?.coef ?? ZERO).div(d);
}

const HALF = q(1, 2);
const R2 = div(fn('sqrt', num(2)), num(2));
const R3 = div(fn('sqrt', num(3)), num(2));
/** sin and cos at the reference angles 0, π/6, π/4, π/3, π/2 (in units of π). */
const TABLE: readonly [Q, Expr, Expr][] = [
  [ZERO, num(0), num(1)],
  [q(1, 6), rat(HALF), R3],
  [q(1, 4), R2, R2],
  [q(1, 3), R3, rat(HALF)],
  [HALF, num(1), num(0)],
];

export function exactTrig(name: string, k: Q): { value: Expr; why: string } | null {
  // Reduce to [0, 2) then to the reference angle in [0, 1/2] with the quadrant's signs.
  let t = k.sub(q(2).mul(k.div(q(2)).floor()));
  const [sinSign, cosSign, ref] =
    t.compare(HALF) <= 0
      ? [1, 1, t]
      : t.compare(ONE) <= 0
        ? [1, -1, ONE.sub(t)]
        : t.compare(q(3, 2)) <= 0
          ? [-1, -1, t.sub(ONE)]
          : [-1, 1, q(2).sub(t)];
  const row = TABLE.find(([a]) => a.equals(ref));
  if (!row) return null;
  const [, s, c0] = row;
  const signed = (e: Expr, sg: number): Expr =>
    sg < 0 && !(e.k === 'num' && isZero(e.v)) ? neg(e) : e;
  const sv = signed(s, sinSign);
  const cv = signed(c0, cosSign);
  t = ref;
  let value: Expr;
  if (name === 'sin') value = sv;
  else if (name === 'cos') value = cv;
  else {
    if (c0.k === 'num' && isZero(c0.v)) return null;
    const tv = toSurd(div(sv, cv));
    if (tv === null) return null;
    value = surdExpr(tv);
  }
  const quadrant = k.equals(ref)
    ? ''
    : ` (reference angle $${toLatex(mul(rat(t), sym('pi')))}$; the sign comes from the quadrant)`;
  return { value, why: quadrant };
}

function replaceTrig(e: Expr, notes: string[]): Expr {
  switch (e.k) {
    case 'fn': {
      if (TRIG_NAMES.has(e.name)) {
        const k = piMultiple(e.a);
        const ex = k === null ? null : exactTrig(e.name, k);
        if (ex === null) {
          if (k !== null && e.name === 'tan')
            throw unsupported(`$${toLatex(e)}$ is undefined: the cosine is 0 there.`);
          throw unsupported(
            'Exact trig values are known at multiples of π/6 and π/4 (like cos(pi/4) or sin(5pi/6)); other angles have no simple exact value.',
          );
        }
        notes.push(`$${toLatex(e)} = ${toLatex(ex.value)}$${ex.why}`);
        return ex.value;
      }
      return fn(e.name, replaceTrig(e.a, notes));
    }
    case 'neg':
      return neg(replaceTrig(e.a, notes));
    case 'bin':
      return { k: 'bin', op: e.op, a: replaceTrig(e.a, notes), b: replaceTrig(e.b, notes) };
    default:
      return e;
  }
}

export function trigValueSteps(e: Expr, trail: Trail): Expr {
  trail.expr(e, 'Start with the expression.', 'start');
  const notes: string[] = [];
  const replaced = replaceTrig(e, notes);
  trail.expr(
    replaced,
    `Use the exact values from the unit circle: ${notes.join('; ')}.`,
    'exact-trig-values',
  );
  const s = toSurd(replaced);
  if (s === null) throw unsupported('The exact values could not be combined exactly.');
  const out = surdExpr(s);
  if (toLatex(out) !== toLatex(replaced)) trail.expr(out, 'Simplify.', 'simplify');
  return out;
}
