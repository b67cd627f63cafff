import { classifyHand } from './gesture.ts';
import type { Gesture, HandPose } from './gesture.ts';
import { INDEX_TIP, MAX_ABS_COORDINATE, THUMB_TIP } from './landmarks.ts';
import type { HandLandmarks } from './landmarks.ts';
import { OneEuroFilter2D } from './one-euro.ts';
import type { OneEuroOptions } from './one-euro.ts';
import { finishStroke } from './stroke-finish.ts';
import type { StrokeFinishOptions } from './stroke-finish.ts';
import type { InkPoint } from '../ink/types.ts';

/**
 * Hand landmarks → pen. Feed one frame at a time (`push`); the tracker classifies the pose,
 * stabilizes it with hysteresis, smooths the pen tip (One Euro), splits the motion into
 * strokes and detects held command gestures. It is a pure state machine: time comes from
 * the frames, never from a clock.
 */

export interface HandFrame {
  /** Frame time in milliseconds (monotonic). */
  t: number;
  /** MediaPipe landmarks of each detected hand (the first is used), `[]` when none. */
  hands: readonly HandLandmarks[];
}

export type WritingMode = 'pinch' | 'point';
export type Command = 'submit' | 'clear' | 'undo' | 'cancel';

export interface CommandBinding {
  gesture: Gesture;
  /** How long the gesture must be held, in ms, before the command fires (once per hold). */
  holdMs: number;
}

/** Default bindings, from docs/architecture.md (undo/cancel are our choice, configurable). */
export const DEFAULT_COMMANDS: Readonly<Record<Command, CommandBinding | null>> = {
  // Long enough that a thumbs up passing by while changing pose does not send.
  submit: { gesture: 'thumbs_up', holdMs: 600 },
  // Longer: clearing loses ink, and an open hand is a common resting pose.
  clear: { gesture: 'open_palm', holdMs: 800 },
  // The mirror of submit.
  undo: { gesture: 'thumbs_down', holdMs: 600 },
  // A held fist abandons the stroke in progress (a short fist only pauses writing).
  cancel: { gesture: 'fist', holdMs: 1000 },
};

/**
 * A new pose must be seen on this many consecutive frames before it replaces the stable
 * one: one frame of a misread pose must not lift or drop the pen. The stroke still starts
 * at the first frame of the new pose (its points are kept while it waits), so this costs
 * no ink.
 */
export const GESTURE_CONFIRM_FRAMES = 2;
/**
 * Frames without a hand shorter than this keep the current state. MediaPipe often loses
 * the hand for exactly one frame when the pose changes (≈ 33 ms at 30 fps); 100 ms bridges
 * up to two lost frames while a real hand-away still lifts the pen quickly.
 */
export const MAX_DROPOUT_MS = 100;

export interface PenTrackerOptions {
  mode?: WritingMode;
  /** Video width / height; x is scaled by it so strokes are not squashed. Default 4/3. */
  aspect?: number;
  commands?: Partial<Record<Command, CommandBinding | null>>;
  smoothing?: OneEuroOptions;
  confirmFrames?: number;
  maxDropoutMs?: number;
  /**
   * How a finished stroke is rebuilt from the raw fingertip for recognition (trim, lag-free
   * smoothing, arc-length resampling: `stroke-finish.ts`); `false` keeps the live, One
   * Euro-smoothed points.
   */
  finish?: StrokeFinishOptions | false;
}

export interface TrackedStroke {
  /** The finished ink (see PenTrackerOptions.finish); pen-move events carry the live points. */
  points: InkPoint[];
  /** Time of the first and last point (ms). */
  t0: number;
  t1: number;
}

export type PenEvent =
  | { type: 'gesture'; t: number; gesture: Gesture }
  | { type: 'pen-down'; t: number; point: InkPoint }
  | { type: 'pen-move'; t: number; point: InkPoint }
  | { type: 'pen-up'; t: number; stroke: TrackedStroke }
  | { type: 'cursor'; t: number; point: InkPoint; writing: boolean }
  | { type: 'hand-lost'; t: number }
  | { type: 'command'; t: number; command: Command };

export const DEFAULT_ASPECT = 4 / 3;

