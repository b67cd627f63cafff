import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from './kustomize.ts';
import { K8S_DIR, renderKustomization } from './kustomize.ts';
import { validateObject } from './validate.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const render = (overlay: string) => renderKustomization(join(K8S_DIR, 'overlays', overlay));
const find = (objects: KubeObject[], kind: string, name: string): Json => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (found === undefined) throw new Error(`${kind} ${name} missing`);
  return found;
};
const container = (deployment: Json): Json =>
  deployment['spec']['template']['spec']['containers'][0];
const envNames = (c: Json): string[] => c['env'].map((e: Json) => e['name']);
const secretKeys = (c: Json): string[] =>
  c['env']
    .filter((e: Json) => e['valueFrom']?.['secretKeyRef'])
    .map(
      (e: Json) =>
        `${e['valueFrom']['secretKeyRef']['name']}/${e['valueFrom']['secretKeyRef']['key']}`,
    );
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('the schema check itself', () => {
  it('rejects an invalid object and an unknown kind', () => {
    const objects = render('dev');
    const server = structuredClone(find(objects, 'Deployment', 'motionmath-server')) as KubeObject;
    (server['spec'] as Json)['replicas'] = 'two';
    expect(() => validateObject(server)).toThrow(/replicas must be integer/);
    expect(() =>
      validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toThrow(/no schema/);
  });
});

describe.each(['dev', 'production'])('overlay %s', (overlay) => {
  const objects = render(overlay);
  const namespace = overlay === 'dev' ? 'motionmath-dev' : 'motionmath';

  it('has every object, each valid against its Kubernetes schema and in the namespace', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/motionmath-server',
      'Deployment/motionmath-worker',
      'HorizontalPodAutoscaler/motionmath-server',
      'HorizontalPodAutoscaler/motionmath-worker',
      'Ingress/motionmath',
      'NetworkPolicy/motionmath-default-deny',
      'NetworkPolicy/motionmath-server',
      'NetworkPolicy/motionmath-worker',
      'PodDisruptionBudget/motionmath-server',
      'PodDisruptionBudget/motionmath-worker',
      'Service/motionmath-server',
      'ServiceMonitor/motionmath-server',
    ]);
    for (const o of objects) {
      expect(() => validateObject(o)).not.toThrow();
      expect(o.metadata['namespace'], o.metadata.name).toBe(namespace);
      expect(o.metadata['labels'], o.metadata.name).toMatchObject({ environment: overlay });
    }
  });

  it('runs both workloads unprivileged, with requests and limits, from the overlay images', () => {
    const registry = overlay === 'production' ? 'registry.example.com/' : '';
    const tag = overlay === 'production' ? '0.1.0' : 'dev';
    for (const name of ['server', 'worker']) {
      const d = find(objects, 'Deployment', `motionmath-${name}`);
      const pod = d['spec']['template']['spec'];
      const c = container(d);
      expect(c['image']).toBe(`${registry}motionmath/${name}:${tag}`);
      expect(pod['securityContext']).toMatchObject({ runAsNonRoot: true });
      expect(pod['securityContext']['runAsUser']).toBeGreaterThan(0);
      expect(c['securityContext']).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      for (const kind of ['requests', 'limits']) {
        expect(Object.keys(c['resources'][kind]).sort(), `${name} ${kind}`).toEqual([
          'cpu',
          'memory',
        ]);
      }
      expect(
        matches(d['spec']['selector']['matchLabels'], d['spec']['template']['metadata']['labels']),
      ).toBe(true);
    }
  });

  it('probes the server on /healthz (liveness) and /readyz (readiness), on its port', () => {
    const server = find(objects, 'Deployment', 'motionmath-server');
    const c = container(server);
    expect(c['livenessProbe']['httpGet']).toEqual({ path: '/healthz', port: 'http' });
    expect(c['readinessProbe']['httpGet']).toEqual({ path: '/readyz', port: 'http' });
    expect(c['startupProbe']['httpGet']['path']).toBe('/healthz');
    expect(c['ports']).toEqual([{ name: 'http', containerPort: 8787 }]);
    const worker = container(find(objects, 'Deployment', 'motionmath-worker'));
    expect(worker['readinessProbe']['exec']['command'].join(' ')).toContain('/healthz');
  });

  it('takes secrets from motionmath-secrets and runs no solver inside the servers', () => {
    const server = container(find(objects, 'Deployment', 'motionmath-server'));
    const worker = container(find(objects, 'Deployment', 'motionmath-worker'));
    expect(secretKeys(server)).toEqual(
      expect.arrayContaining(
        [
          'DATABASE_URL',
          'REDIS_URL',
          'GITHUB_CLIENT_ID',
          'GITHUB_CLIENT_SECRET',
          'GOOGLE_CLIENT_ID',
          'GOOGLE_CLIENT_SECRET',
        ].map((k) => `motionmath-secrets/${k}`),
      ),
    );
    expect(secretKeys(worker)).toEqual(
      expect.arrayContaining(['motionmath-secrets/SOLVER_TOKEN', 'motionmath-secrets/REDIS_URL']),
    );
    const env = (c: Json, name: string) =>
      c['env'].find((e: Json) => e['name'] === name)?.['value'];
    expect(env(server, 'SOLVER_WORKERS')).toBe('0');
    expect(env(server, 'HOST')).toBe('0.0.0.0');
    expect(env(worker, 'SERVER_URL')).toBe('ws://motionmath-server:8787');
    for (const c of [server, worker]) {
      const names = envNames(c);
      expect(new Set(names).size, 'no duplicate env').toBe(names.length);
      // Plain values never carry secrets.
      for (const e of c['env'] as Json[]) {
        if (
          /SECRET|TOKEN|_URL$/.test(e['name']) &&
          e['name'] !== 'PUBLIC_URL' &&
          e['name'] !== 'SERVER_URL'
        ) {
          expect(e['valueFrom'], e['name']).toBeDefined();
        }
      }
    }
  });

  it('points the Service, PDBs, HPAs, ServiceMonitor and NetworkPolicies at real pods', () => {
    const podLabels = (name: string) =>
      find(objects, 'Deployment', name)['spec']['template']['metadata']['labels'];
    const service = find(objects, 'Service', 'motionmath-server');
    expect(matches(service['spec']['selector'], podLabels('motionmath-server'))).toBe(true);
    expect(service['spec']['ports'][0]).toMatchObject({ name: 'http', targetPort: 'http' });
    for (const name of ['motionmath-server', 'motionmath-worker']) {
      const pdb = find(objects, 'PodDisruptionBudget', name);
      expect(matches(pdb['spec']['selector']['matchLabels'], podLabels(name))).toBe(true);
      const hpa = find(objects, 'HorizontalPodAutoscaler', name);
      expect(hpa['spec']['scaleTargetRef']).toEqual({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name,
      });
      expect(hpa['spec']['minReplicas']).toBeGreaterThanOrEqual(2); // a PDB with minAvailable 1 never blocks drains
      expect(hpa['spec']['maxReplicas']).toBeGreaterThan(hpa['spec']['minReplicas']);
      const policy = find(objects, 'NetworkPolicy', name);
      expect(matches(policy['spec']['podSelector']['matchLabels'], podLabels(name))).toBe(true);
    }
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'motionmath-server');
    expect(hpa['spec']['metrics'].map((m: Json) => m['type'])).toEqual(['Resource', 'Pods']);
    const monitor = find(objects, 'ServiceMonitor', 'motionmath-server');
    expect(matches(monitor['spec']['selector']['matchLabels'], service['metadata']['labels'])).toBe(
      true,
    );
    expect(monitor['spec']['endpoints'][0]).toMatchObject({ port: 'http', path: '/metrics' });
    expect(find(objects, 'NetworkPolicy', 'motionmath-default-deny')['spec']).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    const serverPolicy = find(objects, 'NetworkPolicy', 'motionmath-server');
    expect(serverPolicy['spec']['ingress'][0]['ports']).toEqual([{ protocol: 'TCP', port: 8787 }]);
  });

  it('routes the Ingress to the server with WebSocket-friendly timeouts', () => {
    const ingress = find(objects, 'Ingress', 'motionmath');
    const annotations = ingress['metadata']['annotations'];
    expect(
      Number(annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']),
    ).toBeGreaterThanOrEqual(3600);
    expect(
      Number(annotations['nginx.ingress.kubernetes.io/proxy-send-timeout']),
    ).toBeGreaterThanOrEqual(3600);
    const backend = ingress['spec']['rules'][0]['http']['paths'][0]['backend']['service'];
    expect(backend).toEqual({ name: 'motionmath-server', port: { name: 'http' } });
    const host = ingress['spec']['rules'][0]['host'];
    const publicUrl = container(find(objects, 'Deployment', 'motionmath-server'))['env'].find(
      (e: Json) => e['name'] === 'PUBLIC_URL',
    )['value'];
    expect(new URL(publicUrl).host).toBe(host);
    if (overlay === 'production') {
      expect(ingress['spec']['tls'][0]['hosts']).toEqual([host]);
      expect(publicUrl.startsWith('https://')).toBe(true);
    }
  });
});
