import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { cnnBuffers, cnnLogits, deserializeCnn, serializeCnn } from '../symbols/cnn.ts';
import type { CnnNet } from '../symbols/cnn.ts';
import { featureSize, symbolFeatures } from '../symbols/features.ts';
import { writeInk } from '../test-ink.ts';
import { gradientScratch, initCnn, paramsOf, sampleGradient, trainCnn } from './train-cnn.ts';

const GRID = 8;
const SHAPE = { grid: GRID, channels: [3, 4] as [number, number], hidden: 6 };

function lossOf(net: CnnNet, x: Float32Array, y: number): number {
  const z = cnnLogits(net, x, cnnBuffers(net));
  const max = Math.max(...z);
  const sum = z.reduce((s, v) => s + Math.exp(v - max), 0);
  return -((z[y] as number) - max - Math.log(sum));
}

describe('convolutional network training', () => {
  const seed = testSeed('cnn-gradient');
  const x = symbolFeatures(writeInk([['7', 0, 0, 10, 12]]), GRID);

  it(`back-propagates the exact gradient (finite differences, seed ${seed})`, () => {
    const net = initCnn(featureSize(GRID), 5, SHAPE, seededRandom(seed));
    const r = seededRandom(seed + 1);
    // Biases start at 0, which puts every unit over empty cells exactly at ReLU's kink,
    // where the two one-sided slopes differ: move them off it.
    paramsOf(net).forEach((p, k) => {
      if (k % 2 === 1) for (let i = 0; i < p.length; i++) p[i] = 0.05 + 0.1 * r.next();
    });
    const grads = paramsOf(net).map((p) => new Float32Array(p.length));
    sampleGradient(net, x, 2, grads, cnnBuffers(net), gradientScratch(net));
    let checked = 0;
    paramsOf(net).forEach((p, k) => {
      for (let n = 0; n < 6; n++) {
        const i = Math.floor(r.next() * p.length);
        const h = 1e-3;
        const old = p[i] as number;
        const at = lossOf(net, x, 2);
        p[i] = old + h;
        const up = (lossOf(net, x, 2) - at) / h;
        p[i] = old - h;
        const down = (at - lossOf(net, x, 2)) / h;
        p[i] = old;
        const analytic = grads[k]?.[i] as number;
        // Where no ReLU or pooling switches inside ±h both one-sided slopes equal the
        // gradient; where one does, the (sub)gradient lies between them.
        const tol = 5e-3 + 0.02 * Math.abs(analytic);
        expect(analytic, `param ${k}[${i}]`).toBeGreaterThanOrEqual(Math.min(up, down) - tol);
        expect(analytic, `param ${k}[${i}]`).toBeLessThanOrEqual(Math.max(up, down) + tol);
        checked++;
      }
    });
    expect(checked).toBe(48);
  });

  it(`learns to tell two shapes apart, and survives serialization (seed ${seed})`, () => {
    const ink = (c: string, k: number): Float32Array =>
      symbolFeatures(writeInk([[c, k, k * 0.5, 10 + k, 12 + k * 0.3]]), GRID);
    const xs = [0, 1, 2, 3, 4, 5].flatMap((k) => [ink('1', k), ink('0', k)]);
    const ys = xs.map((_, i) => i % 2);
    const net = trainCnn(xs, ys, 2, seededRandom(seed), {
      ...SHAPE,
      epochs: 30,
      batch: 4,
      learningRate: 0.01,
      weightDecay: 0,
    });
    const loaded = deserializeCnn(JSON.parse(JSON.stringify(serializeCnn(net))));
    for (const candidate of [net, loaded]) {
      const right = xs.filter((v, i) => {
        const z = cnnLogits(candidate, v, cnnBuffers(candidate));
        return (z[1] as number) > (z[0] as number) === (ys[i] === 1);
      }).length;
      expect(right).toBe(xs.length);
    }
  });

  it('refuses a serialized network whose sizes do not fit', () => {
    const net = initCnn(featureSize(GRID), 5, SHAPE, seededRandom(1));
    const s = serializeCnn(net);
    expect(() => deserializeCnn({ ...s, grid: 6 })).toThrow(/grid/);
    expect(() =>
      deserializeCnn({ ...s, convs: [s.convs[0], s.convs[0]] as typeof s.convs }),
    ).toThrow(/wrong size|fit/);
  });
});
