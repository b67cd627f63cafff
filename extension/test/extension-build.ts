import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@motionmath/testkit';

/**
 * `production` is what ships (the overlay's shadow root is closed, so pages cannot read
 * it); `e2e` is the same code built with `--mode e2e`, whose open shadow root lets
 * Playwright look inside the overlay.
 */
export type BuildMode = 'production' | 'e2e';

/** Where WXT writes each mode's Chrome build (it suffixes non-production modes). */
export function chromeBuildDir(mode: BuildMode): string {
  return join(
    repoRoot,
    'extension',
    '.output',
    mode === 'production' ? 'chrome-mv3' : `chrome-mv3-${mode}`,
  );
}

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
export function ensureChromeBuild(mode: BuildMode = 'e2e'): string {
  const dir = chromeBuildDir(mode);
  const manifest = join(dir, 'manifest.json');
  const sources = Math.max(
    ...SOURCE_DIRS.map(newestSource),
    statSync(join(repoRoot, 'wxt.config.ts')).mtimeMs,
  );
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    execFileSync('npx', ['wxt', 'build', '-b', 'chrome', '--mode', mode], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
  }
  return dir;
}
