/**
 * What crosses between the extension's contexts: the tracker port's commands and events
 * (pages cannot send any: the tracker listens only on a `runtime` port, which web pages
 * cannot open to it, never on `window.postMessage`), and the data of the typed messages
 * in `messaging.ts`.
 */

/** Port name prefix: the content script appends the nonce it put in the tracker URL. */
export const TRACKER_PORT_PREFIX = 'motionmath-tracker:';

/**
 * Firefox only: the port name prefix (+ the nonce from its URL) of the port the tracker
 * opens to the background, which pairs it with the overlay's port (`lib/tracker-relay.ts`).
 */
export const TRACKER_RELAY_PREFIX = 'motionmath-tracker-relay:';

export type ModelVariant = 'lite' | 'full';

/** Overlay → tracker. */
export type TrackerCommand =
  /** `numHands`: 1 unless a feature needs two (each extra hand runs the palm detector on every frame). */
  | { type: 'start'; model: ModelVariant; cameraId: string; numHands: number }
  | {
      /**
       * Take frames from the overlay instead of the camera (hands in a <video> on the page).
       * Frames arrive by `postMessage` to the tracker window with this `key`, which only
       * the content script knows (sent over the port); the camera is never touched.
       */
      type: 'start-page-frames';
      model: ModelVariant;
      numHands: number;
      key: string;
    }
  | { type: 'stop' }
  | { type: 'preview'; visible: boolean };

/** One frame of hand landmarks: normalized [x, y, z] × 21 per hand, unmirrored. */
export interface LandmarkFrame {
  type: 'frame';
  /** Frame time (ms, the tracker's clock; monotonic). */
  t: number;
  hands: number[][][];
  width: number;
  height: number;
  /** Time spent in HandLandmarker.detectForVideo for this frame (ms). */
  detectMs: number;
  /** The tracker's frame budget: when its frame callback ran, its own costs, frames skipped. */
  pipeline?: FramePipeline;
}

export interface FramePipeline {
  /** Wall-clock ms (`performance.timeOrigin + now()`) when the tracker took the frame. */
  capturedAt: number;
  /** Drawing the frame into the tracker's reused canvas (ms). */
  drawMs: number;
  /** Camera frames dropped since the previous one because detection was still busy. */
  skipped: number;
}

/** Overlay → tracker window, for the page-video input (the bitmap is transferred). */
export interface PageFrame {
  type: 'motionmath-page-frame';
  key: string;
  bitmap: ImageBitmap;
}

/** Tracker → overlay. */
export type TrackerEvent =
  | LandmarkFrame
  | { type: 'status'; state: 'loading' | 'running' | 'stopped'; model?: ModelVariant }
  | { type: 'error'; message: string };

/** One stroke as sent to the board, in overlay pixels (x right, y down). */
export interface InkStroke {
  points: { x: number; y: number; t: number }[];
}

export interface EquationDraft {
  /** Chosen by the overlay, so a retry from the outbox never duplicates the equation. */
  id: string;
  latex: string;
  mathjs: string;
  confidence: number;
  alternatives: { latex: string; mathjs: string; confidence: number }[];
  strokes: InkStroke[];
  createdAt: number;
}

export type EquationStatus =
  'queued' | 'sent' | 'pending' | 'solving' | 'solved' | 'unsupported' | 'error';

/** Background → overlay: the status (and, once solved, the answer) of an equation it sent. */
export interface EquationUpdate {
  id: string;
  status: EquationStatus;
  answer: string | null;
  error: string | null;
}

export interface LinkStatus {
  /** The board link is synced with the server right now. */
  connected: boolean;
  /** A board is configured (server, token and board chosen). */
  configured: boolean;
  queued: number;
  boardId: string;
  error: string | null;
}
