/** Roots of a quadratic written the school way: exact surds and complex numbers. */
import { add, bin, div, fn, mul, neg, num, rat, sub, sym } from './expr.ts';
import type { Expr } from './expr.ts';
import { bigGcd, q, splitSquare } from './q.ts';

export interface QuadRoots {
  /** Roots as trees, smaller (or "minus") first. */
  readonly roots: Expr[];
  /** The ± form (−B ± K√m)/A, or null when both roots are rational or B = 0. */
  readonly pm: Expr | null;
  /** √D simplified, for the explanation. */
  readonly sqrtD: Expr;
  readonly discriminant: bigint;
}

/** Roots of a·x² + b·x + c with integer coefficients (a > 0). */
export function quadraticRoots(a: bigint, b: bigint, c: bigint): QuadRoots {
  const D = b * b - 4n * a * c;
  const imaginary = D < 0n;
  const { outside: K0, inside: m } = splitSquare(imaginary ? -D : D);
  const g = bigGcd(bigGcd(b, K0), 2n * a);
  const B = -b / g;
  const K = K0 / g;
  const A = (2n * a) / g;
  const surdOf = (k: bigint): Expr => {
    let s: Expr =
      m === 1n
        ? num(q(k))
        : k === 1n
          ? fn('sqrt', num(q(m)))
          : mul(num(q(k)), fn('sqrt', num(q(m))));
    if (imaginary) s = m === 1n && k === 1n ? sym('i') : mul(s, sym('i'));
    return s;
  };
  const sqrtD = D === 0n ? num(0) : surdOf(K0);
  if (D === 0n || (!imaginary && m === 1n)) {
    // Rational roots (the caller usually factors instead).
    const r1 = q(-b - K0, 2n * a);
    const r2 = q(-b + K0, 2n * a);
    const roots = D === 0n ? [rat(r1)] : [rat(r1), rat(r2)];
    return { roots, pm: null, sqrtD, discriminant: D };
  }
  const surd = surdOf(K);
  const over = (e: Expr): Expr => (A === 1n ? e : div(e, num(q(A))));
  const Bexpr = B < 0n ? neg(num(q(-B))) : num(q(B));
  const minus = B === 0n ? neg(surd) : sub(Bexpr, surd);
  const plus = B === 0n ? surd : add(Bexpr, surd);
  const pm = B === 0n ? null : over(bin('±', Bexpr, surd));
  return { roots: [over(minus), over(plus)], pm, sqrtD, discriminant: D };
}
