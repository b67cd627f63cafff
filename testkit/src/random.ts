/**
 * Seeded randomness for property and fuzz tests. A test picks its seed with
 * `testSeed()`, prints it, and can be replayed with `TEST_SEED=<n>`.
 */

/** A small, fast PRNG (sfc32) with a 32-bit seed, good enough for test generation. */
export interface Random {
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** A uniformly chosen element; throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up so that nearby seeds diverge quickly.
  for (let i = 0; i < 15; i++) next();
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance: (p) => next() < p,
  };
}

/**
 * The seed for this run: `TEST_SEED` when set (to replay a failure), otherwise a fresh one.
 * It is always printed, so a failing run in CI can be reproduced.
 */
export function testSeed(label: string): number {
  const fromEnv = process.env.TEST_SEED;
  const seed =
    fromEnv !== undefined && fromEnv !== ''
      ? Number.parseInt(fromEnv, 10) >>> 0
      : Math.floor(Math.random() * 2 ** 32) >>> 0;
  console.log(`[seed] ${label}: TEST_SEED=${seed}`);
  return seed;
}