export class PenTracker {
  readonly mode: WritingMode;
  private readonly aspect: number;
  private readonly commands: [Command, CommandBinding][];
  private readonly confirmFrames: number;
  private readonly maxDropoutMs: number;
  private readonly filter: OneEuroFilter2D;
  private readonly finish: StrokeFinishOptions | false;

  private stable: Gesture = 'none';
  private candidate: Gesture = 'none';
  private candidateFrames = 0;
  /** Smoothed pen points seen while the candidate was waiting for confirmation. */
  private pending: InkPoint[] = [];
  /** The raw fingertip of each pending point (same order). */
  private pendingRaw: InkPoint[] = [];
  /** The raw fingertip of each point of the stroke in progress, for `finish`. */
  private currentRaw: InkPoint[] = [];
  private lastHandT: number | null = null;
  private handPresent = false;
  private stableSince = 0;
  private firedForHold = false;
  private current: InkPoint[] | null = null;
  private lastT = Number.NEGATIVE_INFINITY;
  /** Finished strokes since the last clear (undo pops, clear empties). */
  readonly strokes: TrackedStroke[] = [];

  constructor(options: PenTrackerOptions = {}) {
    this.mode = options.mode ?? 'point';
    this.aspect =
      options.aspect !== undefined && options.aspect > 0 ? options.aspect : DEFAULT_ASPECT;
    const bindings = { ...DEFAULT_COMMANDS, ...options.commands };
    this.commands = (Object.entries(bindings) as [Command, CommandBinding | null][]).filter(
      (e): e is [Command, CommandBinding] => e[1] !== null,
    );
    this.confirmFrames = Math.max(1, options.confirmFrames ?? GESTURE_CONFIRM_FRAMES);
    this.maxDropoutMs = options.maxDropoutMs ?? MAX_DROPOUT_MS;
    this.filter = new OneEuroFilter2D(options.smoothing);
    this.finish = options.finish ?? {};
  }

  /** The stable gesture now. */
  get gesture(): Gesture {
    return this.stable;
  }

  get isWriting(): boolean {
    return this.current !== null;
  }

  private writes(g: Gesture): boolean {
    return this.mode === 'pinch' ? g === 'pinch' : g === 'pointing';
  }

  private penTip(hand: HandLandmarks, pose: HandPose): { x: number; y: number } | null {
    const idx = hand[INDEX_TIP];
    const th = hand[THUMB_TIP];
    if (idx === undefined) return null;
    let x = idx[0] ?? NaN;
    let y = idx[1] ?? NaN;
    // A pinch writes where the fingers meet, not at the index tip.
    if (this.mode === 'pinch' && pose.gesture === 'pinch' && th !== undefined) {
      x = (x + (th[0] ?? NaN)) / 2;
      y = (y + (th[1] ?? NaN)) / 2;
    }
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (Math.abs(x) > MAX_ABS_COORDINATE || Math.abs(y) > MAX_ABS_COORDINATE) return null;
    return { x: x * this.aspect, y };
  }

  /** Process one frame; returns what happened, in order. Bad frames count as "no hand". */
  push(frame: HandFrame): PenEvent[] {
    const events: PenEvent[] = [];
    const t = frame.t;
    if (!Number.isFinite(t) || t < this.lastT) return events; // out-of-order or bad time
    this.lastT = t;
    const hand = Array.isArray(frame.hands) ? frame.hands[0] : undefined;
    const pose = hand
      ? classifyHand(hand, { aspect: this.aspect, wasPinching: this.stable === 'pinch' })
      : null;
    const tip = hand && pose ? this.penTip(hand, pose) : null;

    if (!pose || !tip) {
      this.onNoHand(t, events);
      return events;
    }
    if (!this.handPresent) this.filter.reset(); // a reappearing hand must not be dragged from its old place
    this.handPresent = true;
    this.lastHandT = t;
    const s = this.filter.filter(tip.x, tip.y, t);
    const point: InkPoint = { x: s.x, y: s.y, t };
    const raw: InkPoint = { x: tip.x, y: tip.y, t };

    // Hysteresis on the pose label (for gesture events and commands)…
    if (pose.gesture === this.stable) {
      this.candidate = this.stable;
      this.candidateFrames = 0;
    } else {
      if (pose.gesture !== this.candidate) {
        this.candidate = pose.gesture;
        this.candidateFrames = 0;
      }
      this.candidateFrames++;
      if (this.candidateFrames >= this.confirmFrames) this.changeStable(this.candidate, t, events);
    }
    // …and, separately, on the binary pen state: flicker between non-writing poses
    // (victory, none, open palm) must still lift the pen, so the pen does not wait for one
    // of them to become stable.
    this.updatePen(this.writes(pose.gesture), point, raw, t, events);
    events.push({ type: 'cursor', t, point, writing: this.current !== null });
    this.checkCommands(t, events);
    return events;
  }

