import { FilesetResolver, HandLandmarker } from '@mediapipe/tasks-vision';
import type { ModelVariant } from './messages.ts';

/**
 * MediaPipe HandLandmarker from files inside the extension: the WASM runtime copied from
 * tasks-vision and a model bundle built from @mediapipe/hands at build time. CPU delegate:
 * the GPU path needs WebGL, which is unreliable in software-rendered and headless browsers
 * and not faster for this model on a laptop CPU.
 */
export async function createLandmarker(
  model: ModelVariant,
  runningMode: 'VIDEO' | 'IMAGE',
  numHands: number,
): Promise<HandLandmarker> {
  // Relative to this page, not runtime.getURL: a web-accessible page opened through its
  // dynamic URL has that URL's origin, and its CSP allows only 'self'.
  const base = new URL('/', location.href).href;
  const fileset = await FilesetResolver.forVisionTasks(`${base}mediapipe`);
  return HandLandmarker.createFromOptions(fileset, {
    baseOptions: {
      modelAssetPath: `${base}models/hand_landmarker_${model}.task`,
      delegate: 'CPU',
    },
    runningMode,
    numHands,
  });
}

/** Landmarks as plain arrays (what travels over a port and what the recognizer takes). */
export function toArrays(landmarks: { x: number; y: number; z: number }[][]): number[][][] {
  return landmarks.map((hand) => hand.map((p) => [p.x, p.y, p.z]));
}

/**
 * The reused canvas every frame is drawn into before detection. MediaPipe uploads its
 * input into a WebGL texture; from a `<video>` that upload cost 21–24 ms a frame under
 * software WebGL, against ~5 ms for drawing the frame into a 2D canvas and uploading that
 * (issue 14). `willReadFrequently` keeps the canvas in CPU memory, which is what a
 * software WebGL reads from. The canvas keeps the camera's size: the models crop the hand
 * from it themselves (palm detector 192×192, landmarks 224×224 around the hand), so a
 * smaller canvas only costs landmark precision for a hand ~200 px tall, and it was not
 * faster either (bench, bare landmarker, lite: 68.6 ms p50 at 320×240 against 63.8 ms at
 * 640×480 in the same run, load average 25–37).
 */
export class FrameCanvas {
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;

  /** Draws `source` (width × height) and returns the canvas to pass to detectForVideo. */
  draw(source: CanvasImageSource, width: number, height: number): OffscreenCanvas {
    if (!this.canvas || this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas = new OffscreenCanvas(width, height);
      this.ctx = this.canvas.getContext('2d', { alpha: false, willReadFrequently: true });
    }
    if (!this.ctx) throw new Error('this browser gives no 2D canvas to draw camera frames into');
    this.ctx.drawImage(source, 0, 0, width, height);
    return this.canvas;
  }
}
