import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedData } from '@motionmath/testkit';
import { loadBoundaryModel } from '../symbols/boundary.ts';
import { buildBoundaryModel } from './train-boundary.ts';
import { readSandbox, sandboxBlocksCrohme } from './read-sandbox.ts';

/** Generous: synthesis and training run in a child process on a shared 2-core machine. */
const TRAIN_TIMEOUT_MS = 300_000;

describe('stroke-boundary model generator', { timeout: TRAIN_TIMEOUT_MS }, () => {
  it('is deterministic: the same options give byte-identical models', () => {
    const o = { expressions: 12, hidden: 4, epochs: 1 };
    const a = JSON.stringify(buildBoundaryModel(o));
    expect(JSON.stringify(buildBoundaryModel(o))).toBe(a);
    expect(() => loadBoundaryModel(JSON.parse(a))).not.toThrow();
  });

  it('reads nothing outside the repository (no CROHME): it trains inside a read sandbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-boundary-'));
    const sandbox = readSandbox(dir);
    if (sharedData('crohme/train.jsonl.gz').path) expect(sandboxBlocksCrohme(sandbox)).toBe(true);
    const out = join(dir, 'boundary.json');
    execFileSync(
      process.execPath,
      [
        ...sandbox,
        join(import.meta.dirname, 'train-boundary.ts'),
        '--out',
        out,
        '--expressions',
        '8',
        '--epochs',
        '1',
      ],
      { stdio: 'pipe' },
    );
    const model = JSON.parse(readFileSync(out, 'utf8')) as { about: { sources: string[] } };
    expect(model.about.sources.join(' ')).not.toMatch(/crohme/i);
    expect(() => loadBoundaryModel(JSON.parse(readFileSync(out, 'utf8')))).not.toThrow();
  });
});
