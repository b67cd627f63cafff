import { describe, expect, it } from 'vitest';
import { q, terminatingDecimal } from './q.ts';

describe('terminatingDecimal', () => {
  it('writes fractions that end within the digit budget as decimals', () => {
    expect(terminatingDecimal(q(1n, 4n))).toBe('0.25');
    expect(terminatingDecimal(q(-3n, 8n))).toBe('-0.375');
    expect(terminatingDecimal(q(1n, 4096n))).toBe('0.000244140625'); // exactly 12 decimals
  });

  it('refuses what does not end, or ends only past the budget (never a rounded value)', () => {
    expect(terminatingDecimal(q(1n, 3n))).toBeNull();
    // 1/65536 = 0.0000152587890625 (16 decimals): rounding it to 12 once made a wrong step.
    expect(terminatingDecimal(q(1n, 65536n))).toBeNull();
    expect(terminatingDecimal(q(1n, 65536n), 16)).toBe('0.0000152587890625');
  });
});
