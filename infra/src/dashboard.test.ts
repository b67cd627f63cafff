import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from '@motionmath/collab-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { K8S_DIR, parseYamlFile } from './kustomize.ts';
import { exposedSeries, metricNames } from './promql.ts';

interface Target {
  expr: string;
}
interface Panel {
  title: string;
  targets?: Target[];
  gridPos: { x: number; y: number; w: number; h: number };
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: { query: unknown }[] };
}

const dashboard = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'grafana', 'motionmath-server.json'), 'utf8'),
) as Dashboard;

describe('metricNames', () => {
  it('finds metric names, not functions, labels or keywords', () => {
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, pod) (rate(a_bucket{pod=~"x(y)"}[5m]))) / on (pod) group_left b + c',
      ),
    ).toEqual(['a_bucket', 'b', 'c']);
    expect(
      metricNames('label_values(motionmath_ws_connections{namespace="$namespace"}, pod)'),
    ).toEqual(['motionmath_ws_connections', 'pod']);
  });

  it('reads the series of a text exposition', () => {
    const text = '# HELP h x\n# TYPE h histogram\nh_bucket{le="1"} 0\n# TYPE g gauge\ng 1\n';
    expect([...exposedSeries(text)].sort()).toEqual(['g', 'h_bucket', 'h_count', 'h_sum']);
  });
});

// The real registry: a collab-server (embedded PGlite in memory) and its /metrics.
describe('the Grafana dashboard and the HPA use metrics the server exports', () => {
  let series: Set<string>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const server = await createServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: null,
      logLevel: 'silent',
    });
    await server.listen();
    close = () => server.close();
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    series = exposedSeries(await response.text());
  });
  afterAll(async () => close());

  it('every panel query reads only exported series', () => {
    expect(series.has('motionmath_ws_connections')).toBe(true);
    const used = new Set<string>();
    for (const panel of dashboard.panels) {
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        for (const name of metricNames(target.expr)) {
          expect(series.has(name), `${panel.title}: ${name}`).toBe(true);
          used.add(name);
        }
      }
    }
    // Every MotionMath metric has a panel.
    const ours = [...series].filter((s) => s.startsWith('motionmath_'));
    const base = (s: string) => s.replace(/_(bucket|sum|count)$/, '');
    expect(ours.filter((s) => ![...used].some((u) => base(u) === base(s)))).toEqual([]);
    // Variables query an exported metric too (`label_values(metric, label)`).
    for (const variable of dashboard.templating.list) {
      if (typeof variable.query !== 'string' || !variable.query.startsWith('label_values'))
        continue;
      expect(series.has(metricNames(variable.query)[0] ?? '')).toBe(true);
    }
  });

  it('the server HPA scales on an exported gauge', () => {
    const hpas = parseYamlFile(join(K8S_DIR, 'base', 'autoscaling.yaml')) as {
      spec: { metrics: { type: string; pods?: { metric: { name: string } } }[] };
    }[];
    const names = hpas.flatMap((h) =>
      h.spec.metrics.flatMap((m) => (m.pods ? [m.pods.metric.name] : [])),
    );
    expect(names).toEqual(['motionmath_ws_connections']);
    for (const name of names) expect(series.has(name)).toBe(true);
  });

  it('lays the panels out without overlaps, with unique ids', () => {
    const cells = new Set<string>();
    for (const { gridPos: g, title } of dashboard.panels) {
      expect(g.x + g.w, title).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++)
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`), `${title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
    expect(dashboard.uid).toBe('motionmath-server');
  });
});
