import { describe, expect, it } from 'vitest';
import { markdownTable, ms, textTable } from './bench-report.ts';

describe('markdownTable', () => {
  it('writes a header, a rule and one line per row, escaping pipes', () => {
    expect(markdownTable(['a', 'b'], [['1', 'x|y']])).toBe(
      '| a | b |\n| --- | --- |\n| 1 | x\\|y |\n',
    );
  });
});

describe('textTable', () => {
  it('labels every value, one block per row', () => {
    expect(
      textTable(
        ['rate', 'p95 ms'],
        [
          ['1', '20'],
          ['2', '40'],
        ],
      ),
    ).toBe('  rate    1\n  p95 ms  20\n\n  rate    2\n  p95 ms  40\n');
  });
});

describe('ms', () => {
  it('keeps a decimal only where it matters', () => {
    expect(ms(4.04)).toBe('4.0');
    expect(ms(356.48)).toBe('356');
    expect(ms(NaN)).toBe('–');
  });
});
