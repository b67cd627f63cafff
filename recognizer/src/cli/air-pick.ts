/**
 * Picks the CROHME expressions to turn into air-writing with `shared/tools/airwriting`:
 * core expressions, at most `--per-writer` per writer (so many writers, none dominant),
 * writers and each writer's expressions in hash order (stable, independent of file order),
 * from one writer-disjoint part (the one `air-eval --part` scores).
 *
 *   node src/cli/air-pick.ts ../../shared/data/crohme/train.jsonl.gz --part dev \
 *     --per-writer 2 --max 180 --out /tmp/core-dev.jsonl.gz
 *
 * The output is CROHME-derived (CC BY-NC-SA): development data, never shipped.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { isCore } from '../eval/evaluate.ts';
import { airPartOf, fnv1a } from './air-parts.ts';
import { readRecords } from './eval-io.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    part: { type: 'string', default: 'dev' },
    'per-writer': { type: 'string', default: '2' },
    max: { type: 'string', default: '180' },
    out: { type: 'string' },
  },
});
const [input] = positionals;
const perWriter = Number(values['per-writer']);
const max = Number(values.max);
if (input === undefined || values.out === undefined || !(perWriter >= 1) || !(max >= 1)) {
  console.error(
    'usage: air-pick CROHME.jsonl.gz --out OUT.jsonl.gz [--part dev|test] [--per-writer N] [--max N]',
  );
  process.exit(2);
}
if (values.part !== 'dev' && values.part !== 'test') {
  console.error(`unknown part "${values.part}" (dev or test)`);
  process.exit(2);
}

const byWriter = new Map<string, ReturnType<typeof readRecords>>();
for (const r of readRecords(input)) {
  // A record without a writer could share one with any other: not writer-disjoint.
  const writer = r.writer;
  if (writer == null || !isCore(r) || airPartOf(writer) !== values.part) continue;
  byWriter.set(writer, [...(byWriter.get(writer) ?? []), r]);
}
const picked = [...byWriter]
  .sort(([a], [b]) => fnv1a(a) - fnv1a(b) || a.localeCompare(b))
  .flatMap(([, recs]) =>
    recs.sort((a, b) => fnv1a(a.id) - fnv1a(b.id) || a.id.localeCompare(b.id)).slice(0, perWriter),
  )
  .slice(0, max);
writeFileSync(values.out, gzipSync(picked.map((r) => JSON.stringify(r)).join('\n') + '\n'));
console.log(
  `${picked.length} core expressions of ${new Set(picked.map((r) => r.writer)).size} ${values.part} writers → ${values.out}`,
);
