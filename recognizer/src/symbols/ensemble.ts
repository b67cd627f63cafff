import { cnnBuffers, cnnLogits, deserializeCnn, headInputs, mapSize } from './cnn.ts';
import type { CnnBuffers, CnnNet } from './cnn.ts';
import { GRID, featureSize } from './features.ts';
import { deserializeMlp, mlpForward, softmax } from './mlp.ts';
import type { Mlp, SerializedMlp } from './mlp.ts';

/**
 * A shipped symbol model as the classifier runs it: the MLPs of `mlp.ts` (on the feature
 * grid of the model) and the convolutional networks of `cnn.ts` (each on its own grid),
 * whose class probabilities are averaged, every network weighing the same.
 */
export interface SymbolModel {
  classes: string[];
  /** The MLPs (none in a convolutional-only model). */
  mlp: Mlp | null;
  cnns: { net: CnnNet; buffers: CnnBuffers }[];
  /** `CNN_SKIP_CONFIDENCE` unless the caller measures another. */
  cnnSkipConfidence: number;
  /** Counts of forward passes, and how many asked the convolutional members (for benches). */
  stats: { calls: number; cnnCalls: number };
}

export function loadSymbolModel(
  data: SerializedMlp,
  cnnSkipConfidence = CNN_SKIP_CONFIDENCE,
): SymbolModel {
  const mlp = deserializeMlp(data);
  const grid = mlp.grid ?? GRID;
  const hasMlp = mlp.layers.length > 0;
  if (hasMlp && mlp.layers[0]?.inputs !== featureSize(grid))
    throw new Error('Model does not match the feature size');
  const cnns = (data.cnns ?? []).map((s) => {
    const net = deserializeCnn(s);
    const extras = featureSize(net.grid) - mapSize(net.grid);
    if (net.layers[0].inputs !== headInputs(net.grid, net.convs[1].outC, extras))
      throw new Error('The convolutional network does not match the feature size');
    if (net.layers[1].outputs !== data.classes.length)
      throw new Error('The convolutional network has another number of classes');
    return { net, buffers: cnnBuffers(net) };
  });
  if (!hasMlp && cnns.length === 0) throw new Error('The model has no network');
  return {
    classes: [...data.classes],
    mlp: hasMlp ? mlp : null,
    cnns,
    cnnSkipConfidence,
    stats: { calls: 0, cnnCalls: 0 },
  };
}

/**
 * When the MLPs give one class (junk included) at least this probability, the
 * convolutional networks are not asked: a CNN costs ~15× an MLP, and most candidate groups
 * of an expression are plain symbols or plain junk that the MLPs already agree on.
 * Chosen on CROHME train fold 0 (see the recognizer README); 1 would always ask them.
 * Re-chosen with the joint reading (fold 0, core, exact: 0.3 / 0.4 / 0.5 / 0.6 / 0.7 / 0.8
 * read 57.60 / 57.98 / 59.51 / 59.89 / 59.51 / 59.32 %): where the MLPs are 60 % sure,
 * the CNN more often overrules them wrongly than rightly.
 */
export const CNN_SKIP_CONFIDENCE = 0.6;

/** Class probabilities: the mean over every network. `featuresAt(g)` = features on grid g. */
export function modelForward(
  model: SymbolModel,
  featuresAt: (grid: number) => Float32Array,
): Float32Array {
  const n = model.classes.length;
  model.stats.calls++;
  const probs = new Float32Array(n);
  let networks = 0;
  if (model.mlp) {
    const p = mlpForward(model.mlp, featuresAt(model.mlp.grid ?? GRID));
    const count = 1 + (model.mlp.members?.length ?? 0);
    // mlpForward already averaged its members: weigh that mean by their number.
    for (let i = 0; i < n; i++) probs[i] = (p[i] as number) * count;
    networks += count;
    if (model.cnns.length > 0 && Math.max(...p) >= model.cnnSkipConfidence) return p;
  }
  if (model.cnns.length > 0) model.stats.cnnCalls++;
  for (const { net, buffers } of model.cnns) {
    const p = softmax(cnnLogits(net, featuresAt(net.grid), buffers));
    for (let i = 0; i < n; i++) probs[i] = (probs[i] as number) + (p[i] as number);
    networks++;
  }
  for (let i = 0; i < n; i++) probs[i] = (probs[i] as number) / networks;
  return probs;
}
