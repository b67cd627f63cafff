import {
  PenTracker,
  SymbolClassifier,
  airInkModel,
  recognizeExpression,
} from '@motionmath/recognizer';
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
  /** Read the school vocabulary (`vocabulary: 'all'`): letters, θ α β ∞ ∫ Σ → |. At
   * start; `setSchoolSymbols` changes it later. */
  schoolSymbols?: boolean;
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
  private schoolSymbols: boolean;
  /** The personal samples file last accepted (kept to rebuild the classifier). */
  private samples: unknown = null;
  private classifier: SymbolClassifier;

  constructor(options: SessionOptions) {
    this.options = options;
    this.schoolSymbols = options.schoolSymbols ?? false;
    this.tracker = this.newTracker();
    this.classifier = this.newClassifier(null);
  }

  /** A classifier for the chosen vocabulary with `samples` in it; throws on a bad file. */
  private newClassifier(samples: unknown): SymbolClassifier {
    // Air ink has its own model: few frames per stroke, landmark noise (recognizer README,
    // "Air ink against pen ink").
    const classifier = new SymbolClassifier({
      model: airInkModel(),
      ...(this.schoolSymbols ? { vocabulary: 'all' as const } : {}),
    });
    if (samples !== null) classifier.importSamples(samples);
    return classifier;
  }

  /** Labels the classifier may read from its network (its vocabulary). */
  get labels(): string[] {
    return this.classifier.labels;
  }

  /** Switch the vocabulary; ink and personal samples are kept, the next reading uses it. */
  setSchoolSymbols(on: boolean): void {
    if (on === this.schoolSymbols) return;
    this.schoolSymbols = on;
    this.classifier = this.newClassifier(this.samples);
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
    try {
      const classifier = this.newClassifier(json);
      this.classifier = classifier;
      this.samples = json;
      return classifier.sampleCount;
    } catch {
      return 0;
    }
  }

  recognize(): Recognition {
    return recognizeExpression(this.strokes, { classifier: this.classifier });
  }

  /** Forget all ink (after a send, or the clear button). */
  clear(): void {
    this.tracker = this.newTracker();
    this.current = null;
  }
}
