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

/** The browsers the extension is built for (Firefox: its MV3 build, as shipped). */
export type TargetBrowser = 'chrome' | 'firefox';

/** Where WXT writes each browser's and mode's build (it suffixes non-production modes). */
export function buildDir(mode: BuildMode, target: TargetBrowser = 'chrome'): string {
  const name = `${target}-mv3`;
  return join(repoRoot, 'extension', '.output', mode === 'production' ? name : `${name}-${mode}`);
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
 * Builds the extension unless a build newer than every source file exists (so several
 * browser test files in one run build once). Takes ~20 s when it builds.
 */
export function ensureBuild(mode: BuildMode = 'e2e', target: TargetBrowser = 'chrome'): string {
  const dir = buildDir(mode, target);
  const manifest = join(dir, 'manifest.json');
  const sources = Math.max(
    ...SOURCE_DIRS.map(newestSource),
    statSync(join(repoRoot, 'extension', 'wxt.config.ts')).mtimeMs,
  );
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < sources) {
    // Firefox: the MV3 build, as `npm run build:extension` makes it.
    const targetArgs = target === 'firefox' ? ['-b', 'firefox', '--mv3'] : ['-b', 'chrome'];
    execFileSync('npx', ['wxt', 'build', 'extension', ...targetArgs, '--mode', mode], {
      cwd: repoRoot,
      stdio: 'pipe',
    });
  }
  return dir;
}
