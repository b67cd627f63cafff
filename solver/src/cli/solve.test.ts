import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./solve.ts', import.meta.url));

/** Spawning Node on a loaded shared machine can take several seconds: a budget, not an assertion. */
const SPAWN_TIMEOUT_MS = 60_000;

describe('solve CLI', { timeout: SPAWN_TIMEOUT_MS }, () => {
  it('prints the steps of one problem readably', () => {
    const out = execFileSync(process.execPath, [cli, '2x+3=7'], { encoding: 'utf8' });
    expect(out).toContain('Problem: 2 * x + 3 = 7');
    expect(out).toContain('Divide both sides by $2$.');
    expect(out.trim().endsWith('Answer: x = 2')).toBe(true);
  });

  it('turns a JSONL file into result lines, one per problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'solver-cli-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      ['{"id":"a","input":"x^2-5x+6=0"}', '{"id":7,"input":"1/(3-3)"}', ''].join('\n'),
    );
    const out = execFileSync(process.execPath, [cli, '--jsonl', file], { encoding: 'utf8' });
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 'a', status: 'solved', answer: 'x = 2; x = 3' });
    expect((lines[0]?.steps as unknown[]).length).toBeGreaterThan(2);
    expect(lines[1]).toMatchObject({
      id: 7,
      status: 'error',
      answer: null,
      error: { code: 'division-by-zero' },
    });
  });

  it('exits with a usage message when called wrongly', () => {
    const r = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage');
  });
});
