/**
 * Evaluation CLI (contract used by other parts):
 *   npm run -s eval -w recognizer -- FILE [--out PREDS.jsonl] [--subset core|school] [--limit N]
 *     [--vocabulary all]   (adds the extra lowercase letters; default: the core set)
 *     [--model M.json]     (a model from `train.ts --out`, to compare before shipping it)
 *     [--cnn-skip P]       (dev: skip the convolutional members where the MLPs are this sure)
 *     [--boundary-weight W] (dev: weight of the learned stroke-boundary model; 0 = rules alone)
 *     [--fold i/k]         (only the writers of fold i of k, see writerFold: writer-disjoint
 *                           development folds of CROHME train)
 *     [--personal K]       (user-dependent: each expression is read by a fresh classifier
 *                           with up to K personal samples per label from the same writer's
 *                           other expressions in FILE, true segmentation; measurement only)
 * FILE: CROHME-format JSON Lines, plain or .gz, any path. Prints expression rates (exact,
 * ≤1, ≤2 errors), symbol rate with the true segmentation, segmentation rate and latency;
 * the last line is `ExpRate <percent>`. `--out` gets one `{"id","latex","confidence","ms"}`
 * line per expression.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import {
  evaluate,
  expRate,
  formatSummary,
  isCore,
  isSchool,
  parseFold,
  writerFold,
} from '../eval/evaluate.ts';
import type { CrohmeRecord, Prediction } from '../eval/evaluate.ts';
import { classifierWithSamples, selectPersonalSamples } from '../eval/personal-samples.ts';
import { readRecords } from './eval-io.ts';
import { CORE_SYMBOLS, EXTRA_SYMBOLS } from '../symbols/classes.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import type { ClassifierOptions } from '../symbols/classifier.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';

/** How many personal samples the evaluated expressions got, for the summary. */
interface PersonalUsage {
  expressions: number;
  samples: number;
  expressionsWithSamples: number;
  writers: Set<string>;
  writersWithSamples: Set<string>;
}

/**
 * Per-expression classifiers for `--personal K`: samples from `pool` (the whole file, so
 * a writer's expressions outside `--subset`/`--limit` count too, as a user's earlier
 * corrections would), only of labels the classifier may output.
 */
function personalClassifiers(
  pool: readonly CrohmeRecord[],
  perLabel: number,
  options: ClassifierOptions,
  usage: PersonalUsage,
): (rec: CrohmeRecord) => SymbolClassifier {
  const vocabulary = new Set(
    options.vocabulary === 'all' ? [...CORE_SYMBOLS, ...EXTRA_SYMBOLS] : CORE_SYMBOLS,
  );
  return (rec) => {
    const samples = selectPersonalSamples(pool, rec, perLabel, vocabulary);
    const writer = rec.writer ?? '?';
    usage.expressions++;
    usage.samples += samples.length;
    usage.writers.add(writer);
    if (samples.length > 0) {
      usage.expressionsWithSamples++;
      usage.writersWithSamples.add(writer);
    }
    return classifierWithSamples(samples, options);
  };
}

function formatUsage(perLabel: number, u: PersonalUsage): string {
  const average = u.expressions === 0 ? 0 : u.samples / u.expressions;
  return (
    `  personal samples (≤${perLabel} per label, same writer's other expressions): ` +
    `${average.toFixed(2)} per expression on average; ` +
    `${u.expressionsWithSamples} of ${u.expressions} expressions, ` +
    `${u.writersWithSamples.size} of ${u.writers.size} writers have any`
  );
}

function parsePerLabel(text: string): number {
  const k = Number(text);
  if (!Number.isInteger(k) || k < 0) throw new Error(`--personal needs a count ≥ 0, got "${text}"`);
  return k;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      subset: { type: 'string' },
      limit: { type: 'string' },
      vocabulary: { type: 'string' },
      model: { type: 'string' },
      'cnn-skip': { type: 'string' },
      'boundary-weight': { type: 'string' },
      personal: { type: 'string' },
      fold: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) {
    console.error('usage: eval FILE [--out PREDS.jsonl] [--subset core|school] [--limit N]');
    process.exit(2);
  }
  if (values.subset !== undefined && values.subset !== 'core' && values.subset !== 'school') {
    console.error(`unknown subset "${values.subset}" (only "core" or "school")`);
    process.exit(2);
  }
  // npm runs scripts in the workspace folder: resolve relative paths against the caller's.
  const base = process.env.INIT_CWD ?? process.cwd();
  const allRecords = readRecords(resolve(base, file));
  let records = allRecords;
  if (values.subset === 'core') records = records.filter(isCore);
  if (values.subset === 'school') records = records.filter(isSchool);
  if (values.fold !== undefined) {
    const { fold, folds } = parseFold(values.fold);
    records = records.filter((r) => writerFold(r, folds) === fold);
  }
  if (values.limit !== undefined) records = records.slice(0, Number(values.limit));
  const preds: Prediction[] = [];
  const options: ClassifierOptions = values.vocabulary === 'all' ? { vocabulary: 'all' } : {};
  if (values.model !== undefined)
    options.model = JSON.parse(readFileSync(resolve(base, values.model), 'utf8')) as SerializedMlp;
  if (values['cnn-skip'] !== undefined) options.cnnSkipConfidence = Number(values['cnn-skip']);
  const classifier = new SymbolClassifier(options);
  const perLabel = values.personal === undefined ? undefined : parsePerLabel(values.personal);
  const usage: PersonalUsage = {
    expressions: 0,
    samples: 0,
    expressionsWithSamples: 0,
    writers: new Set(),
    writersWithSamples: new Set(),
  };
  const summary = evaluate(records, {
    classifier,
    ...(perLabel === undefined
      ? {}
      : { classifierFor: personalClassifiers(allRecords, perLabel, options, usage) }),
    ...(values['boundary-weight'] !== undefined
      ? { boundaryWeight: Number(values['boundary-weight']) }
      : {}),
    now: () => performance.now(),
    onPrediction: (p) => preds.push(p),
  });
  if (values.out !== undefined)
    writeFileSync(
      resolve(base, values.out),
      preds.map((p) => JSON.stringify(p)).join('\n') + (preds.length > 0 ? '\n' : ''),
    );
  for (const line of formatSummary(
    `${file}${values.subset ? ` (subset ${values.subset})` : ''}${values.fold ? ` (writer fold ${values.fold})` : ''}`,
    summary,
  ))
    console.log(line);
  if (perLabel !== undefined) console.log(formatUsage(perLabel, usage));
  console.log(`ExpRate ${expRate(summary)}`);
}

try {
  main();
} catch (e) {
  console.error(`eval: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
