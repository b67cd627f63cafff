/**
 * Development tool: symbol accuracy on CROHME with the true segmentation (measuring only).
 *
 *   node src/cli/eval-symbols.ts FILE [--model model.json] [--limit N] [--context] [--fold i/k]
 *
 * Default: isolated shapes, every class the network knows, no context (top-1/top-3 over
 * the core classes). `--context`: what the pipeline's symbol rate sees (core vocabulary,
 * context rules over each expression), so its confusions are the ones that cost symbols.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readJsonLines } from '@motionmath/testkit';
import { parseFold, writerFold } from '../eval/evaluate.ts';
import { CORE_SYMBOLS } from '../symbols/classes.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { applyContext, operatorsNeedOperands, pairBrackets } from '../symbols/context.ts';
import { boxOf, symbolFeatures } from '../symbols/features.ts';
import { loadSymbolModel, modelForward } from '../symbols/ensemble.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    limit: { type: 'string', default: '100000' },
    context: { type: 'boolean', default: false },
    fold: { type: 'string' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: eval-symbols FILE [--model M] [--limit N] [--context]');
const serialized = JSON.parse(
  readFileSync(values.model ?? new URL('../symbols/model.json', import.meta.url).pathname, 'utf8'),
) as SerializedMlp;
const model = loadSymbolModel(serialized);
const classifier = new SymbolClassifier({ model: serialized });
interface Rec {
  id: string;
  writer?: string;
  strokes: number[][][];
  symbols: { label: string; strokes: number[] }[];
}
type Strokes = { x: number; y: number }[][];

/** Ranked labels per symbol of one expression. */
function rankExpression(groups: Strokes[]): string[][] {
  if (!values.context)
    return groups.map((g) => {
      const probs = modelForward(model, (grid) => symbolFeatures(g, grid));
      return [...probs.keys()]
        .sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0))
        .map((i) => model.classes[i] ?? '');
    });
  const shaped = groups.map((g) => ({ box: boxOf(g), ranked: classifier.classify(g).ranked }));
  const order = shaped
    .map((_, i) => i)
    .sort((a, b) => (shaped[a]?.box.minX ?? 0) - (shaped[b]?.box.minX ?? 0));
  return operatorsNeedOperands(pairBrackets(applyContext(shaped), order), order).map((r) =>
    r.map((s) => s.label),
  );
}

const split = values.fold === undefined ? null : parseFold(values.fold);
const recs = readJsonLines<Rec>(file)
  .filter((r) => !split || writerFold({ ...r, latex: null }, split.folds) === split.fold)
  .slice(0, Number(values.limit));
let n = 0;
let top1 = 0;
let top3 = 0;
const conf = new Map<string, number>();
const per = new Map<string, [number, number]>();
for (const rec of recs) {
  // With context, only whole core expressions (the pipeline's core subset sees no others).
  if (values.context && !rec.symbols.every((s) => CORE_SYMBOLS.includes(s.label))) continue;
  const groups = rec.symbols.map((sym) =>
    sym.strokes.map((i) => (rec.strokes[i] ?? []).map((p) => ({ x: p[0] ?? 0, y: p[1] ?? 0 }))),
  );
  const ranks = rankExpression(groups);
  rec.symbols.forEach((sym, k) => {
    if (!CORE_SYMBOLS.includes(sym.label)) return;
    // Without context `.` and `\cdot` are one shape class.
    const label = sym.label === '\\cdot' && !values.context ? '.' : sym.label;
    const ranked = ranks[k] ?? [];
    n++;
    const ok = ranked[0] === label;
    if (ok) top1++;
    else conf.set(`${label}→${ranked[0]}`, (conf.get(`${label}→${ranked[0]}`) ?? 0) + 1);
    if (ranked.slice(0, 3).includes(label)) top3++;
    const pc = per.get(label) ?? [0, 0];
    per.set(label, [pc[0] + (ok ? 1 : 0), pc[1] + 1]);
  });
}
console.log(
  `symbols ${n}: top1 ${((100 * top1) / n).toFixed(2)}%, top3 ${((100 * top3) / n).toFixed(2)}%`,
);
console.log(
  [...per]
    .sort((a, b) => b[1][1] - a[1][1])
    .map(([l, [c, t]]) => `${l}:${((100 * c) / t).toFixed(0)}%/${t}`)
    .join(' '),
);
console.log(
  [...conf]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, v]) => `${k} ${v}`)
    .join(', '),
);
