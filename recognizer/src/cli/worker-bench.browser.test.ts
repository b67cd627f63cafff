import { describe, expect, it } from 'vitest';
import { writeInk } from '../test-ink.ts';
import { benchInWebWorker } from './worker-bench.ts';

describe('recognition in a browser Web Worker (the bench)', () => {
  it('bundles the package into a worker and reads expressions there, timed', async () => {
    const expressions = [
      {
        strokes: writeInk([
          ['2', 0, 0, 10, 14],
          ['+', 14, 3, 10, 10],
          ['3', 28, 0, 10, 14],
        ]),
        latex: '2+3',
      },
      {
        strokes: writeInk([
          ['x', 0, 0, 10, 10],
          ['=', 14, 2, 10, 6],
          ['7', 28, -2, 10, 14],
        ]),
        latex: 'x=7',
      },
    ];
    const result = await benchInWebWorker(expressions);
    if (result === null) throw new Error('Chromium is missing: install it (see the README)');
    expect(result.expressions).toBe(2);
    expect(result.exact).toBe(2);
    expect(result.p95Ms).toBeGreaterThan(0);
    expect(result.p95Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });
});
