import { describeZodError, PersonalSamplesFileSchema, SAMPLES_FORMAT } from '@motionmath/protocol';
import type {
  PersonalSample as ProtocolPersonalSample,
  PersonalSamplesFile,
} from '@motionmath/protocol';
import { isInkPoint } from '../ink/types.ts';
import type { Stroke } from '../ink/types.ts';
import { CORE_SYMBOLS, JUNK } from './classes.ts';
import { loadSymbolModel, modelForward } from './ensemble.ts';
import type { SymbolModel } from './ensemble.ts';
import { GRID, symbolFeatures } from './features.ts';
import type { SerializedMlp } from './mlp.ts';
import shippedModel from './model.json' with { type: 'json' };

/**
 * Shape classifier for one candidate symbol (a group of strokes): the shipped network
 * (trained only on Hershey glyphs and authored shapes, see cli/train.ts) plus the user's
 * personal samples, which vote by nearest-neighbour similarity.
 */

export interface SymbolScore {
  label: string;
  /** Probability-like score in [0, 1]; scores of one result sum to ≤ 1. */
  score: number;
}

export interface ShapeResult {
  /** Symbol classes, best first (junk excluded), renormalized to sum to 1. */
  ranked: SymbolScore[];
  /** Probability that the strokes are not one symbol (used by segmentation). */
  junk: number;
}

/**
 * Width of the similarity kernel on feature distance. Features of the same symbol by the
 * same writer are typically 0.3–0.6 apart, different symbols ≥ 1, so at 0.5 a close
 * personal sample counts fully and an unrelated one not at all.
 */
export const PERSONAL_SIGMA = 0.5;
/**
 * Weight of the personal vote relative to the network's probabilities: one very close
 * personal sample outweighs a confident network, since it is the user's own hand.
 */
export const PERSONAL_WEIGHT = 1.5;

/** The samples file's schema, format tag and caps are defined once, in the protocol. */
export type PersonalSample = ProtocolPersonalSample;
export type PersonalSamplesJson = PersonalSamplesFile;

let defaultModel: SymbolModel | null = null;
function shipped(): SymbolModel {
  defaultModel ??= loadSymbolModel(shippedModel as SerializedMlp);
  return defaultModel;
}

function cleanStrokes(strokes: readonly Stroke[]): { x: number; y: number }[][] {
  if (!Array.isArray(strokes)) return [];
  return strokes
    .map((s) =>
      Array.isArray(s) ? (s as unknown[]).filter(isInkPoint).map((p) => ({ x: p.x, y: p.y })) : [],
    )
    .filter((s) => s.length > 0);
}

export interface ClassifierOptions {
  /** A model produced by `npm run train` (the shipped one by default). */
  model?: SerializedMlp;
  /**
   * Labels that may be output. Default: the core set (digits, a b c d n t x y z,
   * operators, brackets, √, π). Pass `'all'` for every label the model knows (adds more
   * lowercase letters, at some cost in accuracy on the core set).
   */
  vocabulary?: readonly string[] | 'all';
  /**
   * Development: the MLP confidence above which convolutional members are skipped
   * (default `CNN_SKIP_CONFIDENCE`; above 1, never skipped).
   */
  cnnSkipConfidence?: number;
}

export class SymbolClassifier {
  private readonly model: SymbolModel;
  private readonly allowed: Set<string>;
  private readonly personal: {
    label: string;
    strokes: { x: number; y: number }[][];
    features: Float32Array;
  }[] = [];

  constructor(options: ClassifierOptions = {}) {
    this.model =
      options.model || options.cnnSkipConfidence !== undefined
        ? loadSymbolModel(
            options.model ?? (shippedModel as SerializedMlp),
            options.cnnSkipConfidence,
          )
        : shipped();
    const vocab = options.vocabulary ?? CORE_SYMBOLS;
    this.allowed = new Set(vocab === 'all' ? this.model.classes : vocab);
    // `.` and `\cdot` share one shape class (context tells them apart).
    if (this.allowed.has('\\cdot')) this.allowed.add('.');
    this.allowed.delete(JUNK);
  }

