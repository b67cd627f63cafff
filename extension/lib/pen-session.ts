import { PenTracker, SymbolClassifier, recognizeExpression } from '@motionmath/recognizer';
import type { Command, PenEvent, Recognition, WritingMode } from '@motionmath/recognizer';
import type { Point } from './ink-renderer.ts';

/**
 * Landmark frames → pen events → strokes → recognition, for the overlay. Mirrors the
 * camera image first (people write as in a mirror: moving the hand right must draw to the
 * right) and picks the writing hand when several are seen. Pure: time comes with frames.
 */

export interface SessionOptions {
  mode: WritingMode;
  handedness: 'right' | 'left';
  smoothing: { minCutoff: number; beta: number };
  aspect: number;
}

export interface SessionUpdate {
  events: PenEvent[];
  commands: Command[];
  /** Set when the strokes changed (a stroke ended, undo, clear). */
  strokesChanged: boolean;
}

export class PenSession {
  private tracker: PenTracker;
  readonly options: SessionOptions;
  current: Point[] | null = null;
  cursor: { point: Point; writing: boolean } | null = null;
  /** Set when the user has personal samples; else the shipped model alone. */
  private classifier: SymbolClassifier | null = null;

  constructor(options: SessionOptions) {
    this.options = options;
    this.tracker = this.newTracker();
  }

  private newTracker(): PenTracker {
    return new PenTracker({
      mode: this.options.mode,
      aspect: this.options.aspect,
      smoothing: this.options.smoothing,
    });
  }

  get strokes(): Point[][] {
    return this.tracker.strokes.map((s) => s.points.map((p) => ({ x: p.x, y: p.y })));
  }

  get timedStrokes(): { x: number; y: number; t: number }[][] {
    return this.tracker.strokes.map((s) =>
      s.points.map((p) => ({ x: p.x, y: p.y, t: (p.t ?? s.t0) - s.t0 })),
    );
  }

  /** The writing hand: with two hands, the one on the user's writing side (mirrored view). */
  private pickHand(hands: number[][][]): number[][] | undefined {
    if (hands.length <= 1) return hands[0];
    const wristX = (h: number[][]) => h[0]?.[0] ?? 0.5;
    const sorted = [...hands].sort((a, b) => wristX(a) - wristX(b));
    // Unmirrored image: the user's right hand is on the image's left.
    return this.options.handedness === 'right' ? sorted[0] : sorted.at(-1);
  }

  push(t: number, hands: number[][][]): SessionUpdate {
    const hand = this.pickHand(hands);
    const mirrored = hand ? [hand.map(([x = 0, y = 0, z = 0]) => [1 - x, y, z])] : [];
    const events = this.tracker.push({ t, hands: mirrored });
    const commands: Command[] = [];
    let strokesChanged = false;
    for (const e of events) {
      if (e.type === 'pen-down') this.current = [e.point];
      else if (e.type === 'pen-move') this.current?.push(e.point);
      else if (e.type === 'pen-up') {
        this.current = null;
        strokesChanged = true;
      } else if (e.type === 'cursor') this.cursor = { point: e.point, writing: e.writing };
      else if (e.type === 'hand-lost') {
        this.cursor = null;
        this.current = null;
      } else if (e.type === 'command') {
        commands.push(e.command);
        if (e.command !== 'submit') strokesChanged = true;
        if (e.command === 'cancel') this.current = null;
      }
    }
    return { events, commands, strokesChanged };
  }

  /**
   * Recognize with the user's personal samples from now on (replacing earlier ones).
   * Returns how many were taken; a file the recognizer refuses is ignored (0), since
   * writing must keep working with the shipped model alone.
   */
  useSamples(json: unknown): number {
    if (json === null || json === undefined) return 0;
    const classifier = new SymbolClassifier();
    try {
      const count = classifier.importSamples(json);
      this.classifier = classifier;
      return count;
    } catch {
      return 0;
    }
  }

  recognize(): Recognition {
    return this.classifier
      ? recognizeExpression(this.strokes, { classifier: this.classifier })
      : recognizeExpression(this.strokes);
  }

  /** Forget all ink (after a send, or the clear button). */
  clear(): void {
    this.tracker = this.newTracker();
    this.current = null;
  }
}
