/**
 * A small multilayer perceptron (one hidden ReLU layer, softmax output), optionally an
 * ensemble of several such networks whose probabilities are averaged, and its compact
 * serialized form: int8 weights with one scale per output row, base64-encoded, so the
 * shipped model is ~10× smaller than JSON floats and loads in browsers and Node alike.
 */

import type { SerializedCnn } from './cnn.ts';

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major weights, `outputs × inputs`. */
  weights: Float32Array;
  bias: Float32Array;
  /**
   * The same weights column-major (`inputs × outputs`), filled when a model is loaded:
   * the forward pass then adds one contiguous column per non-zero input and skips the
   * zeros (most grid cells of a symbol are empty), about twice as fast.
   */
  columns?: Float32Array;
}

export interface Mlp {
  classes: string[];
  /** Orientation grid of the input features (`symbolFeatures`); 8 when absent. */
  grid?: number;
  layers: DenseLayer[];
  /**
   * Further networks of the same classes and input, trained from other seeds: the output
   * is the mean of all networks' probabilities (an ensemble errs less than its members).
   */
  members?: DenseLayer[][];
}

export interface SerializedLayer {
  inputs: number;
  outputs: number;
  /** Per-row scale: weight = int8 × scale. */
  scales: number[];
  /** base64 of the int8 weights. */
  weights: string;
  bias: number[];
}

export interface SerializedMlp {
  format: 'motionmath-mlp-1';
  classes: string[];
  /** Orientation grid of the input features; absent in models of an 8×8 grid. */
  grid?: number;
  layers: SerializedLayer[];
  /** Further ensemble members (readers that ignore them still get a working network). */
  members?: SerializedLayer[][];
  /**
   * Convolutional members (`cnn.ts`), averaged with the MLPs by `ensemble.ts`. With
   * `layers` empty the model is convolutional only.
   */
  cnns?: SerializedCnn[];
  /** Free-form provenance (sources, seed, training accuracy on synthetic data). */
  about?: Record<string, unknown>;
}

function networkForward(layers: readonly DenseLayer[], input: Float32Array): Float32Array {
  let x = input;
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l] as DenseLayer;
    const { weights, bias, inputs, outputs, columns } = layer;
    const out = Float32Array.from(bias);
    if (columns) {
      for (let i = 0; i < inputs; i++) {
        const v = x[i] as number;
        if (v === 0) continue;
        const col = i * outputs;
        for (let o = 0; o < outputs; o++)
          out[o] = (out[o] as number) + v * (columns[col + o] as number);
      }
    } else {
      for (let o = 0; o < outputs; o++) {
        let s = out[o] as number;
        const row = o * inputs;
        for (let i = 0; i < inputs; i++) s += (weights[row + i] as number) * (x[i] as number);
        out[o] = s;
      }
    }
    if (l < layers.length - 1)
      for (let o = 0; o < outputs; o++) out[o] = Math.max(0, out[o] as number);
    x = out;
  }
  return softmax(x);
}

/** Forward pass; returns class probabilities (the mean over ensemble members). */
export function mlpForward(mlp: Mlp, input: Float32Array): Float32Array {
  const probs = networkForward(mlp.layers, input);
  const members = mlp.members ?? [];
  if (members.length === 0) return probs;
  for (const m of members) {
    const p = networkForward(m, input);
    for (let i = 0; i < probs.length; i++) probs[i] = (probs[i] as number) + (p[i] as number);
  }
  for (let i = 0; i < probs.length; i++) probs[i] = (probs[i] as number) / (members.length + 1);
  return probs;
}

export function softmax(z: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const out = new Float32Array(z.length);
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    const e = Math.exp((z[i] as number) - max);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < z.length; i++) out[i] = (out[i] as number) / sum;
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function serializeLayers(layers: readonly DenseLayer[]): SerializedLayer[] {
  return layers.map((layer): SerializedLayer => {
    const q = new Int8Array(layer.weights.length);
    const scales: number[] = [];
    for (let o = 0; o < layer.outputs; o++) {
      let max = 0;
      for (let i = 0; i < layer.inputs; i++)
        max = Math.max(max, Math.abs(layer.weights[o * layer.inputs + i] ?? 0));
      const scale = max > 0 ? max / 127 : 1;
      scales.push(Number(scale.toPrecision(6)));
      for (let i = 0; i < layer.inputs; i++)
        q[o * layer.inputs + i] = Math.round((layer.weights[o * layer.inputs + i] ?? 0) / scale);
    }
    return {
      inputs: layer.inputs,
      outputs: layer.outputs,
      scales,
      weights: toBase64(new Uint8Array(q.buffer)),
      bias: Array.from(layer.bias, (b) => Number(b.toPrecision(6))),
    };
  });
}

export function serializeMlp(mlp: Mlp, about?: Record<string, unknown>): SerializedMlp {
  const members = (mlp.members ?? []).map(serializeLayers);
  return {
    format: 'motionmath-mlp-1',
    classes: [...mlp.classes],
    ...(mlp.grid !== undefined ? { grid: mlp.grid } : {}),
    layers: serializeLayers(mlp.layers),
    ...(members.length > 0 ? { members } : {}),
    ...(about ? { about } : {}),
  };
}

export function deserializeMlp(data: SerializedMlp): Mlp {
  if (data.format !== 'motionmath-mlp-1')
    throw new Error(`Unknown model format: ${String(data.format)}`);
  const members = (data.members ?? []).map(deserializeLayers);
  return {
    classes: [...data.classes],
    ...(data.grid !== undefined ? { grid: data.grid } : {}),
    layers: deserializeLayers(data.layers),
    ...(members.length > 0 ? { members } : {}),
  };
}

export function deserializeLayers(layers: readonly SerializedLayer[]): DenseLayer[] {
  return layers.map((l): DenseLayer => {
    const q = new Int8Array(fromBase64(l.weights).buffer);
    if (q.length !== l.inputs * l.outputs) throw new Error('Model weights have the wrong size');
    const weights = new Float32Array(q.length);
    const columns = new Float32Array(q.length);
    for (let o = 0; o < l.outputs; o++) {
      const scale = l.scales[o] ?? 1;
      for (let i = 0; i < l.inputs; i++) {
        const w = (q[o * l.inputs + i] ?? 0) * scale;
        weights[o * l.inputs + i] = w;
        columns[i * l.outputs + o] = w;
      }
    }
    return {
      inputs: l.inputs,
      outputs: l.outputs,
      weights,
      bias: Float32Array.from(l.bias),
      columns,
    };
  });
}
