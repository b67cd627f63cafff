import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYamlFile } from './kustomize.ts';
import { isPinnedImage } from './dockerfile.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const INFRA = join(import.meta.dirname, '..');
const [compose] = parseYamlFile(join(INFRA, 'compose.yaml')) as Json[];
const services: Json = compose?.['services'] ?? {};

describe('compose.yaml (the local cluster)', () => {
  it('has the cluster services, each from a pinned image or our Dockerfiles', () => {
    expect(Object.keys(services).sort()).toEqual([
      'init',
      'lb',
      'postgres',
      'redis',
      'server',
      'worker',
    ]);
    for (const [name, service] of Object.entries(services)) {
      const image: string = service['image'];
      if (service['build']) {
        expect(service['build']['context'], name).toBe('..');
        expect(() =>
          readFileSync(join(INFRA, service['build']['dockerfile'].replace(/^infra\//, ''))),
        ).not.toThrow();
      } else if (!image.startsWith('motionmath/')) {
        expect(isPinnedImage(image), `${name}: ${image}`).toBe(true);
      }
    }
    // The worker reuses the image `init` builds.
    expect(services['worker']['image']).toBe(services['init']['image']);
  });

  it('runs 2 servers without in-process solvers and 2 workers, on PostgreSQL and Redis', () => {
    const server = services['server'];
    expect(server['deploy']['replicas']).toBe(2);
    expect(server['environment']['SOLVER_WORKERS']).toBe('0');
    expect(server['environment']['DATABASE_URL']).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(server['environment']['REDIS_URL']).toBe('redis://redis:6379');
    const worker = services['worker'];
    expect(worker['deploy']['replicas']).toBe(2);
    expect(worker['environment']).toMatchObject({
      SERVER_URL: 'ws://lb:8080',
      REDIS_URL: 'redis://redis:6379',
    });
    expect(worker['depends_on']['init']).toEqual({ condition: 'service_completed_successfully' });
    for (const name of ['postgres', 'redis']) {
      expect(services[name]['healthcheck']['test'], name).toBeDefined();
      expect(server['depends_on'][name]).toEqual({ condition: 'service_healthy' });
    }
  });

  it('hands the workers the token the init service issues with the solver-token CLI', () => {
    const init = services['init'];
    const command = (init['command'] as string[]).join(' ');
    expect(command).toContain('collab-server/src/worker/solver-token-cli.ts');
    expect(() =>
      readFileSync(join(INFRA, '..', 'collab-server/src/worker/solver-token-cli.ts')),
    ).not.toThrow();
    const file = services['worker']['environment']['SOLVER_TOKEN_FILE'];
    expect(command).toContain(`> ${file}.tmp`);
    const volume = (v: string) => v.split(':')[0];
    expect(init['volumes'].map(volume)).toEqual(services['worker']['volumes'].map(volume));
    expect(Object.keys(compose?.['volumes'])).toContain(volume(init['volumes'][0]));
    expect(readFileSync(join(INFRA, 'docker', 'worker-entrypoint.sh'), 'utf8')).toContain(
      'SOLVER_TOKEN_FILE',
    );
  });

  it('balances round robin over the servers with WebSocket upgrades and long timeouts', () => {
    const lb = services['lb'];
    expect(lb['depends_on']['server']).toEqual({ condition: 'service_healthy' });
    const mount = (lb['volumes'] as string[]).find((v) => v.endsWith(':/etc/nginx/nginx.conf:ro'));
    const conf = readFileSync(join(INFRA, (mount ?? '').split(':')[0] ?? ''), 'utf8').replace(
      /#.*$/gm,
      '',
    );
    expect(conf).toMatch(/server server:8787 resolve;/);
    expect(conf).not.toMatch(/ip_hash|sticky|hash \$/); // no stickiness needed
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(conf).toMatch(/proxy_read_timeout 3600s;/);
    expect(lb['ports']).toEqual([`8080:${/listen (\d+);/.exec(conf)?.[1]}`]);
  });
});
