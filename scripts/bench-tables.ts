// Regenerates every README's marked benchmark tables from bench-results/*.json
// (`npm run bench:tables` after `npm run bench`); see testkit/src/bench-tables.ts for
// the marker. Tables of benches that have not run are left as they are, and named.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as prettier from 'prettier';
import { updateTables } from '@motionmath/testkit';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'bench-results');
const readmes = execFileSync('git', ['ls-files', '*README.md', 'README.md'], { cwd: root })
  .toString()
  .split('\n')
  .filter(Boolean);

let failed = false;
for (const readme of readmes) {
  const path = join(root, readme);
  const before = readFileSync(path, 'utf8');
  if (!before.includes('<!-- bench-table:')) continue;
  try {
    const { text, updated, missing } = updateTables(before, (file) => {
      const json = join(results, file);
      return existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as unknown) : null;
    });
    // Formatted as `npm run format` would (aligned columns), so format:check stays green.
    const options = (await prettier.resolveConfig(path)) ?? {};
    const formatted = await prettier.format(text, { ...options, filepath: path });
    if (formatted !== before) writeFileSync(path, formatted);
    for (const table of updated) console.log(`${readme}: ${table}`);
    for (const file of missing)
      console.log(`${readme}: bench-results/${file} missing (run its bench first); table kept`);
  } catch (error) {
    failed = true;
    console.error(`${readme}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed ? 1 : 0;
