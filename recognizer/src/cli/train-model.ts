/**
 * Builds the symbol model from permissive sources only: Hershey glyphs (`hersheytext`,
 * MIT; `hfmath`, ISC) and the allographs authored in `shapes/authored.ts`, with
 * handwriting-like augmentation. Deterministic: a fixed seed, no clock, no CROHME data.
 */
import { seededRandom } from '@motionmath/testkit';
import type { Random } from '@motionmath/testkit';
import { JUNK, SHAPE_CLASSES } from '../symbols/classes.ts';
import { GRID, symbolFeatures } from '../symbols/features.ts';
import { deserializeMlp, serializeMlp } from '../symbols/mlp.ts';
import type { Mlp, SerializedMlp } from '../symbols/mlp.ts';
import { AUTHORED, parseShape } from './shapes/authored.ts';
import { MARK_PX, airSample } from './shapes/air-sampling.ts';
import {
  augment,
  besideTall,
  continuousPen,
  enclose,
  juxtapose,
  script,
} from './shapes/augment.ts';
import { fontPrototypes } from './shapes/fonts.ts';
import { HANDWRITING_FONTS, handwritingPrototypes } from './shapes/handwriting-fonts.ts';
import { trainMlp } from './train-mlp.ts';
import { trainCnn } from './train-cnn.ts';
import { serializeCnn } from '../symbols/cnn.ts';
import type { CnnNet } from '../symbols/cnn.ts';

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
  /**
   * Share of samples drawn from the traced handwriting fonts (`@fontsource/*`) when a
   * class has them (default 0: the model of before; the rest is split as before between
   * authored shapes and Hershey glyphs).
   */
  handwritingShare?: number;
  /**
   * Share of samples re-drawn as air ink (`shapes/air-sampling.ts`: 30 fps frames, landmark
   * noise, the product's stroke finishing), so the model reads the hand as well as the pen
   * (default 0).
   */
  airShare?: number;
  /**
   * Warm start: member k continues training from member k of this model (a model built by
   * this script, so still from permissive sources only) instead of random weights.
   */
  warmStart?: SerializedMlp;
  /** Adam's learning rate at the first epoch (cosine decay; default 0.002). */
  learningRate?: number;
  /** Label smoothing of the training targets (see train-mlp.ts; default 0). */
  labelSmoothing?: number;
  /**
   * Orientation grid of the features (default 8, the shipped model's). A finer grid sees
   * more of the ink image at the cost of a larger first layer.
   */
  grid?: number;
  /**
   * Convolutional members (`symbols/cnn.ts`) after the `members` MLPs, each with the next
   * member seed: the input map's grid, the two convolutions' channels, the dense layer,
   * and optionally their own samples per class and epochs (a CNN costs ~15× an MLP per
   * sample, so it gets fewer).
   */
  cnn?: CnnBuild;
  log?: (msg: string) => void;
}

export interface CnnBuild {
  grid: number;
  channels: [number, number];
  hidden: number;
  members: number;
  perClass?: number;
  epochs?: number;
}

/** The defaults that produced the shipped `src/symbols/model.json`. */
export const SHIPPED_BUILD: BuildOptions = {
  perClass: 2400,
  epochs: 20,
  hidden: 256,
  members: 2,
  cnn: { grid: 16, channels: [16, 32], hidden: 128, members: 1, perClass: 1200, epochs: 12 },
};

/** Seed of ensemble member k (a large odd stride keeps the streams unrelated). */
const memberSeed = (k: number): number => TRAIN_SEED + 7919 * k;

/** One trained network: an MLP, or a convolutional network with `cnn`. */
export type Member = Mlp | CnnNet;

export function buildSymbolModel(o: BuildOptions): SerializedMlp {
  const nets: Member[] = [];
  const total = memberCount(o);
  for (let k = 0; k < total; k++) {
    o.log?.(`member ${k + 1}/${total}`);
    nets.push(trainEnsembleMember(k, o));
  }
  return assembleModel(nets, o);
}

/**
 * Ensemble member k on its own: members share nothing, so `train.ts` trains them in
 * parallel worker threads and still gets the bytes `buildSymbolModel` would.
 */
