import type { Random } from '@motionmath/testkit';

/**
 * Adam over a list of parameter arrays, shared by the MLP and CNN trainers. Arrays at even
 * indices are weights (they get the L2 decay), odd ones biases. Deterministic: the same
 * arithmetic in the same order on every run.
 */
export class Adam {
  private readonly params: readonly Float32Array[];
  private readonly weightDecay: number;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private step = 0;

  constructor(params: readonly Float32Array[], weightDecay: number) {
    this.params = params;
    this.weightDecay = weightDecay;
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  /** One step from `grads`, summed over `n` samples, at learning rate `lr`. */
  update(grads: readonly Float32Array[], n: number, lr: number): void {
    const [b1, b2, eps] = [0.9, 0.999, 1e-8];
    this.step++;
    const c1 = 1 - b1 ** this.step;
    const c2 = 1 - b2 ** this.step;
    for (let p = 0; p < this.params.length; p++) {
      const P = this.params[p] as Float32Array;
      const G = grads[p] as Float32Array;
      const M = this.m[p] as Float32Array;
      const V = this.v[p] as Float32Array;
      const decay = p % 2 === 0 ? this.weightDecay : 0;
      for (let i = 0; i < P.length; i++) {
        const g = (G[i] as number) / n + decay * (P[i] as number);
        M[i] = b1 * (M[i] as number) + (1 - b1) * g;
        V[i] = b2 * (V[i] as number) + (1 - b2) * g * g;
        P[i] =
          (P[i] as number) -
          (lr * ((M[i] as number) / c1)) / (Math.sqrt((V[i] as number) / c2) + eps);
      }
    }
  }
}

/** Fisher–Yates shuffle of `order` in place (the epoch's sample order). */
export function shuffle(order: number[], r: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
}

/** Cosine learning-rate decay from `base` at epoch 0. */
export const cosineRate = (base: number, epoch: number, epochs: number): number =>
  (base * (1 + Math.cos((Math.PI * epoch) / epochs))) / 2;