  private updatePen(
    wantsDown: boolean,
    point: InkPoint,
    raw: InkPoint,
    t: number,
    events: PenEvent[],
  ): void {
    const down = this.current !== null;
    if (wantsDown === down) {
      // The state held: points parked while a change was pending belong to the stroke.
      if (this.current !== null) {
        for (const p of [...this.pending, point]) {
          this.current.push(p);
          events.push({ type: 'pen-move', t: p.t ?? t, point: p });
        }
        this.currentRaw.push(...this.pendingRaw, raw);
      }
      this.pending = [];
      this.pendingRaw = [];
      return;
    }
    this.pending.push(point);
    this.pendingRaw.push(raw);
    if (this.pending.length < this.confirmFrames) return;
    if (wantsDown) {
      // Start the stroke at the first frame of the new pose: confirmation costs no ink.
      const [first, ...rest] = this.pending;
      if (first) {
        this.current = [first];
        this.currentRaw = [...this.pendingRaw];
        events.push({ type: 'pen-down', t: first.t ?? t, point: first });
        for (const p of rest) {
          this.current.push(p);
          events.push({ type: 'pen-move', t: p.t ?? t, point: p });
        }
      }
    } else {
      this.endStroke(t, events);
    }
    this.pending = [];
    this.pendingRaw = [];
  }

  private changeStable(g: Gesture, t: number, events: PenEvent[]): void {
    this.stable = g;
    this.stableSince = t;
    this.firedForHold = false;
    this.candidateFrames = 0;
    events.push({ type: 'gesture', t, gesture: g });
  }

  private onNoHand(t: number, events: PenEvent[]): void {
    if (!this.handPresent) return;
    // Bridge short gaps: keep the state, add no point.
    if (this.lastHandT !== null && t - this.lastHandT < this.maxDropoutMs) return;
    this.handPresent = false;
    if (this.current !== null) this.endStroke(t, events);
    this.stable = 'none';
    this.candidate = 'none';
    this.candidateFrames = 0;
    this.pending = [];
    this.pendingRaw = [];
    events.push({ type: 'hand-lost', t });
  }

  private endStroke(_t: number, events: PenEvent[]): void {
    const live = this.current;
    const raw = this.currentRaw;
    this.current = null;
    this.currentRaw = [];
    if (!live || live.length === 0) return;
    const pts = this.finish === false ? live : finishStroke(raw, this.finish);
    // Pen-down and pen-up times are the live ones: trimming the ink does not move the pen.
    const stroke: TrackedStroke = { points: pts, t0: live[0]?.t ?? 0, t1: live.at(-1)?.t ?? 0 };
    this.strokes.push(stroke);
    events.push({ type: 'pen-up', t: stroke.t1, stroke });
  }

  private checkCommands(t: number, events: PenEvent[]): void {
    if (this.firedForHold) return;
    for (const [command, binding] of this.commands) {
      if (binding.gesture !== this.stable || t - this.stableSince < binding.holdMs) continue;
      this.firedForHold = true;
      if (command === 'undo') this.strokes.pop();
      if (command === 'clear') this.strokes.length = 0;
      if (command === 'cancel') {
        this.current = null;
        this.currentRaw = [];
      }
      events.push({ type: 'command', t, command });
      return;
    }
  }

  /** End any stroke in progress (e.g. when the video stops). */
  flush(t: number): PenEvent[] {
    const events: PenEvent[] = [];
    if (this.current !== null) this.endStroke(t, events);
    return events;
  }
}
