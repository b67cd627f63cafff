/**
 * Generates the shipped symbol model (`src/symbols/model.json`) from permissive sources
 * only: Hershey glyphs (`hersheytext`, MIT; `hfmath`, ISC) and the allographs authored in
 * `shapes/authored.ts`, with handwriting-like augmentation. Deterministic (fixed seed).
 * No CROHME data is read here.
 *
 *   npm run train -w recognizer            (writes src/symbols/model.json)
 *   node src/cli/train.ts --out other.json --per-class 300 --epochs 10
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '@motionmath/testkit';
import { JUNK, SHAPE_CLASSES } from '../symbols/classes.ts';
import { symbolFeatures } from '../symbols/features.ts';
import { serializeMlp } from '../symbols/mlp.ts';
import { AUTHORED, parseShape } from './shapes/authored.ts';
import { augment, juxtapose } from './shapes/augment.ts';
import { fontPrototypes } from './shapes/fonts.ts';
import { trainMlp } from './train-mlp.ts';

type Pt = [number, number];

const SEED = 20261125;
/** Share of samples drawn from authored allographs when a class has them (fonts: the rest). */
const AUTHORED_SHARE = 0.6;
/** Widths of √ and − vary with what they cover: stretch them horizontally in training. */
const STRETCH: Record<string, [number, number]> = { '\\sqrt': [0.6, 3], '-': [0.4, 2.5] };

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: new URL('../symbols/model.json', import.meta.url).pathname },
    'per-class': { type: 'string', default: '600' },
    epochs: { type: 'string', default: '16' },
    hidden: { type: 'string', default: '192' },
  },
});
const perClass = Number(values['per-class']);
const r = seededRandom(SEED);

const classes = [...SHAPE_CLASSES];
const protos = new Map<string, { authored: Pt[][][]; fonts: Pt[][][] }>();
for (const label of classes) {
  if (label === JUNK) continue;
  const authored = (AUTHORED[label] ?? []).map(parseShape);
  const fonts = fontPrototypes(label);
  if (authored.length + fonts.length === 0) throw new Error(`No prototype for ${label}`);
  protos.set(label, { authored, fonts });
}

function sample(label: string): Pt[][] {
  const p = protos.get(label);
  if (!p) throw new Error(label);
  const useAuthored = p.fonts.length === 0 || (p.authored.length > 0 && r.chance(AUTHORED_SHARE));
  const proto = r.pick(useAuthored ? p.authored : p.fonts);
  const stretch = STRETCH[label];
  // Letters and digits are often written with joined strokes; operators never are.
  const allowJoin = /^[0-9a-z]$/.test(label) || label === '\\pi';
  return augment(proto, r, stretch ? { stretchX: stretch, allowJoin } : { allowJoin });
}

const toStrokes = (s: Pt[][]): { x: number; y: number }[][] =>
  s.map((st) => st.map(([x, y]) => ({ x, y })));
const xs: Float32Array[] = [];
const ys: number[] = [];
const symbolLabels = classes.filter((c) => c !== JUNK);
for (let ci = 0; ci < classes.length; ci++) {
  const label = classes[ci] as string;
  const n = label === JUNK ? perClass * 2 : perClass;
  for (let k = 0; k < n; k++) {
    const strokes =
      label === JUNK
        ? juxtapose(sample(r.pick(symbolLabels)), sample(r.pick(symbolLabels)), r)
        : sample(label);
    xs.push(symbolFeatures(toStrokes(strokes)));
    ys.push(ci);
  }
}
console.log(`${xs.length} samples, ${classes.length} classes`);
const mlp = trainMlp(classes, xs, ys, r, {
  hidden: Number(values.hidden),
  epochs: Number(values.epochs),
  batch: 64,
  learningRate: 0.002,
  weightDecay: 1e-4,
  log: (m) => console.log(m),
});
const about = {
  sources: [
    'hersheytext (MIT)',
    'hfmath (ISC)',
    'authored allographs (src/cli/shapes/authored.ts)',
  ],
  seed: SEED,
  perClass,
  generatedBy: 'src/cli/train.ts',
};
writeFileSync(values.out, JSON.stringify(serializeMlp(mlp, about)) + '\n');
console.log(`wrote ${values.out}`);
