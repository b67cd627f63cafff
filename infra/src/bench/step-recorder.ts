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
  /** When the last acknowledgement arrived (performance.now()): the servers' real
   * throughput is what they answered until then, backlog included. */
  lastAnswerAt: number;
}

export class StepRecorder {
  readonly #steps = new Map<number, StepSamples>();
  /** Connections lost after they were established (none expected). */
  disconnects = 0;

  step(index: number): StepSamples {
    let samples = this.#steps.get(index);
    if (!samples) {
      samples = {
        sent: 0,
        expected: { same: 0, cross: 0 },
        latencies: { same: [], cross: [] },
        ackLatencies: [],
        refused: 0,
        lastAnswerAt: NaN,
      };
      this.#steps.set(index, samples);
    }
    return samples;
  }

  /** Updates of the step the servers have not answered yet (their backlog). */
  unanswered(step: number): number {
    const samples = this.step(step);
    return samples.sent - samples.ackLatencies.length - samples.refused;
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
    samples.lastAnswerAt = performance.now();
  }
}
