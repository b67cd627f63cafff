/**
 * The subset of Kustomize that `infra/k8s` uses, so the tests render the overlays with
 * nothing but npm packages. Kept rather than shelling out to `kubectl kustomize`: CI
 * installs from Debian 12, whose `kubernetes-client` is kubectl 1.20 with Kustomize
 * v2.0.3, which predates the `labels` field our overlays use (this machine's kubectl
 * 1.32 comes from Google's apt repository), and Kustomize is not on npm. When a
 * `kubectl` is on the PATH, kustomize.test.ts checks that both agree.
 *
 * Supported `kustomization.yaml` fields (anything else is an error, never ignored):
 * - `resources`: YAML files (several documents each) or folders with a kustomization;
 * - `namespace`: set on every namespaced object;
 * - `labels` (`pairs`, without `includeSelectors`/`includeTemplates`): added to
 *   `metadata.labels` only, as Kustomize does then;
 * - `images` (`name`, `newName`, `newTag`, `digest`): rewrites container images;
 * - `replicas` (`name`, `count`): sets `spec.replicas` of the named workload;
 * - `patches` with `path` only: strategic merge patches, matched by apiVersion, kind
 *   and name. Maps merge recursively; lists whose items all carry a `name` merge by name
 *   (the merge key of containers, env, volumes, ports in the Kubernetes types used here),
 *   patch items first, as Kustomize orders them; every other list is replaced; `null`
 *   deletes a key.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type KubeObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string };
};

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'labels',
  'images',
  'replicas',
  'patches',
]);

/** Kinds that are not namespaced (only those that could appear in our manifests). */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'IngressClass',
  'PriorityClass',
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every YAML document of a file, failing on any parse error or warning (`<<` merge
 * keys resolved, as Docker Compose does). */
export function parseYamlFile(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  return parseAllDocuments(text, { prettyErrors: true, merge: true }).flatMap((doc) => {
    const problems = [...doc.errors, ...doc.warnings];
    if (problems.length > 0) {
      throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    }
    const value: unknown = doc.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

function asKubeObject(value: unknown, where: string): KubeObject {
  if (
    !isRecord(value) ||
    typeof value['apiVersion'] !== 'string' ||
    typeof value['kind'] !== 'string' ||
    !isRecord(value['metadata']) ||
    typeof value['metadata']['name'] !== 'string'
  ) {
    throw new Error(`${where}: not a Kubernetes object (apiVersion, kind, metadata.name)`);
  }
  return value as KubeObject;
}

function objectKey(o: KubeObject): string {
  return `${o.apiVersion}/${o.kind}/${o.metadata.name}`;
}

function namedItems(list: unknown[]): list is Record<string, unknown>[] {
  return (
    list.length > 0 && list.every((item) => isRecord(item) && typeof item['name'] === 'string')
  );
}

/** Strategic-merge `patch` into `base` (see the header for the rules). */
export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (isRecord(base) && isRecord(patch)) {
    const out = new Map(Object.entries(base));
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) out.delete(key);
      else out.set(key, key in base ? strategicMerge(base[key], value) : value);
    }
    return Object.fromEntries(out);
  }
  if (Array.isArray(base) && Array.isArray(patch) && namedItems(base) && namedItems(patch)) {
    const patched = patch.map((item) => {
      const original = base.find((b) => b['name'] === item['name']);
      return original === undefined ? item : strategicMerge(original, item);
    });
    const untouched = base.filter((b) => !patch.some((p) => p['name'] === b['name']));
    return [...patched, ...untouched];
  }
  return patch;
}

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

function rewriteImage(image: string, rules: ImageRule[]): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const rule = rules.find((r) => r.name === name);
  if (rule === undefined) return image;
  const newName = rule.newName ?? name;
  if (rule.digest !== undefined) return `${newName}@${rule.digest}`;
  if (rule.newTag !== undefined) return `${newName}:${rule.newTag}`;
  return newName + image.slice(name.length);
}

function podSpecOf(o: KubeObject): Record<string, unknown> | undefined {
  const spec = o['spec'];
  if (!isRecord(spec)) return undefined;
  if (o.kind === 'Pod') return spec;
  const template = spec['template'];
  if (isRecord(template) && isRecord(template['spec'])) return template['spec'];
  return undefined;
}

function applyImages(o: KubeObject, rules: ImageRule[]): KubeObject {
  const podSpec = podSpecOf(o);
  if (podSpec === undefined) return o;
  for (const field of ['containers', 'initContainers']) {
    const containers = podSpec[field];
    if (!Array.isArray(containers)) continue;
    for (const c of containers) {
      if (isRecord(c) && typeof c['image'] === 'string')
        c['image'] = rewriteImage(c['image'], rules);
    }
  }
  return o;
}

