/**
 * Development tool (measuring only): where the expressions that are not read exactly go
 * wrong, on CROHME-format records.
 *
 *   node src/cli/error-breakdown.ts FILE [--subset core] [--fold i/k ...] [--model M.json]
 *     [--show N]
 *
 * Each wrong expression gets the first cause that explains it:
 *   layout     the parser fails even with CROHME's true segmentation and labels;
 *   segment    the predicted stroke groups are not the true symbols (labels may be wrong too);
 *   symbol     the groups are right but some label is not;
 *   other      groups and labels right, the LaTeX still differs (layout on predicted boxes).
 * Also: the confusion of true groups read in context (the symbol rate's errors) and how the
 * segmentation cuts wrong symbols (merged with which labels, split in how many parts).
 * `--fold` may repeat (`--fold 1/5 --fold 2/5`): the union of those writer folds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { toStrokes } from '../eval/evaluate.ts';
import { latexTokensEqual } from '../eval/latex-compare.ts';
import { parseLayout } from '../layout/parse.ts';
import { toLatex } from '../layout/emit.ts';
import { recognizeExpression } from '../recognize.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { boxOf } from '../symbols/features.ts';
import type { Box } from '../symbols/features.ts';
import { labelsOfGroups } from '../eval/true-groups.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';
import { readRecords, selectRecords } from './eval-io.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subset: { type: 'string' },
    fold: { type: 'string', multiple: true },
    model: { type: 'string' },
    show: { type: 'string', default: '25' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: error-breakdown FILE [--subset core] [--fold i/k ...]');
const base = process.env.INIT_CWD ?? process.cwd();
let records = readRecords(resolve(base, file)).filter((r) => r.latex !== null);
records = selectRecords(records, { subset: values.subset, folds: values.fold });
const folds = values.fold ?? [];
const classifier = new SymbolClassifier(
  values.model === undefined
    ? {}
    : { model: JSON.parse(readFileSync(resolve(base, values.model), 'utf8')) as SerializedMlp },
);
const show = Number(values.show);

const key = (s: readonly number[]): string => [...s].sort((a, b) => a - b).join(',');
const bump = (m: Map<string, number>, k: string): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};
const causes = new Map<string, number>();
const confusion = new Map<string, number>();
const cuts = new Map<string, number>();
/** Wrong expressions whose only fault is one wrong label / one wrong group. */
let oneSymbolOnly = 0;
let oneSegmentOnly = 0;
let exact = 0;
let symbols = 0;
let symbolsWrong = 0;
let segmentsWrong = 0;

for (const rec of records) {
  const strokes = toStrokes(rec);
  const truthGroups = rec.symbols.map((s) => s.strokes.map((i) => strokes[i] ?? []));
  const boxes = truthGroups.map((g) => boxOf(g));
  const truthLayout = toLatex(
    parseLayout(
      rec.symbols.map((s, index) => ({ label: s.label, box: boxes[index] as Box, index })),
    ),
  );
  // True groups read with context and layout: the symbol rate's view.
  const inContext = labelsOfGroups(truthGroups, classifier);
  rec.symbols.forEach((s, k) => {
    symbols++;
    if (inContext[k] !== s.label) {
      symbolsWrong++;
      bump(confusion, `${s.label} → ${inContext[k]}`);
    }
  });

  const result = recognizeExpression(strokes, { classifier });
  const predicted = new Map(result.symbols.map((s) => [key(s.strokes), s]));
  const labelOf = new Map<number, string>();
  rec.symbols.forEach((s) => s.strokes.forEach((i) => labelOf.set(i, s.label)));
  let badGroups = 0;
  let badLabels = 0;
  for (const s of rec.symbols) {
    const p = predicted.get(key(s.strokes));
    if (!p) {
      badGroups++;
      segmentsWrong++;
      const touching = result.symbols.filter((q) => q.strokes.some((i) => s.strokes.includes(i)));
      const first = touching[0];
      if (touching.length === 1 && first) {
        const others = first.strokes.filter((i) => !s.strokes.includes(i));
        bump(
          cuts,
          `merged ${s.label}+${[...new Set(others.map((i) => labelOf.get(i)))].join('+')}`,
        );
      } else bump(cuts, `split ${s.label} into ${touching.map((q) => q.label).join(' ')}`);
    } else if (p.label !== s.label) badLabels++;
  }
  if (latexTokensEqual(result.latex, rec.latex ?? '')) {
    exact++;
    continue;
  }
  if (!latexTokensEqual(truthLayout, rec.latex ?? '')) bump(causes, 'layout (fails on truth)');
  else if (badGroups > 0) {
    bump(causes, badLabels > 0 ? 'segment + symbol' : 'segment');
    if (badGroups === 1 && badLabels === 0) oneSegmentOnly++;
  } else if (badLabels > 0) {
    bump(causes, 'symbol');
    if (badLabels === 1) oneSymbolOnly++;
  } else bump(causes, 'other (layout on predicted symbols)');
}

const n = records.length;
const pct = (k: number, of: number): string => `${((100 * k) / of).toFixed(2)}%`;
console.log(
  `${file}${values.subset ? ` (subset ${values.subset})` : ''}${folds.length ? ` (folds ${folds.join(' ')})` : ''}: ` +
    `${n} expressions, exact ${exact} (${pct(exact, n)})`,
);
console.log(`wrong expressions by first cause (of ${n - exact}):`);
for (const [k, v] of [...causes].sort((a, b) => b[1] - a[1]))
  console.log(`  ${k.padEnd(38)} ${String(v).padStart(5)}  ${pct(v, n)} of all`);
console.log(
  `  of which one wrong group alone: ${oneSegmentOnly}, one wrong label alone: ${oneSymbolOnly}`,
);
console.log(
  `symbols ${symbols}: wrong label with true groups ${symbolsWrong} (${pct(symbolsWrong, symbols)}), ` +
    `not one predicted group ${segmentsWrong} (${pct(segmentsWrong, symbols)})`,
);
console.log(`symbol confusions (true groups, in context), top ${show}:`);
for (const [k, v] of [...confusion].sort((a, b) => b[1] - a[1]).slice(0, show))
  console.log(`  ${String(v).padStart(5)}  ${k}`);
console.log(`segmentation errors (true symbol → what it became), top ${show}:`);
for (const [k, v] of [...cuts].sort((a, b) => b[1] - a[1]).slice(0, show))
  console.log(`  ${String(v).padStart(5)}  ${k}`);
