import { describe, expect, it } from 'vitest';
import { BenchTableError, atPointer, renderTable, updateTables } from './bench-tables.ts';

const results = {
  loadavg: [1.5, 1, 0.5],
  categories: [
    { name: 'linear', latency: { p50: 1.234, p95: 3 }, solved: 10 },
    { name: 'a|b', latency: { p50: 2, p95: Number.NaN }, solved: 0 },
  ],
  servers: { bare: { p99: 48 }, motionmath: { p99: 60.456 } },
};

describe('bench tables', () => {
  it('follows JSON pointers, escaped keys included', () => {
    expect(atPointer(results, '/categories/1/name')).toBe('a|b');
    expect(atPointer({ 'a/b': { '~': 1 } }, '/a~1b/~0')).toBe(1);
    expect(atPointer(results, '/missing/x')).toBeUndefined();
  });

  it('renders chosen columns with nested fields, rounding and escaping', () => {
    expect(renderTable(results, '/categories', ['name', 'latency.p50', 'latency.p95'])).toBe(
      [
        '| name | latency.p50 | latency.p95 |',
        '| --- | --- | --- |',
        '| linear | 1.23 | 3 |',
        '| a\\|b | 2 | — |',
      ].join('\n'),
    );
  });

  it('turns an object into named rows, and refuses a pointer with no rows', () => {
    expect(renderTable(results, '/servers')).toContain('| motionmath | 60.46 |');
    expect(() => renderTable(results, '/nothing')).toThrow(BenchTableError);
  });

  it('rewrites only the marked blocks, and leaves a table whose bench did not run', () => {
    const readme = [
      'intro',
      '<!-- bench-table: solver.json /servers name,p99 -->',
      'stale',
      '<!-- /bench-table -->',
      'middle',
      '<!-- bench-table: absent.json /rows -->',
      'kept',
      '<!-- /bench-table -->',
    ].join('\n');
    const { text, updated, missing } = updateTables(readme, (file) =>
      file === 'solver.json' ? results : null,
    );
    expect(updated).toEqual(['solver.json /servers']);
    expect(missing).toEqual(['absent.json']);
    expect(text).toContain('| bare | 48 |');
    expect(text).not.toContain('stale');
    expect(text).toContain('kept');
    expect(text.startsWith('intro\n')).toBe(true);
  });
});
