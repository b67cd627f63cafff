/** Shared wording for moving terms across a (linear) equation or inequality. */
import { rat } from './expr.ts';
import type { Expr } from './expr.ts';
import { termExpr } from './poly.ts';
import type { Poly } from './poly.ts';
import { toLatex } from './print.ts';
import { isNegative, isZero, ZERO } from './q.ts';
import type { Q } from './q.ts';

const tex = (e: Expr): string => `$${toLatex(e)}$`;

/** The coefficient of `v^k` in `p` (k = 0: the constant term). */
export function coefficient(p: Poly, v: string, k: number): Q {
  return p.get(k === 0 ? '' : `${v}^${k}`)?.coef ?? ZERO;
}

/**
 * What to do to both sides so the `v` term stays on the left and the number goes right,
 * as a capitalised phrase ("Subtract $3x$ from both sides and add $2$ to both sides"),
 * or null when nothing has to move.
 */
export function isolationMoves(lhs: Poly, rhs: Poly, v: string): string | null {
  const moves: string[] = [];
  const rx = coefficient(rhs, v, 1);
  const lc = coefficient(lhs, v, 0);
  if (!isZero(rx))
    moves.push(
      `${isNegative(rx) ? 'add' : 'subtract'} ${tex(termExpr(rx.abs(), [[v, 1]]))} ${isNegative(rx) ? 'to' : 'from'} both sides`,
    );
  if (!isZero(lc))
    moves.push(
      `${isNegative(lc) ? 'add' : 'subtract'} ${tex(rat(lc.abs()))} ${isNegative(lc) ? 'to' : 'from'} both sides`,
    );
  if (moves.length === 0) return null;
  const text = moves.join(' and ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}`;
}