export function trainEnsembleMember(k: number, o: BuildOptions): Member {
  const mlps = o.members ?? 1;
  if (k < mlps || !o.cnn)
    return trainMember([...SHAPE_CLASSES], memberSeed(k), { ...o, cnn: undefined });
  const { perClass, epochs } = o.cnn;
  return trainMember([...SHAPE_CLASSES], memberSeed(k), {
    ...o,
    perClass: perClass ?? o.perClass,
    epochs: epochs ?? o.epochs,
  });
}

/** Networks of a build: the MLPs, then the convolutional members. */
export const memberCount = (o: BuildOptions): number => (o.members ?? 1) + (o.cnn?.members ?? 0);

/** The shipped model format: the first network, the others as extra members. */
export function assembleModel(nets: readonly Member[], o: BuildOptions): SerializedMlp {
  const cnns = nets.filter((n): n is CnnNet => 'convs' in n);
  const mlps = nets.filter((n): n is Mlp => !('convs' in n));
  const [first, ...rest] = mlps;
  const mlp: Mlp = first
    ? { ...first, ...(rest.length > 0 ? { members: rest.map((n) => n.layers) } : {}) }
    : { classes: [...SHAPE_CLASSES], layers: [] };
  const serialized = serializeMlp(mlp, {
    sources: [
      'hersheytext (MIT)',
      'hfmath (ISC)',
      'authored allographs (src/cli/shapes/authored.ts)',
      ...(o.handwritingShare ? HANDWRITING_FONTS.map((f) => `@fontsource/${f}`) : []),
    ],
    seed: TRAIN_SEED,
    perClass: o.perClass,
    epochs: o.epochs,
    members: mlps.length,
    ...(o.handwritingShare ? { handwritingShare: o.handwritingShare } : {}),
    ...(o.airShare ? { airShare: o.airShare } : {}),
    ...(o.grid !== undefined && o.grid !== GRID ? { grid: o.grid, hidden: o.hidden } : {}),
    ...(o.warmStart ? { warmStart: o.warmStart.about ?? 'a model of this script' } : {}),
    ...(o.learningRate !== undefined ? { learningRate: o.learningRate } : {}),
    ...(o.cnn ? { cnn: o.cnn } : {}),
    generatedBy: 'src/cli/train.ts',
  });
  return cnns.length > 0 ? { ...serialized, cnns: cnns.map(serializeCnn) } : serialized;
}

function fewestStrokes(protos: Pt[][][]): Pt[][][] {
  const counts = protos.map((p) => continuousPen(p).length);
  const least = Math.min(...counts);
  return protos.filter((_, i) => counts[i] === least);
}

/** The training-data synthesizer: augmented samples of one class, and junk groups. */
export interface Synthesizer {
  sample: (label: string) => Pt[][];
  junk: () => Pt[][];
  /** How many prototypes of each source a label is drawn from. */
  sources: (label: string) => { authored: number; hershey: number; handwriting: number };
}

/**
 * Synthesizes training ink from the prototypes (authored, Hershey, and with
 * `handwritingShare` > 0 the traced handwriting fonts), deterministic given `r`.
 */
