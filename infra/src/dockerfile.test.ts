import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPinnedImage, lintDockerfile, parseDockerfile } from './dockerfile.ts';

const DOCKER_DIR = join(import.meta.dirname, '..', 'docker');
const read = (name: string) => readFileSync(join(DOCKER_DIR, name), 'utf8');
const GOOD = `ARG NODE_IMAGE=node:24.21.0-bookworm-slim
FROM \${NODE_IMAGE} AS deps
RUN npm ci
FROM \${NODE_IMAGE}
COPY --from=deps /app /app
USER node
HEALTHCHECK CMD ["node", "-e", "1"]
CMD ["node", "main.ts"]
`;

describe('lintDockerfile', () => {
  it('passes a pinned, non-root image with a healthcheck', () => {
    expect(lintDockerfile(GOOD)).toEqual([]);
  });

  it('finds each broken promise', () => {
    expect(lintDockerfile(GOOD.replace('24.21.0-bookworm-slim', '24-slim'))).toEqual([
      'line 2: base image "node:24-slim" is not pinned by version or digest',
      'line 4: base image "node:24-slim" is not pinned by version or digest',
    ]);
    expect(lintDockerfile(GOOD.replace('USER node', 'USER root'))).toEqual([
      'final stage: USER is root',
    ]);
    expect(lintDockerfile(GOOD.replace('USER node\n', ''))).toEqual([
      'final stage: no USER (it would run as root)',
    ]);
    // A USER in an earlier stage does not make the final one non-root.
    expect(
      lintDockerfile(
        GOOD.replace('USER node\n', '').replace('RUN npm ci', 'RUN npm ci\nUSER node'),
      ),
    ).toEqual(['final stage: no USER (it would run as root)']);
    expect(lintDockerfile(GOOD.replace(/HEALTHCHECK.*\n/, ''))).toEqual([
      'final stage: no HEALTHCHECK',
    ]);
    expect(lintDockerfile(GOOD.replace(/HEALTHCHECK.*\n/, 'HEALTHCHECK NONE\n'))).toEqual([
      'final stage: no HEALTHCHECK',
    ]);
    expect(lintDockerfile(GOOD.replace('npm ci', 'npm install'))).toEqual([
      'line 3: use `npm ci` (the lockfile), not `npm install`',
      'dependencies are not installed with `npm ci`',
    ]);
  });

  it('joins continuation lines and recognizes pinned references', () => {
    expect(parseDockerfile('# c\nRUN a \\\n  b\nUSER node\n')).toEqual([
      { keyword: 'RUN', args: 'a b', line: 2 },
      { keyword: 'USER', args: 'node', line: 4 },
    ]);
    expect(isPinnedImage('node:24.21.0-bookworm-slim')).toBe(true);
    expect(isPinnedImage(`node@sha256:${'a'.repeat(64)}`)).toBe(true);
    expect(isPinnedImage('postgres:17.6-bookworm')).toBe(true);
    expect(isPinnedImage('node:24')).toBe(false);
    expect(isPinnedImage('node:24-slim')).toBe(false);
    expect(isPinnedImage('node:latest')).toBe(false);
    expect(isPinnedImage('node')).toBe(false);
  });
});

describe.each(['server.Dockerfile', 'worker.Dockerfile'])('%s', (name) => {
  const text = read(name);

  it('passes the lint', () => {
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('installs production dependencies only in the stage the runtime copies node_modules from', () => {
    const instructions = parseDockerfile(text);
    const copy = instructions.find(
      (i) => i.keyword === 'COPY' && /\/app\/node_modules/.test(i.args),
    );
    const stage = /--from=(\S+)/.exec(copy?.args ?? '')?.[1];
    expect(stage).toBe('prod-deps');
    const stageStart = instructions.findIndex(
      (i) => i.keyword === 'FROM' && i.args.endsWith(` AS ${stage}`),
    );
    const stageEnd = instructions.findIndex(
      (i, index) => index > stageStart && i.keyword === 'FROM',
    );
    const install = instructions.slice(stageStart, stageEnd).filter((i) => /npm ci/.test(i.args));
    expect(install.map((i) => i.args)).toEqual([
      'npm ci --omit=dev --no-audit --no-fund -w @motionmath/collab-server',
    ]);
  });

  it('copies the package.json of every workspace before `npm ci` (the lockfile needs them)', () => {
    const root = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'),
    ) as {
      workspaces: string[];
    };
    for (const workspace of root.workspaces) {
      expect(text, workspace).toMatch(
        new RegExp(`COPY (--from=build /app/)?${workspace}/package.json`),
      );
    }
  });

  it('has an ignore file that keeps the host node_modules and .git out of the context', () => {
    const ignored = read(`${name}.dockerignore`)
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '.git', '**/dist']));
  });

  it('runs a file that exists', () => {
    const cmd = parseDockerfile(text).findLast((i) => i.keyword === 'CMD');
    const [, script] = JSON.parse(cmd?.args ?? '[]') as string[];
    expect(() =>
      readFileSync(join(import.meta.dirname, '..', '..', script ?? 'missing')),
    ).not.toThrow();
  });
});
