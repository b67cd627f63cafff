import { describe, expect, it } from 'vitest';
import { solve } from '@motionmath/solver';
import { explainError } from './errors.ts';

describe('explainError', () => {
  it('rewrites what the real solver says about malformed input in plain words', () => {
    for (const input of ['2x+=', '\\frac{', '((x+1)=2', '=3']) {
      const result = solve(input);
      expect(result.status, input).not.toBe('solved');
      const plain = explainError(
        result.status === 'unsupported' ? 'unsupported' : 'error',
        result.error?.message ?? null,
      );
      expect(plain.text, `${input}: ${result.error?.message}`).not.toMatch(/\(char \d+\)/);
      expect(plain.hint.length).toBeGreaterThan(20);
    }
  });

  it('keeps plain solver messages and adds a hint', () => {
    const plain = explainError('error', 'Division by zero: the expression has no value');
    expect(plain.text).toBe('Division by zero: the expression has no value');
    expect(plain.hint).toMatch(/read as you meant/);
    expect(explainError('unsupported', 'Power 99 is too large to expand').text).toBe(
      'The solver cannot do this yet: power 99 is too large to expand.',
    );
  });

  it('never shows code words or an empty message', () => {
    expect(explainError('error', "Cannot read properties of undefined (reading 'x')").text).toBe(
      'The solver could not work this out.',
    );
    expect(explainError('error', null).text).toBe('The solver could not work this out.');
  });
});
