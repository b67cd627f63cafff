import { describe, expect, it } from 'vitest';
import type { CrohmeRecord } from './evaluate.ts';
import { classifierWithSamples, selectPersonalSamples } from './personal-samples.ts';

/** Where a sample came from: its stroke starts at (symbol index, 10 × record number). */
function origin(sample: { strokes: { x: number; y: number }[][] }): string {
  const p = sample.strokes[0]?.[0];
  return p ? `r${p.y / 10}s${p.x}` : '?';
}

/** A synthetic record: symbol i is one stroke starting at (i, 10 × n). */
function record(n: number, writer: string | undefined, labels: string[]): CrohmeRecord {
  return {
    id: `r${n}`,
    ...(writer === undefined ? {} : { writer }),
    latex: labels.join(''),
    strokes: labels.map((_, i) => [
      [i, 10 * n],
      [i, 10 * n + 5],
    ]),
    symbols: labels.map((label, i) => ({ label, strokes: [i] })),
  };
}

const vocabulary = new Set(['1', '2', 'x', '+']);

describe('selectPersonalSamples (leave one expression out)', () => {
  const pool = [
    record(0, 'w1', ['1', '+', '2']),
    record(1, 'w2', ['1', '1', 'x']),
    record(2, 'w1', ['x', '1', '\\alpha', '1']),
    record(3, 'w1', ['2', '2', 'x']),
  ];

  it('never takes samples from the evaluated expression, only from the same writer', () => {
    const target = pool[0]!;
    const samples = selectPersonalSamples(pool, target, 10, vocabulary);
    // r2 then r3, in file order; r1 is another writer, r0 the expression itself.
    expect(samples.map((s) => s.label)).toEqual(['x', '1', '1', '2', '2', 'x']);
    expect(samples.map(origin)).toEqual(['r2s0', 'r2s1', 'r2s3', 'r3s0', 'r3s1', 'r3s2']);
    expect(selectPersonalSamples(pool, pool[1]!, 10, vocabulary)).toEqual([]);
  });

  it('takes at most K per label, the first ones in file order', () => {
    const samples = selectPersonalSamples(pool, pool[0]!, 1, vocabulary);
    expect(samples.map((s) => s.label)).toEqual(['x', '1', '2']);
    expect(samples.map(origin)).toEqual(['r2s0', 'r2s1', 'r3s0']);
  });

  it('skips labels outside the vocabulary, K = 0 and unknown writers', () => {
    const labels = selectPersonalSamples(pool, pool[3]!, 5, vocabulary).map((s) => s.label);
    expect(labels).not.toContain('\\alpha');
    expect(labels).toEqual(['1', '+', '2', 'x', '1', '1']);
    expect(selectPersonalSamples(pool, pool[0]!, 0, vocabulary)).toEqual([]);
    const anonymous = record(9, undefined, ['1']);
    expect(selectPersonalSamples([...pool, anonymous], anonymous, 5, vocabulary)).toEqual([]);
  });

  it('gives a fresh classifier holding exactly the selected samples', () => {
    const samples = selectPersonalSamples(pool, pool[0]!, 1, vocabulary);
    expect(classifierWithSamples(samples).sampleCount).toBe(3);
    expect(classifierWithSamples([]).sampleCount).toBe(0);
  });
});
