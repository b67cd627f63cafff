import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@motionmath/testkit';

/** The Chrome build browser tests load. */
export const CHROME_BUILD = join(repoRoot, 'extension', '.output', 'chrome-mv3');

const SOURCE_DIRS = ['entrypoints', 'lib', 'build'].map((d) => join(repoRoot, 'extension', d));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds the Chrome extension unless a build newer than every source file exists (so
 * several browser test files in one run build once). Takes ~20 s when it builds.
 */
export function ensureChromeBuild(): string {
  const manifest = join(CHROME_BUILD, 'manifest.json');
  const sources = Math.max(
    ...SOURCE_DIRS.map(newestSource),
    statSync(join(repoRoot, 'wxt.config.ts')).mtimeMs,
  );
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    execFileSync('npx', ['wxt', 'build', '-b', 'chrome'], { cwd: repoRoot, stdio: 'pipe' });
  }
  return CHROME_BUILD;
}
