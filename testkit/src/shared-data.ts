import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Test data lives outside the repo in `../shared/data` (licences forbid shipping it).
 * Tests find it here and skip with a clear reason when it is absent.
 */

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && readFileSync(pkg, 'utf8').includes('"workspaces"')) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No workspace root above ${start}`);
    dir = parent;
  }
}

export const repoRoot: string = findRepoRoot(import.meta.dirname);

/** The shared data folder: `MOTIONMATH_SHARED_DATA` or `<repo>/../shared/data`. */
export const sharedDataDir: string =
  process.env.MOTIONMATH_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

export interface SharedFile {
  /** Absolute path, or null when the file is absent. */
  readonly path: string | null;
  /** Why tests that need it are skipped, or null when present. */
  readonly skipReason: string | null;
}

/** Locate `relPath` under the shared data folder. */
export function sharedData(relPath: string): SharedFile {
  const path = join(sharedDataDir, relPath);
  if (existsSync(path)) return { path, skipReason: null };
  const skipReason = `skipped: shared data ${path} is absent (set MOTIONMATH_SHARED_DATA)`;
  console.warn(`[shared-data] ${skipReason}`);
  return { path: null, skipReason };
}

/** Read a JSON Lines file, plain or gzip-compressed (by extension). */
export function readJsonLines<T = unknown>(path: string): T[] {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() !== '') out.push(JSON.parse(line) as T);
  }
  return out;
}
