/**
 * Re-renders the plot and the tables of a saved run without running it again:
 * `node infra/src/bench/cluster-report.ts [bench-results/cluster.json]`. The SVG goes
 * where that run's config said (BENCH_SVG).
 */
import { readFileSync } from 'node:fs';
import type { ClusterBenchResult } from './bench-report.ts';
import { DEFAULT_BENCH_CONFIG } from './bench-config.ts';
import { inRepo, reportResult } from './report-output.ts';

const path = inRepo(process.argv[2] ?? DEFAULT_BENCH_CONFIG.jsonPath);
reportResult(JSON.parse(readFileSync(path, 'utf8')) as ClusterBenchResult, { writeJson: false });
