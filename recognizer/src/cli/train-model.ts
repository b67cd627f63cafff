/**
 * Builds the symbol model from permissive sources only: Hershey glyphs (`hersheytext`,
 * MIT; `hfmath`, ISC) and the allographs authored in `shapes/authored.ts`, with
 * handwriting-like augmentation. Deterministic: a fixed seed, no clock, no CROHME data.
 */
import { seededRandom } from '@motionmath/testkit';
import { JUNK, SHAPE_CLASSES } from '../symbols/classes.ts';
import { symbolFeatures } from '../symbols/features.ts';
import { serializeMlp } from '../symbols/mlp.ts';
import type { Mlp, SerializedMlp } from '../symbols/mlp.ts';
import { AUTHORED, parseShape } from './shapes/authored.ts';
import { augment, besideTall, enclose, juxtapose, script } from './shapes/augment.ts';
import { fontPrototypes } from './shapes/fonts.ts';
import { trainMlp } from './train-mlp.ts';

type Pt = [number, number];

export const TRAIN_SEED = 20261125;
/** Share of samples drawn from authored allographs when a class has them (fonts: the rest). */
const AUTHORED_SHARE = 0.6;
/** Widths of √ and − vary with what they cover: stretch them horizontally in training. */
const STRETCH: Record<string, [number, number]> = { '\\sqrt': [0.6, 3], '-': [0.4, 2.5] };
/** Share of junk that is a √ with its radicand (segmentation must keep them apart). */
const ENCLOSED_JUNK_SHARE = 0.1;
/** Small marks that legitimately stack into one symbol (= ÷ ≤ i …): not junk when stacked. */
const STACKING = new Set(['-', '.', ',', '\\lt', '\\gt', '=']);
/**
 * Share of junk that is a fraction bar with a symbol above or below it (fraction bars are
 * in most expressions; a bar over an x must not read as ≠).
 */
const FRACTION_JUNK_SHARE = 0.1;
/**
 * Share of junk that is a bracket beside a thin symbol (a 1 or another bracket), touching
 * or overlapping: "(1", "((", "1)" are two symbols, however much one alone looks like (.
 */
const BRACKET_JUNK_SHARE = 0.06;
const BRACKETS = ['(', ')', '[', ']'];
/** Share of junk that is a symbol with a superscript or subscript. */
const SCRIPT_JUNK_SHARE = 0.15;
/**
 * Share of junk with a third symbol added (beside the pair or as its script): a group
 * that spans a fraction bar, its numerator and an exponent must not read as ≠ or t.
 */
const TRIPLE_JUNK_SHARE = 0.2;

export interface BuildOptions {
  /** Augmented samples per symbol class (junk gets twice as many). */
  perClass: number;
  epochs: number;
  hidden: number;
  /**
   * Networks in the ensemble (default 1). Member k has its own seed, so its own augmented
   * samples and initial weights; their probabilities are averaged.
   */
  members?: number;
  /** Label smoothing of the training targets (see train-mlp.ts; default 0). */
  labelSmoothing?: number;
  log?: (msg: string) => void;
}

/** The defaults that produced the shipped `src/symbols/model.json`. */
export const SHIPPED_BUILD: BuildOptions = { perClass: 2400, epochs: 20, hidden: 256, members: 2 };

/** Seed of ensemble member k (a large odd stride keeps the streams unrelated). */
const memberSeed = (k: number): number => TRAIN_SEED + 7919 * k;

export function buildSymbolModel(o: BuildOptions): SerializedMlp {
  const nets: Mlp[] = [];
  for (let k = 0; k < (o.members ?? 1); k++) {
    o.log?.(`member ${k + 1}/${o.members ?? 1}`);
    nets.push(trainEnsembleMember(k, o));
  }
  return assembleModel(nets, o);
}

/**
 * Ensemble member k on its own: members share nothing, so `train.ts` trains them in
 * parallel worker threads and still gets the bytes `buildSymbolModel` would.
 */
export function trainEnsembleMember(k: number, o: BuildOptions): Mlp {
  return trainMember([...SHAPE_CLASSES], memberSeed(k), o);
}

