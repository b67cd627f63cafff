/**
 * Air ink against pen ink: reads air-writing files (shared/tools/airwriting's output: one
 * line per expression and model) and prints, per model, the exact rate from the air ink
 * (landmarks → PenTracker → recognizer), the exact rate from the same expressions' pen
 * strokes, their ratio, the pen state per frame, the stroke counts and hand → pen per frame.
 *
 *   npm run -s air-eval -w recognizer -- AIR.jsonl.gz [MORE.jsonl.gz …]
 *     [--writers CROHME.jsonl.gz --part dev|test]   writer-disjoint halves (by writer hash)
 *     [--tracker '{"smoothing":{"beta":20}}']        PenTracker options to try
 *     [--model M.json]                               a symbol model (train.ts --out) instead of the shipped one
 *     [--air-model M.json|pen]                       the model that reads the air ink (default: the
 *                                                    product's, airInkModel(); with --model, that one;
 *                                                    `pen`: the pen model, as before the air model)
 *     [--show N]                                     list N expressions the air ink lost
 *     [--json OUT.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compareAirToPen } from '../hand/airwriting-eval.ts';
import type { AirExpression, AirVsPen } from '../hand/airwriting-eval.ts';
import type { PenTrackerOptions } from '../hand/pen-tracker.ts';
import { airPartOf } from './air-parts.ts';
import { readRecords } from './eval-io.ts';
import { airInkModel } from '../symbols/air-ink.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    writers: { type: 'string' },
    part: { type: 'string' },
    tracker: { type: 'string' },
    model: { type: 'string' },
    'air-model': { type: 'string' },
    show: { type: 'string', default: '0' },
    json: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  console.error(
    'usage: air-eval AIR.jsonl.gz [MORE …] [--writers CROHME.jsonl.gz --part dev|test] [--tracker JSON] [--model M.json] [--show N] [--json OUT]',
  );
  process.exit(2);
}

if (positionals.length === 0) fail('no air-writing file given');
if ((values.part === undefined) !== (values.writers === undefined))
  fail('--part and --writers go together: the part is chosen by writer');
if (values.part !== undefined && values.part !== 'dev' && values.part !== 'test')
  fail(`unknown part "${values.part}" (dev or test)`);

let tracker: PenTrackerOptions | undefined;
if (values.tracker !== undefined) {
  try {
    tracker = JSON.parse(values.tracker) as PenTrackerOptions;
  } catch {
    fail(`--tracker is not valid JSON: ${values.tracker}`);
  }
}

let records: AirExpression[] = [];
for (const file of positionals) {
  for (const r of readRecords(file) as unknown as AirExpression[]) {
    if (!Array.isArray(r.frames) || !Array.isArray(r.strokesTruth) || typeof r.latex !== 'string')
      fail(
        `${file}: ${r.id ?? 'a line'} is not an air-writing record (frames, strokesTruth, latex)`,
      );
    records.push(r);
  }
}
if (values.writers !== undefined) {
  const source = new Map(readRecords(values.writers).map((r) => [r.id, r]));
  const writerOf = new Map([...source].map(([id, r]) => [id, String(r.writer)]));
  // The true segmentation comes with the writers (symbol rates with it).
  for (const r of records) r.symbols = source.get(r.id)?.symbols;
  const missing = records.filter((r) => !writerOf.has(r.id)).map((r) => r.id);
  if (missing.length > 0)
    fail(`${missing.length} records have no writer in ${values.writers}, e.g. ${missing[0]}`);
  records = records.filter((r) => airPartOf(writerOf.get(r.id) ?? '') === values.part);
}

function classifierFrom(path: string | undefined, flag: string): SymbolClassifier | undefined {
  if (path === undefined) return undefined;
  try {
    return new SymbolClassifier({ model: JSON.parse(readFileSync(path, 'utf8')) as SerializedMlp });
  } catch (err) {
    return fail(`${flag} ${path}: ${(err as Error).message}`);
  }
}
const classifier = classifierFrom(values.model, '--model');
const airFlag = values['air-model'];
// The product reads air ink with the air-ink model and pen ink with the pen model.
const airClassifier =
  airFlag === 'pen'
    ? undefined
    : airFlag !== undefined
      ? classifierFrom(airFlag, '--air-model')
      : classifier === undefined
        ? new SymbolClassifier({ model: airInkModel() })
        : undefined;
// CPU time of this process, not wall time: the machine may be shared, and waiting for a
// core is not what hand → pen costs.
const results = compareAirToPen(records, {
  now: () => process.cpuUsage().user / 1000,
  tracker,
  ...(classifier ? { recognize: { classifier } } : {}),
  ...(airClassifier ? { airRecognize: { classifier: airClassifier } } : {}),
});
const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);
const line = (m: AirVsPen) => ({
  model: m.model,
  expressions: m.expressions,
  airExactPct: Number(pct(m.airExact, m.expressions).toFixed(2)),
  penExactPct: Number(pct(m.penExact, m.expressions).toFixed(2)),
  airToPen: m.penExact === 0 ? 0 : Number((m.airExact / m.penExact).toFixed(3)),
  penStatePct: Number(pct(m.penCorrect, m.frames).toFixed(2)),
  strokeCountsPct: Number(pct(m.strokeCountMatches, m.expressions).toFixed(2)),
  handToPenMsPerFrame: Number((m.trackerMs / Math.max(1, m.frames)).toFixed(4)),
  airEditsPerExpression: Number((m.airEdits / Math.max(1, m.expressions)).toFixed(3)),
  penEditsPerExpression: Number((m.penEdits / Math.max(1, m.expressions)).toFixed(3)),
  // Frame heights → pixels of a 480 px frame, the generator's size.
  shapeErrorPx480: Number(((480 * m.shapeError) / Math.max(1, m.shapeCompared)).toFixed(2)),
  symbols: m.symbols,
  airSymbolPct: Number(pct(m.airSymbols, m.symbols).toFixed(2)),
  penSymbolPct: Number(pct(m.penSymbols, m.symbols).toFixed(2)),
});
const part = values.part ? ` (${values.part} part, writer-disjoint)` : '';
console.log(`air ink vs pen ink on ${records.length} records${part}`);
for (const m of results) {
  const l = line(m);
  console.log(
    `${l.model.padEnd(4)}  air ${l.airExactPct} % exact (${m.airExact}/${m.expressions})  ` +
      `pen ${l.penExactPct} % (${m.penExact})  air/pen ${l.airToPen}  ` +
      `pen state ${l.penStatePct} %  stroke counts ${l.strokeCountsPct} %  ` +
      `hand → pen ${l.handToPenMsPerFrame} ms CPU/frame  ` +
      `edits/expr air ${l.airEditsPerExpression} pen ${l.penEditsPerExpression}  shape ${l.shapeErrorPx480} px  ` +
      `symbols air ${l.airSymbolPct} % pen ${l.penSymbolPct} % of ${l.symbols}`,
  );
  const show = Number(values.show);
  for (const r of m.rows.filter((x) => x.pen && !x.air).slice(0, show))
    console.log(`  lost ${r.id}: pen ${r.penLatex}  air ${r.airLatex}`);
}
if (values.json !== undefined)
  writeFileSync(
    values.json,
    JSON.stringify({ part: values.part ?? 'all', results: results.map(line) }, null, 2) + '\n',
  );