export function synthesizer(
  classes: readonly string[],
  r: Random,
  o: Pick<BuildOptions, 'handwritingShare' | 'airShare'> & {
    /** Strokes as a pen draws them (`AugmentOptions.continuousPen`); whole expressions. */
    continuousPen?: boolean;
  },
): Synthesizer {
  const handShare = o.handwritingShare ?? 0;
  const airShare = o.airShare ?? 0;
  const protos = new Map<string, { authored: Pt[][][]; fonts: Pt[][][]; hands: Pt[][][] }>();
  for (const label of classes) {
    if (label === JUNK) continue;
    const authored = (AUTHORED[label] ?? []).map(parseShape);
    // Whole expressions keep only the glyphs a hand could draw: the fewest pen strokes
    // (Hershey's duplex and triplex glyphs outline each stroke twice).
    const fonts = o.continuousPen ? fewestStrokes(fontPrototypes(label)) : fontPrototypes(label);
    const hands = handShare > 0 ? handwritingPrototypes(label) : [];
    if (authored.length + fonts.length + hands.length === 0)
      throw new Error(`No prototype for ${label}`);
    protos.set(label, { authored, fonts, hands });
  }

  const sample = (label: string): Pt[][] => {
    const p = protos.get(label);
    if (!p) throw new Error(label);
    const useHands = p.hands.length > 0 && r.chance(handShare);
    const useAuthored =
      !useHands && (p.fonts.length === 0 || (p.authored.length > 0 && r.chance(AUTHORED_SHARE)));
    const proto = r.pick(
      useHands ? p.hands : useAuthored ? p.authored : p.fonts.length > 0 ? p.fonts : p.hands,
    );
    const stretch = STRETCH[label];
    // Letters and digits are often written with joined strokes; operators never are.
    const allowJoin = /^[0-9a-z]$/.test(label) || label === '\\pi';
    const pen = o.continuousPen ? { continuousPen: true } : {};
    const ink = augment(
      proto,
      r,
      stretch ? { stretchX: stretch, allowJoin, ...pen } : { allowJoin, ...pen },
    );
    // No draw when the share is 0: the models built before air ink keep their bytes.
    if (!(airShare > 0 && r.chance(airShare))) return ink;
    return label === '.' || label === ',' ? airSample(ink, r, MARK_PX) : airSample(ink, r);
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

  const sources = (label: string): ReturnType<Synthesizer['sources']> => {
    const p = protos.get(label);
    return {
      authored: p?.authored.length ?? 0,
      hershey: p?.fonts.length ?? 0,
      handwriting: p?.hands.length ?? 0,
    };
  };
  return { sample, junk, sources };
}

/** The network of a serialized model that member `seed` starts from. */
function warmStartMember(model: SerializedMlp, seed: number): Mlp {
  const mlp = deserializeMlp(model);
  if (mlp.classes.join('\n') !== SHAPE_CLASSES.join('\n'))
    throw new Error('The warm-start model has other classes than SHAPE_CLASSES');
  const k = Math.round((seed - TRAIN_SEED) / 7919);
  const layers = k === 0 ? mlp.layers : mlp.members?.[k - 1];
  if (!layers) throw new Error(`The warm-start model has no member ${k + 1}`);
  return { classes: mlp.classes, layers };
}

/** One network, trained on samples augmented from `seed`. */
function trainMember(classes: string[], seed: number, o: BuildOptions): Member {
  const r = seededRandom(seed);
  const { sample, junk } = synthesizer(classes, r, o);
  const grid = o.cnn?.grid ?? o.grid ?? GRID;
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  for (let ci = 0; ci < classes.length; ci++) {
    const label = classes[ci] as string;
    const n = label === JUNK ? o.perClass * 2 : o.perClass;
    for (let k = 0; k < n; k++) {
      const strokes = label === JUNK ? junk() : sample(label);
      xs.push(
        symbolFeatures(
          strokes.map((st) => st.map(([x, y]) => ({ x, y }))),
          grid,
        ),
      );
      ys.push(ci);
    }
  }
  o.log?.(`${xs.length} samples, ${classes.length} classes`);
  if (o.cnn)
    return trainCnn(xs, ys, classes.length, r, {
      grid: o.cnn.grid,
      channels: o.cnn.channels,
      hidden: o.cnn.hidden,
      epochs: o.epochs,
      batch: 64,
      learningRate: o.learningRate ?? 0.002,
      weightDecay: 1e-4,
      ...(o.log ? { log: o.log } : {}),
    });
  const net = trainMlp(classes, xs, ys, r, {
    hidden: o.hidden,
    epochs: o.epochs,
    batch: 64,
    learningRate: o.learningRate ?? 0.002,
    weightDecay: 1e-4,
    ...(o.warmStart ? { init: warmStartMember(o.warmStart, seed) } : {}),
    labelSmoothing: o.labelSmoothing ?? 0,
    ...(o.log ? { log: o.log } : {}),
  });
  return grid === GRID ? net : { ...net, grid };
}
