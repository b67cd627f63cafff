import { CHANNELS } from './features.ts';
import { deserializeLayers, fromBase64, serializeLayers, toBase64 } from './mlp.ts';
import type { DenseLayer, SerializedLayer } from './mlp.ts';

/**
 * A small convolutional network over the orientation map of `symbolFeatures` (G × G cells
 * × 5 channels): two 3×3 convolutions, each followed by ReLU and 2×2 max pooling, then a
 * dense ReLU layer over the pooled map and the feature vector's extras (stroke ends,
 * bends, globals), then the class scores.
 *
 * Why a CNN beside the MLP: the MLP sees each cell of the map at a fixed place, so a stroke
 * a cell away from where the fonts put it is a different input; shared 3×3 kernels and
 * pooling read a shape wherever it sits, which is how writers vary.
 *
 * The convolutions scatter each non-zero input into its outputs instead of gathering:
 * most cells of a symbol's map are empty (and half of the ReLU outputs are zero), so this
 * does a third to a half of the multiply-adds of the dense loop, bit-identically.
 */

/** Kernel size of both convolutions (same padding). */
export const KERNEL = 3;
const TAPS = KERNEL * KERNEL;

export interface ConvLayer {
  inC: number;
  outC: number;
  /** `[ky][kx][in][out]`: the loop over output channels is innermost and contiguous. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface CnnNet {
  /** Grid of the input map (a multiple of 4: two poolings). */
  grid: number;
  convs: [ConvLayer, ConvLayer];
  /** Dense head: pooled map + extras → hidden (ReLU) → classes. */
  layers: [DenseLayer, DenseLayer];
}

export interface SerializedConv {
  inC: number;
  outC: number;
  /** Per output channel: weight = int8 × scale. */
  scales: number[];
  weights: string;
  bias: number[];
}

export interface SerializedCnn {
  grid: number;
  convs: SerializedConv[];
  layers: SerializedLayer[];
}

/** Length of the input map of a `grid` (the rest of the feature vector are the extras). */
export const mapSize = (grid: number): number => grid * grid * CHANNELS;
/** Inputs of the dense head: the map after two poolings, then the extras. */
export const headInputs = (grid: number, c2: number, extras: number): number =>
  (grid / 4) * (grid / 4) * c2 + extras;

/** `out` = conv(input) + bias on a `size` × `size` map, same padding (no activation). */
export function conv3x3(
  input: Float32Array,
  size: number,
  layer: ConvLayer,
  out: Float32Array,
): void {
  const { inC, outC, weights, bias } = layer;
  for (let p = 0; p < size * size; p++) out.set(bias, p * outC);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const base = (y * size + x) * inC;
      for (let i = 0; i < inC; i++) {
        const v = input[base + i] as number;
        if (v === 0) continue;
        // Input (y, x) meets kernel tap (ky, kx) at output (y − ky + 1, x − kx + 1).
        for (let ky = 0; ky < KERNEL; ky++) {
          const oy = y - ky + 1;
          if (oy < 0 || oy >= size) continue;
          for (let kx = 0; kx < KERNEL; kx++) {
            const ox = x - kx + 1;
            if (ox < 0 || ox >= size) continue;
            const w = ((ky * KERNEL + kx) * inC + i) * outC;
            const o0 = (oy * size + ox) * outC;
            for (let o = 0; o < outC; o++)
              out[o0 + o] = (out[o0 + o] as number) + v * (weights[w + o] as number);
          }
        }
      }
    }
}

/**
 * ReLU then 2×2 max pooling of a `size` × `size` × `c` map into `out` ((size/2)² × c).
 * `argmax` (optional, for training) gets the input index each output came from.
 */
export function reluPool2(
  input: Float32Array,
  size: number,
  c: number,
  out: Float32Array,
  argmax?: Int32Array,
): void {
  const half = size / 2;
  for (let y = 0; y < half; y++)
    for (let x = 0; x < half; x++)
      for (let ch = 0; ch < c; ch++) {
        let best = 0;
        let at = -1;
        for (let dy = 0; dy < 2; dy++)
          for (let dx = 0; dx < 2; dx++) {
            const i = ((2 * y + dy) * size + 2 * x + dx) * c + ch;
            const v = input[i] as number;
            if (v > best) {
              best = v;
              at = i;
            }
          }
        const o = (y * half + x) * c + ch;
        out[o] = best;
        if (argmax) argmax[o] = at;
      }
}