function stringMap(value: unknown, where: string): Record<string, string> {
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new Error(`${where}: expected a map of strings`);
  }
  return value as Record<string, string>;
}

function list(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: expected a list`);
  return value;
}

/** Renders the kustomization in `dir` (a folder with `kustomization.yaml`). */
export function renderKustomization(dir: string): KubeObject[] {
  const file = join(dir, 'kustomization.yaml');
  const [k, ...rest] = parseYamlFile(file);
  if (!isRecord(k) || rest.length > 0) throw new Error(`${file}: expected one mapping`);
  if (k['kind'] !== 'Kustomization') throw new Error(`${file}: kind must be Kustomization`);
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) {
      throw new Error(`${file}: field "${field}" is outside the supported Kustomize subset`);
    }
  }

  // Deep copies: parseYamlFile returns fresh objects, so resources can be mutated below.
  let objects: KubeObject[] = list(k['resources'], `${file} resources`).flatMap((entry) => {
    if (typeof entry !== 'string') throw new Error(`${file}: resources must be paths`);
    const path = resolve(dir, entry);
    return statSync(path).isDirectory()
      ? renderKustomization(path)
      : parseYamlFile(path).map((doc, i) => asKubeObject(doc, `${path}#${i}`));
  });
  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(objectKey(o))) throw new Error(`${file}: duplicate object ${objectKey(o)}`);
    seen.add(objectKey(o));
  }

  for (const [i, entry] of list(k['patches'], `${file} patches`).entries()) {
    if (!isRecord(entry) || typeof entry['path'] !== 'string' || Object.keys(entry).length !== 1) {
      throw new Error(`${file}: patches[${i}] must have exactly a \`path\``);
    }
    const patchFile = resolve(dir, entry['path']);
    for (const [j, doc] of parseYamlFile(patchFile).entries()) {
      const patch = asKubeObject(doc, `${patchFile}#${j}`);
      const index = objects.findIndex((o) => objectKey(o) === objectKey(patch));
      if (index < 0) throw new Error(`${patchFile}: patch target ${objectKey(patch)} not found`);
      objects[index] = strategicMerge(objects[index], patch) as KubeObject;
    }
  }

  for (const [i, entry] of list(k['replicas'], `${file} replicas`).entries()) {
    if (
      !isRecord(entry) ||
      typeof entry['name'] !== 'string' ||
      typeof entry['count'] !== 'number'
    ) {
      throw new Error(`${file}: replicas[${i}] needs a name and a count`);
    }
    const targets = objects.filter(
      (o) =>
        o.metadata.name === entry['name'] &&
        ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(o.kind),
    );
    if (targets.length === 0)
      throw new Error(`${file}: replicas target ${entry['name']} not found`);
    for (const o of targets) (o['spec'] as Record<string, unknown>)['replicas'] = entry['count'];
  }

  const images = list(k['images'], `${file} images`).map((entry, i): ImageRule => {
    if (!isRecord(entry) || typeof entry['name'] !== 'string') {
      throw new Error(`${file}: images[${i}] needs a name`);
    }
    for (const field of ['newName', 'newTag', 'digest']) {
      if (entry[field] !== undefined && typeof entry[field] !== 'string') {
        throw new Error(`${file}: images[${i}].${field} must be a string (quote version tags)`);
      }
    }
    return entry as unknown as ImageRule;
  });
  if (images.length > 0) objects = objects.map((o) => applyImages(o, images));

  for (const [i, entry] of list(k['labels'], `${file} labels`).entries()) {
    if (!isRecord(entry) || Object.keys(entry).some((key) => key !== 'pairs')) {
      throw new Error(`${file}: labels[${i}] supports only \`pairs\` (metadata labels)`);
    }
    const pairs = stringMap(entry['pairs'], `${file} labels[${i}].pairs`);
    for (const o of objects) {
      o.metadata['labels'] = { ...stringMap(o.metadata['labels'] ?? {}, objectKey(o)), ...pairs };
    }
  }

  const namespace = k['namespace'];
  if (namespace !== undefined) {
    if (typeof namespace !== 'string') throw new Error(`${file}: namespace must be a string`);
    for (const o of objects) {
      if (!CLUSTER_SCOPED_KINDS.has(o.kind)) o.metadata['namespace'] = namespace;
    }
  }
  return objects;
}

/** The folder `infra/k8s` (beside `src`). */
export const K8S_DIR = resolve(dirname(import.meta.dirname), 'k8s');
