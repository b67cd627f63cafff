import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from './kustomize.ts';
import { K8S_DIR, renderKustomization, strategicMerge } from './kustomize.ts';

const OVERLAYS = ['dev', 'production'];

function hasKubectl(): boolean {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const byKey = (objects: KubeObject[]) =>
  new Map(objects.map((o) => [`${o.apiVersion}/${o.kind}/${o.metadata.name}`, o]));

describe('strategicMerge', () => {
  it('merges maps, merges named lists by name (patch items first), replaces other lists', () => {
    const base = {
      a: { keep: 1, change: 1, drop: 1 },
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
      rules: [{ host: 'a' }, { host: 'b' }],
    };
    const patch = {
      a: { change: 2, drop: null },
      env: [
        { name: 'B', value: '3' },
        { name: 'C', value: '4' },
      ],
      rules: [{ host: 'c' }],
    };
    expect(strategicMerge(base, patch)).toEqual({
      a: { keep: 1, change: 2 },
      env: [
        { name: 'B', value: '3' },
        { name: 'C', value: '4' },
        { name: 'A', value: '1' },
      ],
      rules: [{ host: 'c' }],
    });
    expect(base.env[1]).toEqual({ name: 'B', value: '2' }); // inputs untouched
  });
});

describe('renderKustomization', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (files: Record<string, string>) => {
    dir = mkdtempSync(join(tmpdir(), 'mm-kustomize-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - {name: web, image: example/web}
        - {name: side, image: 'example/side:1.0.0'}
`;

  it('applies namespace, labels, images, replicas and patches', () => {
    write({
      'kustomization.yaml': `kind: Kustomization
namespace: ns
resources: [web.yaml]
labels: [{pairs: {tier: front}}]
images:
  - {name: example/web, newName: reg.io/web, newTag: '2.0.0'}
  - {name: example/side, digest: 'sha256:abc'}
replicas: [{name: web, count: 4}]
patches: [{path: patch.yaml}]
`,
      'web.yaml': deployment,
      'patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec: {template: {spec: {containers: [{name: web, args: [serve]}]}}}
`,
    });
    const [web, ...rest] = renderKustomization(dir);
    expect(rest).toEqual([]);
    expect(web).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'ns', labels: { tier: 'front' } },
      spec: {
        replicas: 4,
        template: {
          spec: {
            containers: [
              { name: 'web', image: 'reg.io/web:2.0.0', args: ['serve'] },
              { name: 'side', image: 'example/side@sha256:abc' },
            ],
          },
        },
      },
    });
  });

  it('refuses fields outside the subset, unknown patch targets and duplicates', () => {
    write({
      'kustomization.yaml': 'kind: Kustomization\nresources: [web.yaml]\ncommonLabels: {a: b}\n',
      'web.yaml': deployment,
    });
    expect(() => renderKustomization(dir)).toThrow(/commonLabels.*outside the supported/);
    rmSync(dir, { recursive: true });
    write({
      'kustomization.yaml':
        'kind: Kustomization\nresources: [web.yaml]\npatches: [{path: p.yaml}]\n',
      'web.yaml': deployment,
      'p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: other}\n',
    });
    expect(() => renderKustomization(dir)).toThrow(
      /patch target apps\/v1\/Deployment\/other not found/,
    );
    rmSync(dir, { recursive: true });
    write({
      'kustomization.yaml': 'kind: Kustomization\nresources: [web.yaml, web.yaml]\n',
      'web.yaml': deployment,
    });
    expect(() => renderKustomization(dir)).toThrow(/duplicate object/);
    rmSync(dir, { recursive: true });
    write({
      'kustomization.yaml': 'kind: Kustomization\nresources: [web.yaml]\n',
      'web.yaml': 'a: [1\n',
    });
    expect(() => renderKustomization(dir)).toThrow(/web\.yaml/);
  });
});

// kubectl is not in Debian's archive, so CI may not have it; where it exists (a
// developer machine, this image) the renderer must agree with the real Kustomize.
describe.skipIf(!hasKubectl())('agrees with kubectl kustomize', () => {
  it.each(OVERLAYS)('%s', (overlay) => {
    const path = join(K8S_DIR, 'overlays', overlay);
    const text = execFileSync('kubectl', ['kustomize', path], { encoding: 'utf8' });
    const expected = parseAllDocuments(text).map((d) => d.toJS() as KubeObject);
    const ours = byKey(renderKustomization(path));
    const theirs = byKey(expected);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, object] of ours) expect(object, key).toEqual(theirs.get(key));
  });
});
