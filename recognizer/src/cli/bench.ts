/**
 * Benchmark: the shipped model beside the baseline (`models/baseline.json`, the model of
 * before the handwriting-font data) and any other `--model`, in one run, on
 *   - CROHME train split by writer into 5 folds (writerFold; fold 0 is where development
 *     choices were made, folds 1–4 were not looked at while choosing), core scope, school
 *     scope (`isSchool`: the symbols of vocabulary 'all' and the function words) and full
 *     vocabulary,
 *   - CROHME test2013, core, school and full (reported, never chosen by),
 * plus latency per expression (wall and CPU time), and the air-writing set end to end
 * (landmarks → pen → strokes → LaTeX). Prints the numbers with the load average and
 * writes them to <repo>/bench-results/recognizer.json.
 * and test2013 core in a browser Web Worker (Chromium; `worker-bench.ts`).
 *   npm run bench -w recognizer   [-- --data DIR] [--model M.json ...] [--full-per-fold N]
 *                                 [--no-browser]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { evaluate, isCore, isSchool, writerFold } from '../eval/evaluate.ts';
import type { CrohmeRecord, EvalSummary } from '../eval/evaluate.ts';
import { latexTokensEqual } from '../eval/latex-compare.ts';
import { scoreAirwriting } from '../hand/airwriting-eval.ts';
import type { AirwritingRecord } from '../hand/airwriting-eval.ts';
import { recognizeExpression } from '../recognize.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';
import { readRecords } from './eval-io.ts';
import { benchInWebWorker } from './worker-bench.ts';

/** Writer-disjoint folds of CROHME train (fold 0: development). */
const FOLDS = 5;
/**
 * Full-vocabulary expressions read per train fold (the first of each fold's writers, file
 * order): all 8,835 would take most of an hour per model on the shared machine; the core
 * folds are read whole.
 */
const FULL_TRAIN_PER_FOLD = 150;

const here = import.meta.dirname;
const repo = resolve(here, '..', '..', '..');
const { values } = parseArgs({
  options: {
    data: {
      type: 'string',
      default: process.env.MOTIONMATH_SHARED_DATA ?? join(repo, '..', 'shared', 'data'),
    },
    model: { type: 'string', multiple: true, default: [] },
    'full-per-fold': { type: 'string', default: String(FULL_TRAIN_PER_FOLD) },
    'no-browser': { type: 'boolean', default: false },
  },
});
const data = values.data;
const readModel = (path: string): SerializedMlp =>
  JSON.parse(readFileSync(path, 'utf8')) as SerializedMlp;
const shipped = readModel(join(here, '..', 'symbols', 'model.json'));
/**
 * Pipelines compared: a symbol model and the weight of the learned stroke-boundary model
 * in segmentation (undefined: the shipped `BOUNDARY_WEIGHT`). `shipped-rules` is the
 * shipped model segmented by the rules alone, as before the boundary model.
 */
const models: [string, SerializedMlp, number | undefined][] = [
  ['shipped', shipped, undefined],
  ['shipped-rules', shipped, 0],
  ['baseline', readModel(join(here, '..', '..', 'models', 'baseline.json')), undefined],
  ...values.model.map((m): [string, SerializedMlp, undefined] => [
    m,
    readModel(resolve(m)),
    undefined,
  ]),
];
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  loadAverageAtStart: load(),
  folds: `CROHME train by writer into ${FOLDS} folds (writerFold); fold 0 development`,
};
const rate = (a: number, b: number): number => (b === 0 ? 0 : Number(((100 * a) / b).toFixed(2)));
const summarize = (s: EvalSummary): Record<string, number> => ({
  expressions: s.expressions,
  exact: rate(s.exact, s.expressions),
  within1: rate(s.withinOne, s.expressions),
  within2: rate(s.withinTwo, s.expressions),
  symbols: rate(s.symbolsCorrect, s.symbols),
  segmentation: rate(s.segmentsCorrect, s.symbols),
  p50Ms: Number(s.msP50.toFixed(2)),
  p95Ms: Number(s.msP95.toFixed(2)),
});
/** Adds up summaries (latency: the largest p95, a conservative pooled figure). */
const pool = (xs: EvalSummary[]): EvalSummary =>
  xs.reduce((a, b) => ({
    expressions: a.expressions + b.expressions,
    exact: a.exact + b.exact,
    withinOne: a.withinOne + b.withinOne,
    withinTwo: a.withinTwo + b.withinTwo,
    symbols: a.symbols + b.symbols,
    symbolsCorrect: a.symbolsCorrect + b.symbolsCorrect,
    segmentsCorrect: a.segmentsCorrect + b.segmentsCorrect,
    msP50: Math.max(a.msP50, b.msP50),
    msP95: Math.max(a.msP95, b.msP95),
  }));

const sets: [string, CrohmeRecord[], 'core' | 'all'][] = [];
const train = join(data, 'crohme', 'train.jsonl.gz');
if (existsSync(train)) {
  const limit = Number(values['full-per-fold']);
  const recs = readRecords(train);
  for (let f = 0; f < FOLDS; f++) {
    const mine = recs.filter((r) => writerFold(r, FOLDS) === f);
    sets.push([`train-fold${f}-core`, mine.filter(isCore), 'core']);
    sets.push([`train-fold${f}-full`, mine.slice(0, limit), 'all']);
    sets.push([`train-fold${f}-school`, mine.filter(isSchool).slice(0, limit), 'all']);
  }
} else console.log(`skipped CROHME train: ${train} is absent`);
const test2013 = join(data, 'crohme', 'test2013.jsonl.gz');
if (existsSync(test2013)) {
  const recs = readRecords(test2013);
  sets.push(
    ['test2013-core', recs.filter(isCore), 'core'],
    ['test2013-school', recs.filter(isSchool), 'all'],
    ['test2013-full', recs, 'all'],
  );
} else console.log(`skipped CROHME test2013: ${test2013} is absent`);

