import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSymbolModel } from './train-model.ts';

describe('symbol model generator', () => {
  it('is deterministic: the same options give byte-identical models', () => {
    const small = { perClass: 6, epochs: 1, hidden: 16 };
    const a = JSON.stringify(buildSymbolModel(small));
    const b = JSON.stringify(buildSymbolModel(small));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ format: 'motionmath-mlp-1', about: { seed: 20261125 } });
  });

  it('the CLI, training members in parallel threads, writes what the sequential build gives', () => {
    const small = { perClass: 6, epochs: 1, hidden: 16, members: 2, labelSmoothing: 0 };
    const out = join(mkdtempSync(join(tmpdir(), 'mm-train-')), 'model.json');
    execFileSync(
      process.execPath,
      [
        join(import.meta.dirname, 'train.ts'),
        ...['--out', out, '--per-class', '6', '--epochs', '1', '--hidden', '16', '--members', '2'],
      ],
      { encoding: 'utf8' },
    );
    expect(readFileSync(out, 'utf8')).toBe(JSON.stringify(buildSymbolModel(small)) + '\n');
  });
});
