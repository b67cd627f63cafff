import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonLines, sharedData } from './shared-data.ts';

describe('shared data', () => {
  it('reads plain and gzip JSON Lines alike', () => {
    const dir = mkdtempSync(join(tmpdir(), 'testkit-'));
    const text = '{"a":1}\n\n{"a":2}\n';
    writeFileSync(join(dir, 'x.jsonl'), text);
    writeFileSync(join(dir, 'x.jsonl.gz'), gzipSync(text));
    expect(readJsonLines(join(dir, 'x.jsonl'))).toEqual([{ a: 1 }, { a: 2 }]);
    expect(readJsonLines(join(dir, 'x.jsonl.gz'))).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('explains why a missing file skips', () => {
    const missing = sharedData('does/not/exist.jsonl');
    expect(missing.path).toBeNull();
    expect(missing.skipReason).toMatch(/absent/);
  });
});
