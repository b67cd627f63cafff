import { describe, expect, it } from 'vitest';
import { c, closeC, evalC, nodeCount, ORACLE_MAX_NODES } from './numeric.ts';
import { parseExpr } from './parse.ts';
import { recheckSteps } from './recheck.ts';
import { solve } from './solve.ts';

const LONG_PRODUCT = Array.from({ length: 12 }, (_, k) => `(x+${k + 1})`).join('');
const LONG_SUM = Array.from({ length: 40 }, (_, k) => `x^${k + 1}`).join('+');

describe('derivative oracle past the mathjs size bound', () => {
  it('the long sum is past the bound (so it takes the complex-step route)', () => {
    expect(nodeCount(parseExpr(LONG_SUM))).toBeGreaterThan(ORACLE_MAX_NODES);
  });

  it('the complex-step value of a large pending derivative is the exact derivative', () => {
    const pending = parseExpr(`derivative(${LONG_SUM}, x)`);
    const exact = parseExpr(Array.from({ length: 40 }, (_, k) => `${k + 1} x^${k}`).join('+'));
    for (const x of [-1.3, -0.4, 0.7, 1.1]) {
      const env = new Map([['x', c(x)]]);
      expect(closeC(evalC(pending, env), evalC(exact, env), 1e-12)).toBe(true);
    }
  });

  it('a wrong derivative of a large expression is still rejected', () => {
    const pending = parseExpr(`derivative(${LONG_SUM}, x)`);
    const wrong = parseExpr(Array.from({ length: 40 }, (_, k) => `${k + 2} x^${k}`).join('+'));
    const env = new Map([['x', c(0.7)]]);
    expect(closeC(evalC(pending, env), evalC(wrong, env), 1e-6)).toBe(false);
  });

  it.each([`d/dx ${LONG_PRODUCT}`, `d/dx ${LONG_SUM}`])(
    'solves %s with re-checked steps',
    (input) => {
      const r = solve(input);
      expect(r.status).toBe('solved');
      expect(recheckSteps(r).failures).toEqual([]);
    },
  );
});
