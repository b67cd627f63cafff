import { describe, expect, it } from 'vitest';
import { percentile, summarize } from './stats.ts';

describe('percentile', () => {
  it('is the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('picks a real sample for small sets and NaN for none', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it('takes samples in any order', () => {
    expect(percentile([3, 1, 2, 10, 4], 50)).toBe(3);
    expect(percentile([3, 1, 2, 10, 4], 100)).toBe(10);
  });
});

describe('summarize', () => {
  it('sorts numerically without touching the input', () => {
    const samples = [10, 9, 100, 2, 1];
    expect(summarize(samples)).toEqual({ count: 5, p50: 9, p95: 100, p99: 100, max: 100 });
    expect(samples).toEqual([10, 9, 100, 2, 1]);
  });

  it('rounds to hundredths of a millisecond', () => {
    expect(summarize([1.23456]).p50).toBe(1.23);
  });

  it('summarizes more samples than a call takes arguments', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(summarize(many).max).toBe(299_999);
  });

  it('reports an empty class as NaN, never zero', () => {
    const empty = summarize([]);
    expect(empty.count).toBe(0);
    expect(empty.p95).toBeNaN();
  });
});
