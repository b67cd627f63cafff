/**
 * Evaluation CLI (contract used by other parts):
 *   npm run -s eval -w recognizer -- FILE [--out PREDS.jsonl] [--subset core] [--limit N]
 *     [--vocabulary all]   (adds the extra lowercase letters; default: the core set)
 *     [--model M.json]     (a model from `train.ts --out`, to compare before shipping it)
 * FILE: CROHME-format JSON Lines, plain or .gz, any path. Prints expression rates (exact,
 * ≤1, ≤2 errors), symbol rate with the true segmentation, segmentation rate and latency;
 * the last line is `ExpRate <percent>`. `--out` gets one `{"id","latex","confidence","ms"}`
 * line per expression.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { evaluate, expRate, formatSummary, isCore } from '../eval/evaluate.ts';
import type { Prediction } from '../eval/evaluate.ts';
import { readRecords } from './eval-io.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import type { ClassifierOptions } from '../symbols/classifier.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      subset: { type: 'string' },
      limit: { type: 'string' },
      vocabulary: { type: 'string' },
      model: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: eval FILE [--out PREDS.jsonl] [--subset core] [--limit N]');
    process.exit(2);
  }
  if (values.subset !== undefined && values.subset !== 'core') {
    console.error(`unknown subset "${values.subset}" (only "core")`);
    process.exit(2);
  }
  // npm runs scripts in the workspace folder: resolve relative paths against the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  let records = readRecords(resolve(base, file));
  if (values.subset === 'core') records = records.filter(isCore);
  if (values.limit !== undefined) records = records.slice(0, Number(values.limit));
  const preds: Prediction[] = [];
  const options: ClassifierOptions = values.vocabulary === 'all' ? { vocabulary: 'all' } : {};
  if (values.model !== undefined)
    options.model = JSON.parse(readFileSync(resolve(base, values.model), 'utf8')) as SerializedMlp;
  const classifier = new SymbolClassifier(options);
  const summary = evaluate(records, {
    classifier,
    now: () => performance.now(),
    onPrediction: (p) => preds.push(p),
  });
  if (values.out !== undefined)
    writeFileSync(
      resolve(base, values.out),
      preds.map((p) => JSON.stringify(p)).join('\n') + (preds.length > 0 ? '\n' : ''),
    );
  for (const line of formatSummary(
    `${file}${values.subset ? ` (subset ${values.subset})` : ''}`,
    summary,
  ))
    console.log(line);
  console.log(`ExpRate ${expRate(summary)}`);
}

try {
  main();
} catch (e) {
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
