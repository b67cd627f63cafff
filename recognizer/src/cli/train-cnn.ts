import type { Random } from '@motionmath/testkit';
import { KERNEL, cnnBuffers, cnnLogits, headInputs, mapSize } from '../symbols/cnn.ts';
import type { CnnNet, ConvLayer } from '../symbols/cnn.ts';
import { CHANNELS } from '../symbols/features.ts';
import { Adam, cosineRate, shuffle } from './adam.ts';
import { initLayer } from './train-mlp.ts';

/**
 * Deterministic training of the convolutional network of `symbols/cnn.ts` (mini-batch
 * Adam, softmax cross-entropy, cosine learning-rate decay, L2 on weights), in plain
 * typed-array loops like `train-mlp.ts`. The forward pass is the classifier's own
 * (`cnnLogits`), so what is trained is what runs.
 */
export interface CnnTrainOptions {
  /** Input map grid (a multiple of 4). */
  grid: number;
  /** Channels of the two convolutions. */
  channels: [number, number];
  hidden: number;
  epochs: number;
  batch: number;
  learningRate: number;
  weightDecay: number;
  log?: (msg: string) => void;
}

const TAPS = KERNEL * KERNEL;

function gaussian(r: Random): number {
  const u = Math.max(1e-9, r.next());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.next());
}

function initConv(inC: number, outC: number, r: Random): ConvLayer {
  const weights = new Float32Array(TAPS * inC * outC);
  const std = Math.sqrt(2 / (TAPS * inC)); // He initialization for ReLU
  for (let i = 0; i < weights.length; i++) weights[i] = gaussian(r) * std;
  return { inC, outC, weights, bias: new Float32Array(outC) };
}

/**
 * Gradient of the weights of a 3×3 convolution (same padding) given its input and the
 * gradient at its output; with `dIn`, also the gradient at its input (only where the input
 * is non-zero: the inputs here are ReLU outputs, whose gradient is zero where they are).
 */
export function convBackward(
  input: Float32Array,
  size: number,
  layer: ConvLayer,
  dOut: Float32Array,
  gW: Float32Array,
  gB: Float32Array,
  dIn?: Float32Array,
): void {
  const { inC, outC, weights } = layer;
  for (let p = 0; p < size * size; p++)
    for (let o = 0; o < outC; o++) gB[o] = (gB[o] as number) + (dOut[p * outC + o] as number);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const base = (y * size + x) * inC;
      for (let i = 0; i < inC; i++) {
        const v = input[base + i] as number;
        if (v === 0) continue;
        let back = 0;
        for (let ky = 0; ky < KERNEL; ky++) {
          const oy = y - ky + 1;
          if (oy < 0 || oy >= size) continue;
          for (let kx = 0; kx < KERNEL; kx++) {
            const ox = x - kx + 1;
            if (ox < 0 || ox >= size) continue;
            const w = ((ky * KERNEL + kx) * inC + i) * outC;
            const o0 = (oy * size + ox) * outC;
            for (let o = 0; o < outC; o++) {
              const d = dOut[o0 + o] as number;
              gW[w + o] = (gW[w + o] as number) + v * d;
              back += (weights[w + o] as number) * d;
            }
          }
        }
        if (dIn) dIn[base + i] = back;
      }
    }
}

/** The parameters of a network, weights first of each pair (for Adam and weight decay). */
export function paramsOf(net: CnnNet): Float32Array[] {
  return [
    net.convs[0].weights,
    net.convs[0].bias,
    net.convs[1].weights,
    net.convs[1].bias,
    net.layers[0].weights,
    net.layers[0].bias,
    net.layers[1].weights,
    net.layers[1].bias,
  ];
}

