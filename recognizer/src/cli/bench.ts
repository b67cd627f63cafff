/**
 * Benchmark: accuracy and latency on CROHME test2013 (full and core subsets) and the
 * air-writing set end to end (landmarks → pen → strokes → LaTeX). Prints the numbers and
 * writes them to <repo>/bench-results/recognizer.json.
 *   npm run bench -w recognizer   [-- --data DIR]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { evaluate, formatSummary, isCore } from '../eval/evaluate.ts';
import type { EvalSummary } from '../eval/evaluate.ts';
import { latexTokensEqual } from '../eval/latex-compare.ts';
import { scoreAirwriting } from '../hand/airwriting-eval.ts';
import type { AirwritingRecord } from '../hand/airwriting-eval.ts';
import { recognizeExpression } from '../recognize.ts';
import { readRecords } from './eval-io.ts';

const repo = resolve(import.meta.dirname, '..', '..', '..');
const { values } = parseArgs({
  options: {
    data: {
      type: 'string',
      default: process.env.MOTIONMATH_SHARED_DATA ?? join(repo, '..', 'shared', 'data'),
    },
  },
});
const data = values.data;
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
const rate = (a: number, b: number): number => (b === 0 ? 0 : Number(((100 * a) / b).toFixed(2)));
const summarize = (s: EvalSummary): Record<string, number> => ({
  expressions: s.expressions,
  expRateExact: rate(s.exact, s.expressions),
  expRateWithin1: rate(s.withinOne, s.expressions),
  expRateWithin2: rate(s.withinTwo, s.expressions),
  symbolRateTrueSegmentation: rate(s.symbolsCorrect, s.symbols),
  segmentationRate: rate(s.segmentsCorrect, s.symbols),
  latencyP50Ms: Number(s.msP50.toFixed(2)),
  latencyP95Ms: Number(s.msP95.toFixed(2)),
});

const test2013 = join(data, 'crohme', 'test2013.jsonl.gz');
if (existsSync(test2013)) {
  const recs = readRecords(test2013);
  for (const [name, subset] of [
    ['test2013', recs],
    ['test2013-core', recs.filter(isCore)],
  ] as const) {
    const s = evaluate(subset, { now: () => performance.now() });
    for (const l of formatSummary(name, s)) console.log(l);
    // The machine is shared: CPU time of this process is the latency without waiting for
    // other jobs (wall time above includes that wait).
    const cpu = evaluate(subset, { now: () => process.cpuUsage().user / 1000 });
    console.log(
      `  CPU time per expression: p50 ${cpu.msP50.toFixed(2)} ms, p95 ${cpu.msP95.toFixed(2)} ms`,
    );
    results[name] = {
      ...summarize(s),
      cpuP50Ms: Number(cpu.msP50.toFixed(2)),
      cpuP95Ms: Number(cpu.msP95.toFixed(2)),
    };
  }
} else console.log(`skipped CROHME: ${test2013} is absent`);

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

mkdirSync(join(repo, 'bench-results'), { recursive: true });
const file = join(repo, 'bench-results', 'recognizer.json');
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(`wrote ${file}`);
