/**
 * Trains the stroke-boundary network (`src/symbols/boundary-model.json`) on synthesized
 * whole expressions (`shapes/expressions.ts`): symbols from the same permissive sources as
 * the symbol model (Hershey, hfmath, authored shapes), laid out with their true grouping.
 * Deterministic: a fixed seed, no clock, no CROHME data. Takes about a minute.
 *
 *   npm run train:boundary -w recognizer
 *   node src/cli/train-boundary.ts --out other.json --expressions 2000
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { seededRandom } from '@motionmath/testkit';
import { BOUNDARY_CLASSES, boundaryFeatures } from '../symbols/boundary.ts';
import { SHAPE_CLASSES } from '../symbols/classes.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { mlpForward, serializeMlp } from '../symbols/mlp.ts';
import type { SerializedMlp } from '../symbols/mlp.ts';
import { thinStroke } from '../ink/thin.ts';
import { MAX_POINTS_PER_STROKE } from '../recognize.ts';
import { synthesizeExpression } from './shapes/expressions.ts';
import { synthesizer } from './train-model.ts';
import { trainMlp } from './train-mlp.ts';

export const BOUNDARY_SEED = 20261207;

export interface BoundaryBuild {
  expressions: number;
  hidden: number;
  epochs: number;
  log?: (msg: string) => void;
}

export const SHIPPED_BOUNDARY_BUILD: BoundaryBuild = { expressions: 16000, hidden: 32, epochs: 16 };

/** Boundary samples of `count` synthesized expressions (features, 0 = join, 1 = split). */
export function boundarySamples(count: number, seed: number): { xs: Float32Array[]; ys: number[] } {
  const r = seededRandom(seed);
  // The shipped symbol model (itself from permissive sources only) reads the groups.
  const classifier = new SymbolClassifier();
  const { sample } = synthesizer([...SHAPE_CLASSES], r, { continuousPen: true });
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (let e = 0; e < count; e++) {
    const expr = synthesizeExpression(r, sample);
    const strokes = expr.strokes.map((st) =>
      thinStroke(
        st.map(([x, y]) => ({ x, y })),
        MAX_POINTS_PER_STROKE,
      ),
    );
    const features = boundaryFeatures(strokes, (a, b) => classifier.classify(strokes.slice(a, b)));
    features.forEach((f, i) => {
      xs.push(f);
      ys.push(expr.symbolOf[i] === expr.symbolOf[i + 1] ? 0 : 1);
    });
  }
  return { xs, ys };
}

export function buildBoundaryModel(o: BoundaryBuild): SerializedMlp {
  const { xs, ys } = boundarySamples(o.expressions, BOUNDARY_SEED);
  const joins = ys.filter((y) => y === 0).length;
  o.log?.(`${xs.length} boundaries (${joins} inside a symbol) from ${o.expressions} expressions`);
  const net = trainMlp([...BOUNDARY_CLASSES], xs, ys, seededRandom(BOUNDARY_SEED + 1), {
    hidden: o.hidden,
    epochs: o.epochs,
    batch: 64,
    learningRate: 0.003,
    weightDecay: 1e-4,
    ...(o.log ? { log: o.log } : {}),
  });
  // Accuracy on fresh synthesized expressions (another seed), for the provenance record.
  const held = boundarySamples(Math.max(100, Math.round(o.expressions / 10)), BOUNDARY_SEED + 2);
  const right = held.xs.filter(
    (x, i) => ((mlpForward(net, x)[0] as number) >= 0.5 ? 0 : 1) === held.ys[i],
  ).length;
  const heldOut = Math.round((10000 * right) / Math.max(1, held.xs.length)) / 100;
  o.log?.(`held-out synthesized boundaries: ${heldOut} % right`);
  return serializeMlp(net, {
    sources: [
      'hersheytext (MIT)',
      'hfmath (ISC)',
      'authored allographs (src/cli/shapes/authored.ts)',
    ],
    seed: BOUNDARY_SEED,
    expressions: o.expressions,
    epochs: o.epochs,
    heldOutSynthesizedAccuracy: heldOut,
    generatedBy: 'src/cli/train-boundary.ts',
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      out: {
        type: 'string',
        default: new URL('../symbols/boundary-model.json', import.meta.url).pathname,
      },
      expressions: { type: 'string', default: String(SHIPPED_BOUNDARY_BUILD.expressions) },
      hidden: { type: 'string', default: String(SHIPPED_BOUNDARY_BUILD.hidden) },
      epochs: { type: 'string', default: String(SHIPPED_BOUNDARY_BUILD.epochs) },
    },
  });
  const model = buildBoundaryModel({
    expressions: Number(values.expressions),
    hidden: Number(values.hidden),
    epochs: Number(values.epochs),
    log: (m) => console.log(m),
  });
  writeFileSync(values.out, JSON.stringify(model) + '\n');
  console.log(`wrote ${values.out}`);
}