/** Cross-entropy loss and its gradient for one sample, added into `grads`. */
export function sampleGradient(
  net: CnnNet,
  x: Float32Array,
  y: number,
  grads: Float32Array[],
  b: ReturnType<typeof cnnBuffers>,
  scratch: ReturnType<typeof gradientScratch>,
): { loss: number; correct: boolean } {
  const g = net.grid;
  const [k1, k2] = net.convs;
  const [l1, l2] = net.layers;
  const logits = cnnLogits(net, x, b);
  const nOut = l2.outputs;
  let max = -Infinity;
  let best = 0;
  for (let c = 0; c < nOut; c++) {
    const z = logits[c] as number;
    if (z > max) max = z;
    if (z > (logits[best] as number)) best = c;
  }
  const p = scratch.probs;
  let sum = 0;
  for (let c = 0; c < nOut; c++) {
    p[c] = Math.exp((logits[c] as number) - max);
    sum += p[c] as number;
  }
  const loss = -Math.log(Math.max(1e-12, (p[y] as number) / sum));
  const [gK1, gB1, gK2, gB2, gW1, gC1, gW2, gC2] = grads as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  // Output layer.
  const dh = scratch.dHidden.fill(0);
  for (let c = 0; c < nOut; c++) {
    const d = (p[c] as number) / sum - (c === y ? 1 : 0);
    gC2[c] = (gC2[c] as number) + d;
    const row = c * l2.inputs;
    for (let k = 0; k < l2.inputs; k++) {
      gW2[row + k] = (gW2[row + k] as number) + d * (b.hidden[k] as number);
      dh[k] = (dh[k] as number) + d * (l2.weights[row + k] as number);
    }
  }
  // Hidden layer (ReLU), and the gradient at the pooled map.
  const dHead = scratch.dHead.fill(0);
  for (let k = 0; k < l1.outputs; k++) {
    if ((b.hidden[k] as number) <= 0) continue;
    const d = dh[k] as number;
    gC1[k] = (gC1[k] as number) + d;
    const row = k * l1.inputs;
    for (let i = 0; i < l1.inputs; i++) {
      const v = b.head[i] as number;
      if (v === 0) continue;
      gW1[row + i] = (gW1[row + i] as number) + d * v;
      dHead[i] = (dHead[i] as number) + d * (l1.weights[row + i] as number);
    }
  }
  // Second pooling: the gradient goes to the cell that won (none if all were ≤ 0).
  const dConv2 = scratch.dConv2.fill(0);
  for (let o = 0; o < b.argmax2.length; o++) {
    const at = b.argmax2[o] as number;
    if (at >= 0) dConv2[at] = dHead[o] as number;
  }
  const dPool1 = scratch.dPool1.fill(0);
  convBackward(b.pool1, g / 2, k2, dConv2, gK2, gB2, dPool1);
  const dConv1 = scratch.dConv1.fill(0);
  for (let o = 0; o < b.argmax1.length; o++) {
    const at = b.argmax1[o] as number;
    if (at >= 0) dConv1[at] = dPool1[o] as number;
  }
  convBackward(x, g, k1, dConv1, gK1, gB1);
  return { loss, correct: best === y };
}

export function gradientScratch(net: CnnNet): {
  probs: Float32Array;
  dHidden: Float32Array;
  dHead: Float32Array;
  dConv2: Float32Array;
  dPool1: Float32Array;
  dConv1: Float32Array;
} {
  const g = net.grid;
  return {
    probs: new Float32Array(net.layers[1].outputs),
    dHidden: new Float32Array(net.layers[0].outputs),
    dHead: new Float32Array(net.layers[0].inputs),
    dConv2: new Float32Array((g / 2) * (g / 2) * net.convs[1].outC),
    dPool1: new Float32Array((g / 2) * (g / 2) * net.convs[0].outC),
    dConv1: new Float32Array(g * g * net.convs[0].outC),
  };
}

/** A randomly initialized network for `classes` on features of length `featureLength`. */
export function initCnn(
  featureLength: number,
  classes: number,
  o: Pick<CnnTrainOptions, 'grid' | 'channels' | 'hidden'>,
  r: Random,
): CnnNet {
  if (o.grid % 4 !== 0) throw new Error(`The CNN grid must be a multiple of 4, got ${o.grid}`);
  const extras = featureLength - mapSize(o.grid);
  const [c1, c2] = o.channels;
  return {
    grid: o.grid,
    convs: [initConv(CHANNELS, c1, r), initConv(c1, c2, r)],
    layers: [
      initLayer(headInputs(o.grid, c2, extras), o.hidden, r),
      initLayer(o.hidden, classes, r),
    ],
  };
}

export function trainCnn(
  xs: Float32Array[],
  ys: number[],
  classes: number,
  r: Random,
  o: CnnTrainOptions,
): CnnNet {
  const net = initCnn(xs[0]?.length ?? 0, classes, o, r);
  const params = paramsOf(net);
  const grads = params.map((p) => new Float32Array(p.length));
  const optimizer = new Adam(params, o.weightDecay);
  const buffers = cnnBuffers(net);
  const scratch = gradientScratch(net);
  const order = xs.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffle(order, r);
    const lr = cosineRate(o.learningRate, epoch, o.epochs);
    let loss = 0;
    let correct = 0;
    for (let start = 0; start < order.length; start += o.batch) {
      for (const g of grads) g.fill(0);
      const end = Math.min(order.length, start + o.batch);
      for (let bi = start; bi < end; bi++) {
        const idx = order[bi] as number;
        const s = sampleGradient(
          net,
          xs[idx] as Float32Array,
          ys[idx] as number,
          grads,
          buffers,
          scratch,
        );
        loss += s.loss;
        if (s.correct) correct++;
      }
      optimizer.update(grads, end - start, lr);
    }
    o.log?.(
      `epoch ${epoch + 1}/${o.epochs}: loss ${(loss / order.length).toFixed(4)}, train acc ${((100 * correct) / order.length).toFixed(2)}%`,
    );
  }
  return net;
}
