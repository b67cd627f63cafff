import { execFileSync } from 'node:child_process';
import { repoRoot, sharedData } from '@motionmath/testkit';

/**
 * Node permission-model flags that let a training run read only the repository (plus what
 * Node itself probes at start-up) and write only `writeDir`: the tests that prove a model
 * is built without CROHME run the trainer under them.
 */
export function readSandbox(writeDir: string, { workers = false } = {}): string[] {
  return [
    '--permission',
    `--allow-fs-read=${repoRoot}`,
    '--allow-fs-read=/proc',
    '--allow-fs-read=/run/WSL',
    `--allow-fs-write=${writeDir}`,
    ...(workers ? ['--allow-worker'] : []),
  ];
}

/**
 * Whether the sandbox really keeps CROHME out: reading it there must fail (false when the
 * data is absent, so there is nothing to prove).
 */
export function sandboxBlocksCrohme(sandbox: readonly string[]): boolean {
  const crohme = sharedData('crohme/train.jsonl.gz');
  if (!crohme.path) return false;
  try {
    execFileSync(
      process.execPath,
      [...sandbox, '-e', `require('fs').readFileSync(${JSON.stringify(crohme.path)})`],
      { stdio: 'pipe' },
    );
    return false;
  } catch (e) {
    return String((e as { stderr?: unknown }).stderr ?? e).includes('ERR_ACCESS_DENIED');
  }
}
