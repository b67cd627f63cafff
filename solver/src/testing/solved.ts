import { expect } from 'vitest';
import { recheckSteps } from '../recheck.ts';
import { solve } from '../solve.ts';
import type { SolveResult } from '../types.ts';

/** Test helper: solves `input`, expects it solved with every step rechecked, returns it. */
export function solved(input: string): SolveResult {
  const r = solve(input);
  expect(r.error?.message ?? '', input).toBe('');
  expect(r.status, input).toBe('solved');
  expect(recheckSteps(r).failures, input).toEqual([]);
  return r;
}
