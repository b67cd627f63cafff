/**
 * A small multilayer perceptron (one hidden ReLU layer, softmax output) and its compact
 * serialized form: int8 weights with one scale per output row, base64-encoded, so the
 * shipped model is ~10× smaller than JSON floats and loads in browsers and Node alike.
 */

export interface DenseLayer {
  inputs: number;
  outputs: number;
  /** Row-major weights, `outputs × inputs`. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface Mlp {
  classes: string[];
  layers: DenseLayer[];
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
  layers: SerializedLayer[];
  /** Free-form provenance (sources, seed, training accuracy on synthetic data). */
  about?: Record<string, unknown>;
}

/** Forward pass; returns class probabilities. `scratch` buffers avoid allocation. */
export function mlpForward(mlp: Mlp, input: Float32Array): Float32Array {
  let x = input;
  for (let l = 0; l < mlp.layers.length; l++) {
    const layer = mlp.layers[l] as DenseLayer;
    const out = new Float32Array(layer.outputs);
    const { weights, bias, inputs } = layer;
    for (let o = 0; o < layer.outputs; o++) {
      let s = bias[o] ?? 0;
      const row = o * inputs;
      for (let i = 0; i < inputs; i++) s += (weights[row + i] as number) * (x[i] as number);
      out[o] = l < mlp.layers.length - 1 ? Math.max(0, s) : s;
    }
    x = out;
  }
  return softmax(x);
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

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function serializeMlp(mlp: Mlp, about?: Record<string, unknown>): SerializedMlp {
  const layers = mlp.layers.map((layer): SerializedLayer => {
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
  return {
    format: 'motionmath-mlp-1',
    classes: [...mlp.classes],
    layers,
    ...(about ? { about } : {}),
  };
}

export function deserializeMlp(data: SerializedMlp): Mlp {
  if (data.format !== 'motionmath-mlp-1')
    throw new Error(`Unknown model format: ${String(data.format)}`);
  const layers = data.layers.map((l): DenseLayer => {
    const q = new Int8Array(fromBase64(l.weights).buffer);
    if (q.length !== l.inputs * l.outputs) throw new Error('Model weights have the wrong size');
    const weights = new Float32Array(q.length);
    for (let o = 0; o < l.outputs; o++) {
      const scale = l.scales[o] ?? 1;
      for (let i = 0; i < l.inputs; i++)
        weights[o * l.inputs + i] = (q[o * l.inputs + i] ?? 0) * scale;
    }
    return { inputs: l.inputs, outputs: l.outputs, weights, bias: Float32Array.from(l.bias) };
  });
  return { classes: [...data.classes], layers };
}
