import { seededRandom, testSeed } from '@motionmath/testkit';
import { describe, expect, it } from 'vitest';
import { evalC } from './numeric.ts';
import { parseExpr } from './parse.ts';
import { solve } from './solve.ts';
import { solved } from './testing/solved.ts';

describe('sec, csc and cot', () => {
  it.each([
    ['\\sec(\\frac{\\pi}{3})', '2'],
    ['\\csc(\\frac{\\pi}{6})', '2'],
    ['\\cot(\\frac{\\pi}{4})', '1'],
    ['\\sec x \\cos x', '1'],
    ['tan(x) cot(x)', '1'],
  ])('%s = %s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });

  it.each([
    ['\\sec x = 2', 'x = pi / 3 + 2 * k * pi; x = 5 * pi / 3 + 2 * k * pi'],
    ['\\csc x = -2', 'x = 7 * pi / 6 + 2 * k * pi; x = 11 * pi / 6 + 2 * k * pi'],
  ])('%s', (input, answer) => {
    expect(solved(input).answer?.mathjs).toBe(answer);
  });
});

describe('trig equations beyond one sin/cos/tan = number', () => {
  it.each([
    // Quadratic in the trig value: solved for u = sin x first, each value then in turn.
    ['2\\sin^2 x - \\sin x - 1 = 0', 'x = pi / 2 + 2 * k * pi / 3'],
    ['2\\cos^2 x - 1 = 0', 'x = pi / 4 + k * pi / 2'],
    ['\\sin^2 x = \\frac{1}{4}', 'x = pi / 6 + k * pi; x = 5 * pi / 6 + k * pi'],
    ['\\tan^2 x = 3', 'x = pi / 3 + k * pi; x = 2 * pi / 3 + k * pi'],
    [
      '\\cos^2 x + \\cos x = 0',
      'x = pi / 2 + 2 * k * pi; x = pi + 2 * k * pi; x = 3 * pi / 2 + 2 * k * pi',
    ],
    // A surd coefficient, and π inside the angle.
    ['\\sqrt{2}\\cos x + 1 = 0', 'x = 3 * pi / 4 + 2 * k * pi; x = 5 * pi / 4 + 2 * k * pi'],
    ['\\sin(x + \\frac{\\pi}{4}) = 1', 'x = pi / 4 + 2 * k * pi'],
    ['\\cos(2x - \\frac{\\pi}{3}) = \\frac{1}{2}', 'x = pi / 3 + k * pi; x = pi + k * pi'],
  ])('%s', (input, answer) => {
    const r = solved(input);
    expect(r.classification).toBe('trig-equation');
    expect(r.answer?.mathjs).toBe(answer);
  });

  it('names the substitution u = sin x and the values it gives', () => {
    const r = solved('2\\sin^2 x - \\sin x - 1 = 0');
    expect(r.steps.find((s) => s.rule === 'substitute-trig')?.explanation).toMatch(
      /with \$u = \\sin.*gives \$u = -\\frac\{1\}\{2\}\$ or \$u = 1\$/,
    );
  });

  it('drops a value the sine cannot take, saying why', () => {
    const r = solved('\\sin^2 x - \\sin x - 2 = 0');
    expect(r.answer?.mathjs).toBe('x = 3 * pi / 2 + 2 * k * pi');
    expect(r.steps.find((s) => s.rule === 'range')?.explanation).toMatch(/has no solution/);
  });

  it('no real value of the trig function: no solution, in words', () => {
    const r = solve('\\sin^2 x + 1 = 0');
    expect(r.error?.code).toBe('no-solution');
    expect(r.error?.message).toMatch(/u\^\{2\} \+ 1 = 0\$ has no real solution/);
  });

  it('refuses an equation in sin x it cannot solve, naming the forms it can', () => {
    expect(solve('\\sin^3 x = 2').error?.message).toMatch(
      /\$u\^\{3\} - 2 = 0\$ could not be solved exactly.*degree 1 or 2/,
    );
    expect(solve('sin(x) + x = 0').error?.message).toMatch(/with one sin, cos or tan/);
  });

  it('a·sin θ = b·cos θ divides by cos θ, saying why nothing is lost', () => {
    const r = solved('\\sin x = \\cos x');
    expect(r.answer?.mathjs).toBe('x = pi / 4 + k * pi');
    expect(r.steps[1]?.rule).toBe('divide-by-cos');
    expect(r.steps[1]?.explanation).toMatch(/No solution is lost/);
    expect(solved('sin(2x) + cos(2x) = 0').answer?.mathjs).toBe('x = 3 * pi / 8 + k * pi / 2');
  });

  it('other mixes of trig functions are refused with the forms that work', () => {
    expect(solve('\\sin x + \\cos x = 1').error?.message).toMatch(
      /2sin\^2\(x\) - sin\(x\) - 1 = 0.*sin\(x\) = cos\(x\)/,
    );
  });
});

describe('inverse trig functions', () => {
  it.each(['\\arcsin(\\frac{1}{2})', '\\sin^{-1}(\\frac{1}{2})', 'asin(1/2)', 'arctan(1)'])(
    '%s is refused in words (not read as 1/sin)',
    (input) => {
      const r = solve(input);
      expect(r.status).toBe('unsupported');
      expect(r.error?.message).toMatch(/Inverse trig functions .* are not supported yet/);
    },
  );
});

// (f(x) − c1)(f(x) − c2) = 0 expanded, with c1, c2 special values built first: every family
// member must give one of them, and every solution angle in one turn must be in a family.
describe('property: quadratic trig equations (seeded)', () => {
  const VALUES: Record<string, number> = { '0': 0, '1/2': 0.5, '-1/2': -0.5, '1': 1, '-1': -1 };
  const F = { sin: Math.sin, cos: Math.cos } as const;
  it('families hit exactly the built values', () => {
    const rnd = seededRandom(testSeed('solver quadratic trig equations'));
    const keys = Object.keys(VALUES);
    for (let n = 0; n < 20; n++) {
      const name = rnd.int(0, 1) === 0 ? 'sin' : 'cos';
      const [a, b] = [keys[rnd.int(0, 4)] as string, keys[rnd.int(0, 4)] as string];
      if (a === b) continue;
      const input = `(${name}(x) - (${a}))(${name}(x) - (${b})) = 0`;
      const r = solved(input);
      const want = [VALUES[a] as number, VALUES[b] as number];
      const fams = (r.answer?.mathjs ?? '')
        .split(';')
        .map((t) => parseExpr(t.split('=')[1] ?? 'NaN'));
      const at = (fam: ReturnType<typeof parseExpr>, k: number): number =>
        evalC(fam, new Map([['k', { re: k, im: 0 }]])).re;
      for (const fam of fams)
        for (const k of [-2, 0, 1, 3])
          expect(
            want.some((w) => Math.abs(F[name](at(fam, k)) - w) < 1e-9),
            `${input} → ${r.answer?.mathjs}`,
          ).toBe(true);
      for (let j = 0; j < 24; j++) {
        const t = (j * Math.PI) / 12;
        if (!want.some((w) => Math.abs(F[name](t) - w) < 1e-12)) continue;
        const hit = fams.some((fam) =>
          [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8].some((k) => {
            const d = (((at(fam, k) - t) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
            return d < 1e-9 || 2 * Math.PI - d < 1e-9;
          }),
        );
        expect(hit, `${input}: the angle ${j}π/12 is missing from ${r.answer?.mathjs}`).toBe(true);
      }
    }
  });
});
