import { evaluate } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { solve } from './solve.ts';
import { solved } from './testing/solved.ts';

describe('log means base 10, ln base e, in text as in LaTeX', () => {
  it.each([
    ['log(x) = 2', 'x = 100'],
    ['\\log(x) = 2', 'x = 100'],
    ['log10(x) = 3', 'x = 1000'],
    ['ln(x) = 0', 'x = 1'],
    ['log(x, 2) = 3', 'x = 8'],
    ['log_2(x) = 5', 'x = 32'],
    ['log2(x) = 5', 'x = 32'],
    ['log(2x+1) = 2', 'x = 99 / 2'],
  ])('%s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it('combines logarithms of numbers, then drops the logarithms', () => {
    const r = solved('\\ln(x) + \\ln(3) = \\ln(12)');
    expect(r.answer?.mathjs).toBe('x = 4');
    expect(r.steps.map((s) => s.rule)).toContain('combine-number-logarithms');
    expect(solved('log(x) - log(2) = log(5)').answer?.mathjs).toBe('x = 10');
  });

  it('says which base was assumed for a bare log', () => {
    expect(solved('log(x) = 2').steps[0]?.explanation).toMatch(/no base means base 10/);
    expect(solved('ln(x) = 3').steps[0]?.explanation).toMatch(/natural logarithm/);
  });

  it('answers with logarithms read the same in mathjs and back in the solver', () => {
    const r = solved('e^{x} = 5');
    expect(r.answer?.mathjs).toBe('x = log(5, e)');
    const value = (r.answer?.mathjs ?? '').split('=')[1] as string;
    expect(evaluate(value)).toBeCloseTo(Math.log(5), 12);
    // Read back by the solver, log(5, e) is ln 5 again.
    expect(solve(value).normalized).toBe(solve('\\ln 5').normalized);
    expect(solve('log(5)').normalized).toBe('log10(5)');
    const d = solved('d/dx log(x)');
    expect(evaluate(d.answer?.mathjs ?? '', { x: 2 })).toBeCloseTo(1 / (2 * Math.log(10)), 12);
  });
});

describe('exact values of logarithms', () => {
  it.each([
    ['log(1000)', '3'],
    ['\\log 100', '2'],
    ['log(0.01)', '-2'],
    ['\\log_{2} 8 + \\log 100', '5'],
    ['log_4(8)', '3 / 2'],
    ['ln(e^2)', '2'],
    ['\\ln 1', '0'],
    ['2\\ln(e) + \\log_{3}(\\frac{1}{9})', '0'],
  ])('%s = %s', (input, answer) => {
    const r = solved(input);
    expect(r.classification).toBe('logarithm-values');
    expect(r.answer?.mathjs).toBe(answer);
  });

  it('a logarithm with no exact value is refused in words, with the forms that work', () => {
    const r = solve('log(7)');
    expect(r.status).toBe('unsupported');
    expect(r.error?.message).toMatch(/no exact value/);
    expect(r.error?.message).toMatch(/10\^\{x\} = 7/);
  });
});

describe('function arguments without brackets, as written in school', () => {
  it.each([
    ['\\sin 30^{\\circ}', '1 / 2'],
    ['\\cos 2\\pi', '1'],
    ['\\sin(225^{\\circ})', '-sqrt(2) / 2'],
    ['\\cos(60^\\circ)', '1 / 2'],
  ])('%s = %s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it('\\sin 2x is sin(2x), not sin(2)·x', () => {
    expect(solve('\\sin 2x = 1').normalized).toBe('sin(2 * x) = 1');
  });
});
