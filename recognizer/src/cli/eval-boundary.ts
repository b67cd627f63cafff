/**
 * How well the stroke-boundary model (`symbols/boundary.ts`) reads real ink: for every
 * pair of consecutive strokes of a CROHME-format file, P(join) against the truth (both in
 * the same symbol). Prints accuracy, log loss and calibration, and the multi-stroke
 * symbols whose strokes it most often pulls apart. Development tool; choose on train folds.
 *
 *   node src/cli/eval-boundary.ts ../../shared/data/crohme/train.jsonl.gz --subset core --fold 0/5
 *     [--model other-boundary.json] [--show LABEL]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toStrokes } from '../eval/evaluate.ts';
import { thinStroke } from '../ink/thin.ts';
import { MAX_POINTS_PER_STROKE } from '../recognize.ts';
import { boundaryFeatures, joinProbabilities, loadBoundaryModel } from '../symbols/boundary.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { readRecords, selectRecords } from './eval-io.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subset: { type: 'string' },
    fold: { type: 'string', multiple: true },
    model: { type: 'string' },
    // Print the features of each join of this symbol that is read as a split.
    show: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: eval-boundary FILE [--subset core] [--fold i/k …] [--model M]');
const records = selectRecords(readRecords(resolve(process.env.INIT_CWD ?? process.cwd(), file)), {
  subset: values.subset,
  folds: values.fold,
});
const classifier = new SymbolClassifier();
const model = loadBoundaryModel(
  values.model ? (JSON.parse(readFileSync(values.model, 'utf8')) as SerializedMlp) : undefined,
);

/** Calibration bins of P(join). */
const BINS = 5;
const bins = Array.from({ length: BINS }, () => ({ n: 0, joins: 0 }));
let pairs = 0;
let right = 0;
let loss = 0;
let joins = 0;
let joinsRight = 0;
const splitApart = new Map<string, { n: number; missed: number }>();
const joinedUp = new Map<string, number>();
for (const rec of records) {
  const strokes = toStrokes(rec).map((s) => thinStroke(s, MAX_POINTS_PER_STROKE));
  const symbolOf = new Map<number, { i: number; label: string }>();
  rec.symbols.forEach((s, i) => s.strokes.forEach((k) => symbolOf.set(k, { i, label: s.label })));
  const shape = (a: number, b: number): ReturnType<SymbolClassifier['classify']> =>
    classifier.classify(strokes.slice(a, b));
  const p = joinProbabilities(strokes, shape, model);
  for (let k = 0; k < p.length; k++) {
    const a = symbolOf.get(k);
    const b = symbolOf.get(k + 1);
    if (!a || !b) continue;
    const join = a.i === b.i;
    const pj = p[k] as number;
    pairs++;
    if (pj >= 0.5 === join) right++;
    loss -= Math.log(Math.max(1e-6, join ? pj : 1 - pj));
    const bin = bins[Math.min(BINS - 1, Math.floor(pj * BINS))] as (typeof bins)[number];
    bin.n++;
    if (join) {
      bin.joins++;
      joins++;
      if (pj >= 0.5) joinsRight++;
      const e = splitApart.get(a.label) ?? { n: 0, missed: 0 };
      e.n++;
      if (pj < 0.5) e.missed++;
      splitApart.set(a.label, e);
    } else if (pj >= 0.5) {
      const key = `${a.label} ${b.label}`;
      joinedUp.set(key, (joinedUp.get(key) ?? 0) + 1);
    }
    if (values.show === a.label && join && pj < 0.5)
      console.log(
        rec.id,
        k,
        pj.toFixed(3),
        Array.from(boundaryFeatures(strokes, shape)[k] ?? [], (v) => v.toFixed(2)).join(' '),
      );
  }
}
const pct = (a: number, b: number): string => ((100 * a) / Math.max(1, b)).toFixed(2);
console.log(
  `${records.length} expressions, ${pairs} consecutive stroke pairs, ${joins} inside a symbol`,
);
console.log(
  `  right at 0.5: ${pct(right, pairs)} % (joins ${pct(joinsRight, joins)} %, splits ${pct(right - joinsRight, pairs - joins)} %)`,
);
console.log(`  log loss: ${(loss / Math.max(1, pairs)).toFixed(4)}`);
console.log('  calibration, P(join) bin → pairs, share that join:');
bins.forEach((b, i) =>
  console.log(
    `    ${(i / BINS).toFixed(1)}–${((i + 1) / BINS).toFixed(1)}: ${b.n}, ${pct(b.joins, b.n)} %`,
  ),
);
console.log('  joins read as splits, by symbol (most first):');
for (const [label, e] of [...splitApart].sort((x, y) => y[1].missed - x[1].missed).slice(0, 12))
  console.log(`    ${label}: ${e.missed} of ${e.n}`);
console.log('  splits read as joins, by the two symbols (most first):');
for (const [pair, n] of [...joinedUp].sort((x, y) => y[1] - x[1]).slice(0, 12))
  console.log(`    ${pair}: ${n}`);