  /** How many groups were classified, and how many of them asked the CNN members. */
  get networkStats(): { calls: number; cnnCalls: number } {
    return { ...this.model.stats };
  }

  /** Labels this classifier may output from its network (junk excluded). */
  get labels(): string[] {
    return this.model.classes.filter((c) => this.allowed.has(c));
  }

  /** Add one sample of the user's writing of `label`; it joins recognition at once. */
  addSample(label: string, strokes: readonly Stroke[]): void {
    if (typeof label !== 'string' || label === '' || label === JUNK)
      throw new Error(`Invalid label: ${String(label)}`);
    const clean = cleanStrokes(strokes);
    if (clean.length === 0) throw new Error('A personal sample needs at least one point');
    this.personal.push({ label, strokes: clean, features: symbolFeatures(clean) });
  }

  /** Remove the personal samples of one label, or all. Returns how many were removed. */
  clearSamples(label?: string): number {
    const before = this.personal.length;
    const keep = this.personal.filter((s) => label !== undefined && s.label !== label);
    this.personal.length = 0;
    this.personal.push(...keep);
    return before - keep.length;
  }

  get sampleCount(): number {
    return this.personal.length;
  }

  /** Personal samples as JSON-safe data, for the app to store. */
  exportSamples(): PersonalSamplesJson {
    return {
      format: SAMPLES_FORMAT,
      samples: this.personal.map((s) => ({
        label: s.label,
        strokes: s.strokes.map((st) => st.map((p) => ({ ...p }))),
      })),
    };
  }

  /** Load samples saved by `exportSamples` (added to the current ones). Bad data throws. */
  importSamples(json: unknown): number {
    const parsed = PersonalSamplesFileSchema.safeParse(json);
    if (!parsed.success)
      throw new Error(
        `Not a personal samples file (format ${SAMPLES_FORMAT}): ${describeZodError(parsed.error, 'file')}`,
      );
    const data = parsed.data;
    for (const s of data.samples) this.addSample(s.label, s.strokes);
    return data.samples.length;
  }

  /** Classify the shape of a stroke group. Never throws; empty input gives a flat result. */
  classify(strokes: readonly Stroke[]): ShapeResult {
    const clean = cleanStrokes(strokes);
    // Personal samples are compared on the 8×8 grid; each network gets its own grid.
    const f = symbolFeatures(clean);
    const probs = modelForward(this.model, (grid) =>
      grid === GRID ? f : symbolFeatures(clean, grid),
    );
    const scores = new Map<string, number>();
    let junk = 0;
    this.model.classes.forEach((c, i) => {
      if (c === JUNK) junk = probs[i] ?? 0;
      else if (this.allowed.has(c)) scores.set(c, probs[i] ?? 0);
    });
    if (this.personal.length > 0) {
      const best = new Map<string, number>();
      for (const s of this.personal) {
        let d2 = 0;
        for (let i = 0; i < f.length; i++)
          d2 += ((f[i] as number) - (s.features[i] as number)) ** 2;
        const sim = Math.exp(-d2 / (2 * PERSONAL_SIGMA * PERSONAL_SIGMA));
        if (sim > (best.get(s.label) ?? 0)) best.set(s.label, sim);
      }
      for (const [label, sim] of best)
        scores.set(label, (scores.get(label) ?? 0) + PERSONAL_WEIGHT * sim);
      const maxSim = Math.max(...best.values());
      junk *= 1 - Math.min(1, maxSim); // a close personal sample is one symbol
    }
    let total = 0;
    for (const v of scores.values()) total += v;
    const ranked = [...scores]
      .map(([label, score]) => ({ label, score: total > 0 ? score / total : 0 }))
      .sort((a, b) => b.score - a.score);
    return { ranked, junk: Number.isFinite(junk) ? junk : 0 };
  }
}
