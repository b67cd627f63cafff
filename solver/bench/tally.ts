/** Per-category counts the solver benches keep, for us and for each peer. */
export interface Tally {
  n: number;
  correct: number;
  unsupported: number;
  wrong: number;
}

export const tally = (): Tally => ({ n: 0, correct: 0, unsupported: 0, wrong: 0 });

/** Map lookups of keys we just inserted. */
export function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error('missing benchmark entry');
  return x;
}
