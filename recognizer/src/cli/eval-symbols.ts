/**
 * Development tool: isolated-symbol accuracy on CROHME with the true segmentation
 * (measuring only). `node src/cli/eval-symbols.ts FILE [--model model.json] [--limit N]`
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readJsonLines } from '@motionmath/testkit';
import { CORE_SYMBOLS } from '../symbols/classes.ts';
import { symbolFeatures } from '../symbols/features.ts';
import { deserializeMlp, mlpForward } from '../symbols/mlp.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { model: { type: 'string' }, limit: { type: 'string', default: '100000' } },
});
const file = positionals[0];
if (!file) throw new Error('usage: eval-symbols FILE [--model M]');
const mlp = deserializeMlp(
  JSON.parse(
    readFileSync(
      values.model ?? new URL('../symbols/model.json', import.meta.url).pathname,
      'utf8',
    ),
  ) as SerializedMlp,
);
interface Rec {
  strokes: number[][][];
  symbols: { label: string; strokes: number[] }[];
}
const recs = readJsonLines<Rec>(file).slice(0, Number(values.limit));
let n = 0;
let top1 = 0;
let top3 = 0;
const conf = new Map<string, number>();
const per = new Map<string, [number, number]>();
for (const rec of recs)
  for (const sym of rec.symbols) {
    if (!CORE_SYMBOLS.includes(sym.label)) continue;
    const label = sym.label === '\\cdot' ? '.' : sym.label;
    const strokes = sym.strokes.map((i) =>
      (rec.strokes[i] ?? []).map((p) => ({ x: p[0] ?? 0, y: p[1] ?? 0 })),
    );
    const probs = mlpForward(mlp, symbolFeatures(strokes));
    const ranked = [...probs.keys()]
      .sort((a, b) => (probs[b] ?? 0) - (probs[a] ?? 0))
      .map((i) => mlp.classes[i]);
    n++;
    const ok = ranked[0] === label;
    if (ok) top1++;
    else conf.set(`${label}→${ranked[0]}`, (conf.get(`${label}→${ranked[0]}`) ?? 0) + 1);
    if (ranked.slice(0, 3).includes(label)) top3++;
    const pc = per.get(label) ?? [0, 0];
    per.set(label, [pc[0] + (ok ? 1 : 0), pc[1] + 1]);
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
