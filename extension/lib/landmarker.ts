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
