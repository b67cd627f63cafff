/**
 * Development tool (measuring only): isolates the layout parser and segmentation.
 *   node src/cli/eval-layout.ts FILE [--subset core] [--fold i/k …] [--limit N] [--show N]
 *     [--mode layout|trueseg|seg]
 * `layout`: the parser gets the true segmentation and the true labels (CROHME's), so every
 * mismatch is a layout error; prints the layout error rate and the first N failures
 * (truth vs parsed). `trueseg`: true segmentation, labels from the classifier and context
 * rules (the ceiling of a perfect segmentation). `seg`: runs segmentation and lists how
 * the true symbols that are not one predicted symbol were cut (merged with which
 * neighbours, split how).
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { toStrokes } from '../eval/evaluate.ts';
import { latexEditDistance, latexTokensEqual } from '../eval/latex-compare.ts';
import { parseLayout } from '../layout/parse.ts';
import { toLatex } from '../layout/emit.ts';
import { boxOf } from '../symbols/features.ts';
import type { Box } from '../symbols/features.ts';
import { labelsOfGroups } from '../eval/true-groups.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { segmentStrokes } from '../symbols/segment.ts';
import { readRecords, selectRecords } from './eval-io.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    subset: { type: 'string' },
    limit: { type: 'string' },
    fold: { type: 'string', multiple: true },
    show: { type: 'string', default: '20' },
    mode: { type: 'string', default: 'layout' },
  },
});
const file = positionals[0];
if (!file)
  throw new Error('usage: eval-layout FILE [--subset core] [--fold i/k …] [--limit N] [--mode M]');
let records = readRecords(resolve(process.env.INIT_CWD ?? process.cwd(), file)).filter(
  (r) => r.latex !== null,
);
records = selectRecords(records, { subset: values.subset, folds: values.fold });
if (values.limit !== undefined) records = records.slice(0, Number(values.limit));
const show = Number(values.show);

if (values.mode === 'layout' || values.mode === 'trueseg') {
  const classifier = new SymbolClassifier();
  let ok = 0;
  let one = 0;
  const fails: string[] = [];
  for (const rec of records) {
    const strokes = toStrokes(rec);
    const boxes = rec.symbols.map((s) => boxOf(s.strokes.map((i) => strokes[i] ?? [])));
    const labels =
      values.mode === 'layout'
        ? rec.symbols.map((s) => s.label)
        : labelsOfGroups(
            rec.symbols.map((s) => s.strokes.map((i) => strokes[i] ?? [])),
            classifier,
          );
    const syms = rec.symbols.map((_, index) => ({
      label: labels[index] ?? '?',
      box: boxes[index] as Box,
      index,
    }));
    const latex = toLatex(parseLayout(syms));
    if (latexTokensEqual(latex, rec.latex ?? '')) ok++;
    else {
      if (latexEditDistance(latex, rec.latex ?? '') <= 1) one++;
      fails.push(`${rec.id}\n  truth  ${rec.latex}\n  parsed ${latex}`);
    }
  }
  const n = records.length;
  const pct = (k: number): string => ((100 * k) / n).toFixed(2);
  console.log(
    values.mode === 'layout'
      ? `${n} expressions, true symbols and labels: layout error rate ${pct(n - ok)}% ` +
          `(${n - ok} wrong, ${one} of them within 1 token)`
      : `${n} expressions, true segmentation, classified labels: exact ${pct(ok)}%, ` +
          `≤1 error ${pct(ok + one)}%`,
  );
  for (const f of fails.slice(0, show)) console.log(f);
} else {
  const classifier = new SymbolClassifier();
  const kinds = new Map<string, number>();
  let total = 0;
  let wrong = 0;
  for (const rec of records) {
    const strokes = toStrokes(rec);
    const segs = segmentStrokes(strokes, classifier);
    const labelOf = new Map<number, string>();
    rec.symbols.forEach((s) => s.strokes.forEach((i) => labelOf.set(i, s.label)));
    const predKey = new Set(segs.map((s) => [...s.strokes].sort((a, b) => a - b).join(',')));
    for (const s of rec.symbols) {
      total++;
      if (predKey.has([...s.strokes].sort((a, b) => a - b).join(','))) continue;
      wrong++;
      const touching = segs.filter((p) => p.strokes.some((i) => s.strokes.includes(i)));
      let kind: string;
      if (touching.length === 1) {
        const p = touching[0];
        const others = (p?.strokes ?? [])
          .filter((i) => !s.strokes.includes(i))
          .map((i) => labelOf.get(i) ?? '?');
        kind = `merged ${s.label}+${[...new Set(others)].join('+')} → ${p?.shape.ranked[0]?.label}`;
      } else kind = `split ${s.label} into ${touching.length}`;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  }
  console.log(`${total} true symbols, ${wrong} not one predicted symbol`);
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, show))
    console.log(`${String(v).padStart(5)}  ${k}`);
}