/** The shipped model format: the first network, the others as extra members. */
export function assembleModel(nets: readonly Mlp[], o: BuildOptions): SerializedMlp {
  const [first, ...rest] = nets as [Mlp, ...Mlp[]];
  const mlp: Mlp = { ...first, ...(rest.length > 0 ? { members: rest.map((n) => n.layers) } : {}) };
  return serializeMlp(mlp, {
    sources: [
      'hersheytext (MIT)',
      'hfmath (ISC)',
      'authored allographs (src/cli/shapes/authored.ts)',
    ],
    seed: TRAIN_SEED,
    perClass: o.perClass,
    epochs: o.epochs,
    members: nets.length,
    generatedBy: 'src/cli/train.ts',
  });
}

/** One network, trained on samples augmented from `seed`. */
function trainMember(classes: string[], seed: number, o: BuildOptions): Mlp {
  const r = seededRandom(seed);
  const protos = new Map<string, { authored: Pt[][][]; fonts: Pt[][][] }>();
  for (const label of classes) {
    if (label === JUNK) continue;
    const authored = (AUTHORED[label] ?? []).map(parseShape);
    const fonts = fontPrototypes(label);
    if (authored.length + fonts.length === 0) throw new Error(`No prototype for ${label}`);
    protos.set(label, { authored, fonts });
  }

  const sample = (label: string): Pt[][] => {
    const p = protos.get(label);
    if (!p) throw new Error(label);
    const useAuthored = p.fonts.length === 0 || (p.authored.length > 0 && r.chance(AUTHORED_SHARE));
    const proto = r.pick(useAuthored ? p.authored : p.fonts);
    const stretch = STRETCH[label];
    // Letters and digits are often written with joined strokes; operators never are.
    const allowJoin = /^[0-9a-z]$/.test(label) || label === '\\pi';
    return augment(proto, r, stretch ? { stretchX: stretch, allowJoin } : { allowJoin });
  };
  const symbolLabels = classes.filter((c) => c !== JUNK);
  // Not above or below a bar: stacking marks, and + (over a bar it is ±).
  const unstackable = symbolLabels.filter((c) => !STACKING.has(c) && c !== '+');
  const junk = (): Pt[][] => {
    const a = r.pick(symbolLabels);
    const b = r.pick(symbolLabels);
    // A third of junk is stacked (numerator over bar, symbol over symbol), unless both
    // parts could stack into a real symbol.
    if (r.chance(ENCLOSED_JUNK_SHARE)) return enclose(sample('\\sqrt'), sample(b), r);
    if (r.chance(FRACTION_JUNK_SHARE)) {
      const parts = juxtapose(sample('-'), sample(r.pick(unstackable)), r, true);
      return r.chance(TRIPLE_JUNK_SHARE) ? script(parts, sample(a), r) : parts;
    }
    if (r.chance(BRACKET_JUNK_SHARE)) {
      // Its partner is a 1 or the same bracket: ")(" is an x and "()" a 0.
      const label = r.pick(BRACKETS);
      const [bracket, thin] = [sample(label), sample(r.chance(0.6) ? '1' : label)];
      return r.chance(0.5) ? besideTall(bracket, thin, r) : besideTall(thin, bracket, r);
    }
    if (r.chance(SCRIPT_JUNK_SHARE)) return script(sample(a), sample(b), r);
    const stacked = r.chance(0.35) && !(STACKING.has(a) && STACKING.has(b));
    const pair = juxtapose(sample(a), sample(b), r, stacked);
    if (!r.chance(TRIPLE_JUNK_SHARE)) return pair;
    const c = sample(r.pick(symbolLabels));
    return r.chance(0.5) ? script(pair, c, r) : juxtapose(pair, c, r, false);
  };

  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (let ci = 0; ci < classes.length; ci++) {
    const label = classes[ci] as string;
    const n = label === JUNK ? o.perClass * 2 : o.perClass;
    for (let k = 0; k < n; k++) {
      const strokes = label === JUNK ? junk() : sample(label);
      xs.push(symbolFeatures(strokes.map((st) => st.map(([x, y]) => ({ x, y })))));
      ys.push(ci);
    }
  }
  o.log?.(`${xs.length} samples, ${classes.length} classes`);
  return trainMlp(classes, xs, ys, r, {
    hidden: o.hidden,
    epochs: o.epochs,
    batch: 64,
    learningRate: 0.002,
    weightDecay: 1e-4,
    labelSmoothing: o.labelSmoothing ?? 0,
    ...(o.log ? { log: o.log } : {}),
  });
}
