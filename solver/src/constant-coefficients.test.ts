import { describe, expect, it } from 'vitest';
import { recheckSteps, solve } from './index.ts';

/** Linear equations whose numbers include π or e (school trigonometry, 2θ = π). */
describe('linear equations with π or e', () => {
  const cases: [problem: string, answer: string][] = [
    ['2\\theta=\\pi', '\\theta = \\frac{\\pi}{2}'],
    ['4\\alpha-\\pi=0', '\\alpha = \\frac{\\pi}{4}'],
    ['x+\\pi=2\\pi', 'x = \\pi'],
    ['3x-e=1', 'x = \\frac{e + 1}{3}'],
    ['\\pi x=2', 'x = \\frac{2}{\\pi}'],
    ['(\\pi+1)x=\\pi^{2}-1', 'x = \\pi - 1'],
  ];
  for (const [problem, answer] of cases) {
    it(`solves ${problem} exactly, with steps that recheck`, () => {
      const r = solve(problem);
      expect(r.status).toBe('solved');
      expect(r.classification).toBe('linear-equation');
      expect(r.answer?.latex).toBe(answer);
      expect(r.steps[0]?.latex).toMatch(/=/);
      // No step repeats the one before it.
      const shown = r.steps.map((s) => s.latex);
      expect(shown.filter((s, i) => s === shown[i - 1])).toEqual([]);
      expect(recheckSteps(r).failures).toEqual([]);
    });
  }

  it('leaves what is not linear in the unknown to the other solvers', () => {
    expect(solve('x^{2}=\\pi').status).not.toBe('solved');
    // No constant: the exact rational solver, unchanged.
    const plain = solve('2x+1=5');
    expect(plain.answer?.latex).toBe('x = 2');
    // A trig equation is still a trig equation.
    expect(solve('\\sin\\theta=\\frac{1}{2}').classification).toBe('trig-equation');
  });

  it('says so when the unknown cancels: no solution, or every number', () => {
    const none = solve('x+\\pi=x');
    expect(none.error?.code).toBe('no-solution');
    expect(none.error?.message).toMatch(/\\pi = 0 is false/);
    expect(solve('x+\\pi=x+\\pi').error?.code).toBe('infinitely-many');
  });
});
