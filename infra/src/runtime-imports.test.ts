import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './dockerfile.ts';
import { productionPackages, runtimeImports } from './runtime-imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Source folders the runtime stage of a Dockerfile copies (`COPY … <dir>/src …`). */
function copiedSources(dockerfile: string): string[] {
  const instructions = parseDockerfile(
    readFileSync(join(ROOT, 'infra', 'docker', dockerfile), 'utf8'),
  );
  const runtime = instructions.findLastIndex((i) => i.keyword === 'FROM');
  return instructions
    .slice(runtime)
    .filter((i) => i.keyword === 'COPY')
    .flatMap((i) => {
      const dest = i.args.split(/\s+/).at(-1) ?? '';
      return /^(\.\/)?[a-z-]+\/src$/.test(dest) ? [dest.replace(/^\.\//, '')] : [];
    });
}

describe('runtimeImports', () => {
  it('follows relative and workspace imports, skips type-only ones, reports undeclared packages', () => {
    const root = mkdtempSync(join(tmpdir(), 'mm-imports-'));
    try {
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ workspaces: ['app', 'lib'] }),
        'app/package.json': JSON.stringify({ name: 'app', dependencies: { lib: '1', pino: '1' } }),
        'app/main.ts': [
          "import { a } from './a.ts';",
          "import type { T } from 'typeonly';",
          "import { l } from 'lib';",
          "import pino from 'pino';",
          "import { readFileSync } from 'node:fs';",
          "const m = await import('./lazy.ts');",
        ].join('\n'),
        'app/a.ts': "export {\n  b,\n} from './b.ts';\nimport 'sneaky';",
        'app/b.ts': 'export const b = 1;',
        'app/lazy.ts': '',
        'lib/package.json': JSON.stringify({ name: 'lib', exports: { '.': './src/index.ts' } }),
        'lib/src/index.ts': "import 'dev-only';",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      expect(runtimeImports(root, ['app/main.ts'])).toEqual({
        files: ['app/a.ts', 'app/b.ts', 'app/lazy.ts', 'app/main.ts', 'lib/src/index.ts'],
        packages: ['dev-only', 'lib', 'pino', 'sneaky'],
        undeclared: ['app/a.ts: sneaky', 'lib/src/index.ts: dev-only'],
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads the production tree of a lockfile', () => {
    const lock = JSON.stringify({
      packages: {
        '': {},
        'node_modules/a': {},
        'node_modules/@s/b': {},
        'node_modules/dev': { dev: true },
        'node_modules/a/node_modules/nested': {},
        'app/node_modules/own': {},
        'other/node_modules/theirs': {},
      },
    });
    expect([...productionPackages(lock, 'app')].sort()).toEqual(['@s/b', 'a', 'own']);
  });
});

// The runtime images copy a few workspaces' sources and production dependencies only:
// everything the entry points load must be in there.
describe.each([
  ['server.Dockerfile', ['collab-server/src/main.ts']],
  [
    'worker.Dockerfile',
    ['collab-server/src/worker/main.ts', 'collab-server/src/worker/solver-token-cli.ts'],
  ],
])('%s holds what its entry points load', (dockerfile, entries) => {
  it('every loaded file is in a copied source folder, every package a production dependency', () => {
    const { files, packages, undeclared } = runtimeImports(ROOT, entries);
    expect(files.length).toBeGreaterThan(10);
    const copied = copiedSources(dockerfile);
    expect(copied.sort()).toEqual(['collab-server/src', 'protocol/src', 'solver/src']);
    expect(files.filter((f) => !copied.some((dir) => f.startsWith(`${dir}/`)))).toEqual([]);
    // `npm ci --omit=dev` from the lockfile installs every package they import. (Some
    // are not in collab-server's own `dependencies` but arrive through another
    // production dependency: `undeclared`; see infra/README.md.)
    const installed = productionPackages(
      readFileSync(join(ROOT, 'package-lock.json'), 'utf8'),
      'collab-server',
    );
    expect(packages.filter((p) => !installed.has(p))).toEqual([]);
    expect(undeclared.every((u) => installed.has(u.split(': ')[1] ?? ''))).toBe(true);
  });
});