const table: Record<string, Record<string, Record<string, number>> | { sameAs: string }> = {};
/** Models already read, by their bytes: an identical file is reported, not read twice. */
const seen = new Map<string, string>();
for (const [name, model, boundaryWeight] of models) {
  const bytes = `${boundaryWeight ?? 'shipped'} ${JSON.stringify(model)}`;
  const weight = boundaryWeight === undefined ? {} : { boundaryWeight };
  const twin = seen.get(bytes);
  if (twin !== undefined) {
    console.log(`${name.padEnd(13)} is byte-identical to ${twin}: same numbers`);
    table[name] = { sameAs: twin };
    continue;
  }
  seen.set(bytes, name);
  const core = new SymbolClassifier({ model });
  const all = new SymbolClassifier({ model, vocabulary: 'all' });
  const byModel: Record<string, Record<string, number>> = {};
  /** Folds 1–4 pooled per scope (the set name's last part: core, full, school). */
  const folds = new Map<string, EvalSummary[]>();
  for (const [set, recs, vocab] of sets) {
    const s = evaluate(recs, {
      classifier: vocab === 'core' ? core : all,
      ...weight,
      now: () => performance.now(),
    });
    byModel[set] = summarize(s);
    if (set.startsWith('train-fold') && !set.startsWith('train-fold0')) {
      const scope = set.split('-').at(-1) as string;
      folds.set(scope, [...(folds.get(scope) ?? []), s]);
    }
    console.log(`${name.padEnd(13)} ${set.padEnd(19)} ${JSON.stringify(byModel[set])}`);
  }
  for (const [scope, summaries] of folds) {
    const key = `train-folds1-4-${scope}`;
    byModel[key] = summarize(pool(summaries));
    console.log(`${name.padEnd(13)} ${key.padEnd(19)} ${JSON.stringify(byModel[key])}`);
  }
  // The machine is shared: CPU time of this process is the latency without waiting for
  // other jobs (wall time above includes that wait).
  const coreTest = sets.find(([set]) => set === 'test2013-core');
  if (coreTest) {
    const before = core.networkStats;
    const cpu = evaluate(coreTest[1], {
      classifier: core,
      ...weight,
      now: () => process.cpuUsage().user / 1000,
    });
    const after = core.networkStats;
    byModel['test2013-core-cpu'] = {
      p50Ms: Number(cpu.msP50.toFixed(2)),
      p95Ms: Number(cpu.msP95.toFixed(2)),
      // Share of candidate groups that asked the convolutional members (0 without any).
      cnnAskedPercent: rate(after.cnnCalls - before.cnnCalls, after.calls - before.calls),
    };
    console.log(
      `${name.padEnd(13)} test2013-core CPU ms per expression ${JSON.stringify(byModel['test2013-core-cpu'])}`,
    );
  }
  // In a browser Web Worker, as the whiteboard reads: the same test2013 core expressions.
  // (The worker runs the package's default segmentation, so the rules-only variant is skipped.)
  if (coreTest && !values['no-browser'] && boundaryWeight === undefined) {
    const inWorker = await benchInWebWorker(
      coreTest[1].map((r) => ({
        strokes: r.strokes.map((s) => s.map(([x, y]) => ({ x: x ?? 0, y: y ?? 0 }))),
        latex: r.latex ?? '',
      })),
      name === 'shipped' ? undefined : model,
    );
    if (inWorker) {
      byModel['test2013-core-web-worker'] = { ...inWorker };
      console.log(
        `${name.padEnd(13)} test2013-core in a Web Worker (Chromium) ${JSON.stringify(inWorker)}`,
      );
    } else console.log('skipped the Web Worker latency: no Chromium at CHROMIUM_PATH');
  }
  table[name] = byModel;
}
results.models = table;

const air = join(data, 'airwriting', 'airwriting.jsonl.gz');
if (existsSync(air)) {
  const recs = readRecords(air) as unknown as (AirwritingRecord & { latex: string })[];
  for (const model of ['lite', 'full']) {
    const mine = recs.filter((r) => r.model === model);
    let frames = 0;
    let penOk = 0;
    let counts = 0;
    let exact = 0;
    let trackMs = 0;
    for (const r of mine) {
      const t0 = performance.now();
      const s = scoreAirwriting(r);
      trackMs += performance.now() - t0;
      frames += s.frames;
      penOk += s.penCorrect;
      if (s.strokeCountMatches) counts++;
      const res = recognizeExpression(s.strokes.map((st) => st.points));
      if (latexTokensEqual(res.latex, r.latex)) exact++;
    }
    const out = {
      expressions: mine.length,
      penStateAccuracy: rate(penOk, frames),
      strokeCountMatch: rate(counts, mine.length),
      expRateExact: rate(exact, mine.length),
      trackerMsPerFrame: Number((trackMs / Math.max(1, frames)).toFixed(4)),
    };
    console.log(`airwriting ${model}: ${JSON.stringify(out)}`);
    results[`airwriting-${model}`] = out;
  }
} else console.log(`skipped air-writing: ${air} is absent`);

results.loadAverageAtEnd = load();
console.log(`load average: start ${String(results.loadAverageAtStart)}, end ${load()}`);
mkdirSync(join(repo, 'bench-results'), { recursive: true });
const file = join(repo, 'bench-results', 'recognizer.json');
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${file}`);
