/** Exact rational numbers (fraction.js through mathjs): no 0.30000000000000004 anywhere. */
import { fraction } from 'mathjs';
import type { Fraction } from 'mathjs';

export type Q = Fraction;

export const q = (n: number | bigint | string, d?: number | bigint): Q => {
  if (d === undefined) return typeof n === 'string' ? fraction(n) : fraction(n as number);
  return fraction(BigInt(n), BigInt(d));
};

export const ZERO = q(0);
export const ONE = q(1);

export const isZero = (a: Q): boolean => a.n === 0n;
export const isInteger = (a: Q): boolean => a.d === 1n;
export const isNegative = (a: Q): boolean => a.s < 0n && a.n !== 0n;
export const sign = (a: Q): number => (a.n === 0n ? 0 : a.s < 0n ? -1 : 1);
export const toNumber = (a: Q): number => a.valueOf();

export const bigAbs = (a: bigint): bigint => (a < 0n ? -a : a);

export function bigGcd(a: bigint, b: bigint): bigint {
  a = bigAbs(a);
  b = bigAbs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export const bigLcm = (a: bigint, b: bigint): bigint =>
  a === 0n || b === 0n ? 0n : bigAbs(a * b) / bigGcd(a, b);

/** Exact integer square root, or null when `n` is not a perfect square. */
export function bigSqrtExact(n: bigint): bigint | null {
  if (n < 0n) return null;
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton refinement: the float estimate can be off for big numbers.
  for (let i = 0; i < 100; i++) {
    const next = (x + n / x) / 2n;
    if (next >= x - 1n && next <= x + 1n) {
      x = next;
      break;
    }
    x = next;
  }
  for (let c = x - 2n; c <= x + 2n; c++) if (c >= 0n && c * c === n) return c;
  return null;
}

/** Exact square root of a rational, or null. */
export function sqrtQ(a: Q): Q | null {
  if (isNegative(a)) return null;
  const n = bigSqrtExact(a.n);
  const d = bigSqrtExact(a.d);
  return n === null || d === null ? null : q(n, d);
}

/** Split n = k^2 * m with m square-free (trial division; our numbers are small). */
export function splitSquare(n: bigint): { outside: bigint; inside: bigint } {
  let outside = 1n;
  let inside = n;
  for (let p = 2n; p * p <= inside; p++) {
    while (inside % (p * p) === 0n) {
      inside /= p * p;
      outside *= p;
    }
  }
  return { outside, inside };
}

/** Decimal text when the fraction terminates within `maxDigits`, else null. */
export function terminatingDecimal(a: Q, maxDigits = 12): string | null {
  let d = a.d;
  let twos = 0;
  let fives = 0;
  for (; d % 2n === 0n; twos++) d /= 2n;
  for (; d % 5n === 0n; fives++) d /= 5n;
  if (d !== 1n) return null;
  // n / (2^a·5^b) has exactly max(a, b) decimals. More than `maxDigits` would be rounded
  // by toString, and a rounded number shown as exact is a wrong step (1/65536 is not
  // 0.000015258789): the caller shows the fraction instead.
  if (Math.max(twos, fives) > maxDigits) return null;
  const s = a.toString(maxDigits);
  return s.includes('(') ? null : s;
}