/** Dense layer (row-major weights), optionally with ReLU; skips zero inputs. */
export function dense(layer: DenseLayer, x: Float32Array, out: Float32Array, relu: boolean): void {
  const { inputs, outputs, weights, bias } = layer;
  for (let o = 0; o < outputs; o++) {
    let s = bias[o] as number;
    const row = o * inputs;
    for (let i = 0; i < inputs; i++) {
      const v = x[i] as number;
      if (v !== 0) s += (weights[row + i] as number) * v;
    }
    out[o] = relu && s < 0 ? 0 : s;
  }
}

/** Working buffers of one forward pass (reused: a classifier runs thousands per page). */
export interface CnnBuffers {
  conv1: Float32Array;
  pool1: Float32Array;
  conv2: Float32Array;
  head: Float32Array;
  hidden: Float32Array;
  logits: Float32Array;
  argmax1: Int32Array;
  argmax2: Int32Array;
}

export function cnnBuffers(net: CnnNet): CnnBuffers {
  const g = net.grid;
  const [c1, c2] = [net.convs[0].outC, net.convs[1].outC];
  return {
    conv1: new Float32Array(g * g * c1),
    pool1: new Float32Array((g / 2) * (g / 2) * c1),
    conv2: new Float32Array((g / 2) * (g / 2) * c2),
    head: new Float32Array(net.layers[0].inputs),
    hidden: new Float32Array(net.layers[0].outputs),
    logits: new Float32Array(net.layers[1].outputs),
    argmax1: new Int32Array((g / 2) * (g / 2) * c1),
    argmax2: new Int32Array((g / 4) * (g / 4) * c2),
  };
}

/**
 * Forward pass on a feature vector of `symbolFeatures(strokes, net.grid)`; fills `b` and
 * returns its logits (with `argmax` buffers filled, as training needs).
 */
export function cnnLogits(net: CnnNet, features: Float32Array, b: CnnBuffers): Float32Array {
  const g = net.grid;
  const [k1, k2] = net.convs;
  conv3x3(features, g, k1, b.conv1);
  reluPool2(b.conv1, g, k1.outC, b.pool1, b.argmax1);
  conv3x3(b.pool1, g / 2, k2, b.conv2);
  const pooled = (g / 4) * (g / 4) * k2.outC;
  reluPool2(b.conv2, g / 2, k2.outC, b.head.subarray(0, pooled), b.argmax2);
  b.head.set(features.subarray(mapSize(g)), pooled);
  dense(net.layers[0], b.head, b.hidden, true);
  dense(net.layers[1], b.hidden, b.logits, false);
  return b.logits;
}

function serializeConv(c: ConvLayer): SerializedConv {
  // One scale per output channel, over all its taps and inputs.
  const q = new Int8Array(c.weights.length);
  const scales: number[] = [];
  const rows = TAPS * c.inC;
  for (let o = 0; o < c.outC; o++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(c.weights[r * c.outC + o] ?? 0));
    const scale = Number((max > 0 ? max / 127 : 1).toPrecision(6));
    scales.push(scale);
    for (let r = 0; r < rows; r++)
      q[r * c.outC + o] = Math.round((c.weights[r * c.outC + o] ?? 0) / scale);
  }
  return {
    inC: c.inC,
    outC: c.outC,
    scales,
    weights: toBase64(new Uint8Array(q.buffer)),
    bias: Array.from(c.bias, (v) => Number(v.toPrecision(6))),
  };
}

function deserializeConv(s: SerializedConv): ConvLayer {
  const q = new Int8Array(fromBase64(s.weights).buffer);
  if (q.length !== TAPS * s.inC * s.outC)
    throw new Error('Convolution weights have the wrong size');
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = (q[i] ?? 0) * (s.scales[i % s.outC] ?? 1);
  return { inC: s.inC, outC: s.outC, weights, bias: Float32Array.from(s.bias) };
}

export function serializeCnn(net: CnnNet): SerializedCnn {
  return {
    grid: net.grid,
    convs: net.convs.map(serializeConv),
    layers: serializeLayers(net.layers),
  };
}

export function deserializeCnn(s: SerializedCnn): CnnNet {
  if (
    !Number.isInteger(s.grid) ||
    s.grid % 4 !== 0 ||
    s.convs.length !== 2 ||
    s.layers.length !== 2
  )
    throw new Error(
      'Not a convolutional network of this format (grid ÷ 4, 2 convolutions, 2 dense layers)',
    );
  const [k1, k2] = s.convs.map(deserializeConv) as [ConvLayer, ConvLayer];
  const [l1, l2] = deserializeLayers(s.layers) as [DenseLayer, DenseLayer];
  if (k1.inC !== CHANNELS || k2.inC !== k1.outC || l2.inputs !== l1.outputs)
    throw new Error('The convolutional network’s layer sizes do not fit together');
  return { grid: s.grid, convs: [k1, k2], layers: [l1, l2] };
}
