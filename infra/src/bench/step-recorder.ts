import type { PeerClass } from './client-placement.ts';

/** Raw observations of one load step, filled by the clients while it runs and drains. */
export interface StepSamples {
  sent: number;
  /** Deliveries the sends should cause, per class (board members on each side). */
  expected: Record<PeerClass, number>;
  /** Send → every other board member received it, in ms. */
  latencies: Record<PeerClass, number[]>;
  /** Send → the server acknowledged it (logged durably, applied), in ms. */
  ackLatencies: number[];
  /** Updates the server refused (acknowledged as not saved). */
  refused: number;
}

export class StepRecorder {
  readonly steps: StepSamples[] = [];
  /** Connections lost after they were established (none expected). */
  disconnects = 0;

  step(index: number): StepSamples {
    let samples = this.steps[index];
    if (!samples) {
      samples = {
        sent: 0,
        expected: { same: 0, cross: 0 },
        latencies: { same: [], cross: [] },
        ackLatencies: [],
        refused: 0,
      };
      this.steps[index] = samples;
    }
    return samples;
  }

  send(step: number, peers: Record<PeerClass, number>) {
    const samples = this.step(step);
    samples.sent += 1;
    samples.expected.same += peers.same;
    samples.expected.cross += peers.cross;
  }

  delivery(step: number, peerClass: PeerClass, ms: number) {
    this.step(step).latencies[peerClass].push(ms);
  }

  ack(step: number, ms: number, saved: boolean) {
    const samples = this.step(step);
    if (saved) samples.ackLatencies.push(ms);
    else samples.refused += 1;
  }
}
