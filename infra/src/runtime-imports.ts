/** What a Node entry point loads at run time, found statically: its relative imports,
 * followed file by file, and the packages it imports (type-only imports are erased by
 * type stripping and skipped). Used to check that the slim images, which copy only some
 * workspaces and install only production dependencies, hold everything the entry
 * points need. */
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

export interface RuntimeImports {
  /** Source files loaded, relative to the repository root. */
  files: string[];
  /** Every bare package imported (outside Node's built-ins), sorted. */
  packages: string[];
  /** Bare package imports that the importing workspace does not list in `dependencies`,
   * as `<file>: <package>`, sorted. */
  undeclared: string[];
}

/** Packages `npm ci --omit=dev` installs where `workspace` resolves them (the root
 * `node_modules` or the workspace's own), from the lockfile. */
export function productionPackages(lockfile: string, workspace: string): Set<string> {
  const lock = JSON.parse(lockfile) as { packages: Record<string, { dev?: boolean }> };
  const names = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.dev === true) continue;
    for (const prefix of ['node_modules/', `${workspace}/node_modules/`]) {
      const rest = path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
      if (rest !== undefined && !rest.includes('/node_modules/')) names.add(rest);
    }
  }
  return names;
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const BUILTINS = new Set(builtinModules);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  exports?: Record<string, string>;
}

/** The workspace folder (with a package.json) that contains `file`. */
function workspaceOf(root: string, file: string): string {
  let dir = dirname(file);
  while (dir.startsWith(root) && dir !== root) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`${relative(root, file)} is in no workspace`);
}

export function runtimeImports(root: string, entries: string[]): RuntimeImports {
  const manifests = new Map<string, Manifest>();
  const manifest = (dir: string) => {
    let m = manifests.get(dir);
    if (m === undefined) {
      m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
      manifests.set(dir, m);
    }
    return m;
  };
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  const workspaceByName = new Map(
    rootManifest.workspaces.map((w) => [manifest(join(root, w)).name, join(root, w)]),
  );

  const seen = new Set<string>();
  const undeclared: string[] = [];
  const packages = new Set<string>();
  const queue = entries.map((e) => resolve(root, e));
  while (queue.length > 0) {
    const file = queue.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const specifiers = [
      ...[...text.matchAll(IMPORT)].filter((m) => m[1] === undefined).map((m) => m[2] ?? ''),
      ...[...text.matchAll(DYNAMIC)].map((m) => m[1] ?? ''),
    ];
    const workspace = workspaceOf(root, file);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) {
        queue.push(resolve(dirname(file), specifier));
        continue;
      }
      if (specifier.startsWith('node:') || BUILTINS.has(specifier)) continue;
      const name = packageName(specifier);
      packages.add(name);
      if (manifest(workspace).dependencies?.[name] === undefined) {
        undeclared.push(`${relative(root, file)}: ${name}`);
      }
      const linked = workspaceByName.get(name);
      if (linked !== undefined) {
        const entry = manifest(linked).exports?.['.'];
        if (entry === undefined) throw new Error(`${name} has no "." export`);
        queue.push(resolve(linked, entry));
      }
    }
  }
  return {
    files: [...seen].map((f) => relative(root, f)).sort(),
    packages: [...packages].sort(),
    undeclared: undeclared.sort(),
  };
}
