import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '@motionmath/testkit';

const file = sharedData('crohme/test2013.jsonl.gz');
const cli = join(import.meta.dirname, 'eval.ts');

/** The CLI runs in a child process that loads the model and data: room for a loaded machine. */
const CLI_TIMEOUT_MS = 120_000;

describe.skipIf(!file.path)(
  `eval CLI smoke test ${file.skipReason ?? ''}`,
  { timeout: CLI_TIMEOUT_MS },
  () => {
    it('prints the metrics, writes predictions and ends with ExpRate', () => {
      const out = join(mkdtempSync(join(tmpdir(), 'mm-eval-')), 'preds.jsonl');
      const stdout = execFileSync(
        process.execPath,
        [cli, file.path!, '--limit', '4', '--out', out],
        {
          encoding: 'utf8',
        },
      );
      const lines = stdout.trim().split('\n');
      expect(lines.at(-1)).toMatch(/^ExpRate \d+\.\d\d$/);
      expect(stdout).toMatch(/expression rate: exact [\d.]+%, ≤1 error [\d.]+%, ≤2 errors [\d.]+%/);
      expect(stdout).toMatch(/symbol rate \(true segmentation\): [\d.]+%/);
      expect(stdout).toMatch(/segmentation rate \(symbols\): [\d.]+%/);
      expect(stdout).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms/);
      const preds = readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(preds).toHaveLength(4);
      for (const p of preds)
        expect(Object.keys(p).sort()).toEqual(['confidence', 'id', 'latex', 'ms']);
    });

    it('--personal K reports the samples used and keeps the ExpRate line last', () => {
      const stdout = execFileSync(
        process.execPath,
        [cli, file.path!, '--limit', '3', '--personal', '1'],
        { encoding: 'utf8' },
      );
      expect(stdout).toMatch(/personal samples \(≤1 per label.*\): [\d.]+ per expression/);
      expect(stdout.trim().split('\n').at(-1)).toMatch(/^ExpRate \d+\.\d\d$/);
    });

    it('rejects an unknown subset with a clear message', () => {
      expect(() =>
        execFileSync(process.execPath, [cli, file.path!, '--subset', 'nope'], { stdio: 'pipe' }),
      ).toThrow(/unknown subset/);
    });
  },
);
