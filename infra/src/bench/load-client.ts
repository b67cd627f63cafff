import WebSocket from 'ws';
import * as Y from 'yjs';
import { classifyDelivery } from './client-placement.ts';
import type { PeerClass } from './client-placement.ts';
import { authFrame, readServerFrame, syncStep1Frame, updateFrame } from './hocuspocus-frames.ts';
import { nowEpochMs, pushTag, readTags } from './latency-tag.ts';
import type { StepRecorder } from './step-recorder.ts';

/** A connection that is neither authenticated nor synced by then has failed: generous,
 * since 2,000 clients authenticating at once queue behind each other on a busy machine. */
const CONNECT_TIMEOUT_MS = 60_000;

export interface LoadClientOptions {
  index: number;
  server: number;
  wsUrl: string;
  board: string;
  token: string;
  /** Board members that receive this client's updates, per class. */
  peers: Record<PeerClass, number>;
  /** The server a sender is connected to, by its client index. */
  serverOf: (client: number) => number;
  recorder: StepRecorder;
}

/**
 * One simulated board member on a raw WebSocket: a Y.Doc of its own to encode real Yjs
 * updates, no provider. It reads every broadcast update's latency tags and the server's
 * acknowledgements of its own updates.
 */
export class LoadClient {
  readonly #options: LoadClientOptions;
  readonly #doc = new Y.Doc();
  readonly #ws: WebSocket;
  /** Updates sent and not acknowledged yet; Hocuspocus acknowledges in order. */
  readonly #unacknowledged: { step: number; sentAt: number }[] = [];
  #lastUpdate: Uint8Array | null = null;

  private constructor(options: LoadClientOptions, ws: WebSocket) {
    this.#options = options;
    this.#ws = ws;
    this.#doc.on('update', (update: Uint8Array) => (this.#lastUpdate = update));
  }

  /** Resolves once the server authenticated the client and answered its sync. */
  static connect(options: LoadClientOptions): Promise<LoadClient> {
    const client = new LoadClient(options, new WebSocket(options.wsUrl));
    return client.#handshake().then(() => client);
  }

  #handshake(): Promise<void> {
    const { board, token } = this.#options;
    const ws = this.#ws;
    ws.binaryType = 'nodebuffer';
    return new Promise((resolve, reject) => {
      let authenticated = false;
      let synced = false;
      let connected = false;
      const fail = (reason: string) => {
        clearTimeout(timer);
        ws.terminate();
        if (connected) this.#options.recorder.disconnects += 1;
        else reject(new Error(`client ${this.#options.index}: ${reason}`));
        connected = false;
      };
      const timer = setTimeout(() => fail('connect timed out'), CONNECT_TIMEOUT_MS);
      ws.on('open', () => {
        ws.send(authFrame(board, token));
        ws.send(syncStep1Frame(board, Y.encodeStateVector(this.#doc)));
      });
      ws.on('message', (data: Buffer) => {
        const frame = readServerFrame(new Uint8Array(data.buffer, data.byteOffset, data.length));
        if (frame.kind === 'update') this.#received(frame.update);
        else if (frame.kind === 'ack') this.#acknowledged(frame.saved);
        else if (frame.kind === 'denied') fail(`denied: ${frame.reason}`);
        else if (frame.kind === 'authenticated') authenticated = true;
        else if (frame.kind === 'synced') synced = true;
        if (authenticated && synced && !connected) {
          connected = true;
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('error', (error) => fail(error.message));
      ws.on('close', (code) => fail(`closed (${code})`));
    });
  }

  /** Sends one tagged update for load step `step`. */
  send(step: number): void {
    if (this.#ws.readyState !== WebSocket.OPEN) return;
    const sentAt = nowEpochMs();
    pushTag(this.#doc, { c: this.#options.index, s: step, t: sentAt });
    if (!this.#lastUpdate) return;
    this.#ws.send(updateFrame(this.#options.board, this.#lastUpdate));
    this.#lastUpdate = null;
    this.#unacknowledged.push({ step, sentAt });
    this.#options.recorder.send(step, this.#options.peers);
  }

  close(): void {
    this.#ws.removeAllListeners('close');
    this.#ws.terminate();
  }

  #received(update: Uint8Array) {
    const now = nowEpochMs();
    const { index, server, serverOf, recorder } = this.#options;
    for (const tag of readTags(update)) {
      if (tag.c === index) continue;
      recorder.delivery(tag.s, classifyDelivery(serverOf(tag.c), server), now - tag.t);
    }
  }

  #acknowledged(saved: boolean) {
    const sent = this.#unacknowledged.shift();
    if (sent) this.#options.recorder.ack(sent.step, nowEpochMs() - sent.sentAt, saved);
  }
}
