/** Prints the tables of a cluster load-test result and writes its files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../cluster/processes.ts';
import {
  TABLE_HEADERS,
  latencyPlot,
  markdownTable,
  plotSubtitle,
  tableRows,
  textTable,
} from './bench-report.ts';
import type { ClusterBenchResult } from './bench-report.ts';

/** Configured paths are relative to the repository root (npm runs us in infra/). */
export const inRepo = (path: string) => (isAbsolute(path) ? path : resolve(REPO_ROOT, path));

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`written ${relative(process.cwd(), path) || path}`);
}

export function reportResult(result: ClusterBenchResult, options: { writeJson: boolean }) {
  const rows = tableRows(result.steps);
  console.log(`\n${textTable(TABLE_HEADERS, rows)}`);
  console.log(markdownTable(TABLE_HEADERS, rows));
  if (options.writeJson)
    write(inRepo(result.config.jsonPath), JSON.stringify(result, null, 2) + '\n');
  write(inRepo(result.config.svgPath), latencyPlot(result.steps, plotSubtitle(result)));
}
