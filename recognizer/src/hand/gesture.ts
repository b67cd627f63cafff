import {
  INDEX,
  MIDDLE,
  MIDDLE_PIP,
  PINKY,
  RING,
  THUMB,
  THUMB_TIP,
  INDEX_TIP,
  WRIST,
  angleDeg,
  distance,
  isotropicLandmarks,
  length,
  sub,
} from './landmarks.ts';
import type { HandLandmarks, Vec3 } from './landmarks.ts';

/**
 * Static hand-pose classification from one frame of 21 landmarks.
 *
 * Every feature is a ratio of distances or an angle between bones, so the result does not
 * depend on the hand's size in the frame, its position or its in-plane rotation. The one
 * deliberate exception is thumbs up / down, whose meaning *is* the direction of the thumb.
 * Thresholds were read off the real MediaPipe output in `shared/data/hands/landmarks.json`
 * (both models) with margin on each side; see gesture.test.ts.
 */

export type Gesture =
  'pinch' | 'pointing' | 'open_palm' | 'fist' | 'thumbs_up' | 'thumbs_down' | 'victory' | 'none';

export const GESTURES: readonly Gesture[] = [
  'pinch',
  'pointing',
  'open_palm',
  'fist',
  'thumbs_up',
  'thumbs_down',
  'victory',
  'none',
];

export type FingerState = 'extended' | 'half' | 'curled';

/**
 * A finger is extended when its tip is this much farther from the wrist than its PIP joint.
 * Straight fingers measured 1.23–1.47; a half-bent "hook" index 1.04–1.07.
 */
export const FINGER_EXTENDED_RATIO = 1.15;
/** …and when its two distal joints bend less than this in total (straight: 9–31°). */
export const FINGER_EXTENDED_MAX_BEND_DEG = 60;
/** A finger is curled when tip-to-wrist / PIP-to-wrist is below this (curled: 0.55–0.93). */
export const FINGER_CURLED_RATIO = 1.0;
/** …or when its joints bend more than this (fully curled fingers: 110–190°). */
export const FINGER_CURLED_MIN_BEND_DEG = 110;
/**
 * Thumb is "out" (thumbs up/down) when its tip is this far from the middle finger's PIP,
 * in palm lengths. Tucked thumbs measured 0.18–0.56, extended thumbs 0.78–1.05.
 */
export const THUMB_OUT_MIN_DISTANCE = 0.68;
/** Thumb direction (cosine with image "up") beyond which a thumb counts as up or down. */
export const THUMB_VERTICAL_MIN_COS = 0.5;
/**
 * Pinch starts when thumb tip to index tip is below this many palm lengths. Open hands and
 * fists measured ≥ 0.39, so the pinch must be a clear touch.
 */
export const PINCH_ENTER_RATIO = 0.25;
/** A pinch already held ends only above this (hysteresis against flicker at the boundary). */
export const PINCH_EXIT_RATIO = 0.35;

export interface HandPose {
  gesture: Gesture;
  fingers: { index: FingerState; middle: FingerState; ring: FingerState; pinky: FingerState };
  /** Thumb tip to index tip distance in palm lengths (wrist to middle-finger MCP). */
  pinchRatio: number;
  thumbOut: boolean;
  /** Cosine between the thumb direction and image up (+1 up, −1 down). */
  thumbUp: number;
}

function fingerState(p: Vec3[], finger: readonly [number, number, number, number]): FingerState {
  const [mcp, pip, dip, tip] = finger.map((i) => p[i] as Vec3) as [Vec3, Vec3, Vec3, Vec3];
  const wrist = p[WRIST] as Vec3;
  const dPip = distance(pip, wrist);
  const ratio = dPip === 0 ? 0 : distance(tip, wrist) / dPip;
  const bend = angleDeg(sub(pip, mcp), sub(dip, pip)) + angleDeg(sub(dip, pip), sub(tip, dip));
  if (ratio > FINGER_EXTENDED_RATIO && bend < FINGER_EXTENDED_MAX_BEND_DEG) return 'extended';
  if (ratio < FINGER_CURLED_RATIO || bend > FINGER_CURLED_MIN_BEND_DEG) return 'curled';
  return 'half';
}

export interface ClassifyOptions {
  /** Frame width / height: normalized x is scaled by it so distances are isotropic. */
  aspect?: number;
  /** True when the previous stable gesture was a pinch (uses the wider exit threshold). */
  wasPinching?: boolean;
}

/** Classify one hand; malformed input (wrong length, NaN) yields `none`. */
export function classifyHand(hand: HandLandmarks, options: ClassifyOptions = {}): HandPose {
  const aspect = options.aspect !== undefined && options.aspect > 0 ? options.aspect : 1;
  const p = isotropicLandmarks(hand, aspect);
  const fallback: HandPose = {
    gesture: 'none',
    fingers: { index: 'half', middle: 'half', ring: 'half', pinky: 'half' },
    pinchRatio: Number.POSITIVE_INFINITY,
    thumbOut: false,
    thumbUp: 0,
  };
  if (p === null) return fallback;
  const palm = distance(p[WRIST] as Vec3, p[MIDDLE[0]] as Vec3);
  if (!(palm > 0)) return fallback;
  const fingers = {
    index: fingerState(p, INDEX),
    middle: fingerState(p, MIDDLE),
    ring: fingerState(p, RING),
    pinky: fingerState(p, PINKY),
  };
  const pinchRatio = distance(p[THUMB_TIP] as Vec3, p[INDEX_TIP] as Vec3) / palm;
  const thumbOut =
    distance(p[THUMB_TIP] as Vec3, p[MIDDLE_PIP] as Vec3) / palm > THUMB_OUT_MIN_DISTANCE;
  const thumbVec = sub(p[THUMB[3]] as Vec3, p[THUMB[1]] as Vec3);
  const thumbLen = length(thumbVec);
  const thumbUp = thumbLen === 0 ? 0 : -thumbVec[1] / thumbLen;
  const pose: HandPose = { gesture: 'none', fingers, pinchRatio, thumbOut, thumbUp };

  const pinchLimit = options.wasPinching === true ? PINCH_EXIT_RATIO : PINCH_ENTER_RATIO;
  const { index, middle, ring, pinky } = fingers;
  const othersCurled = middle === 'curled' && ring === 'curled' && pinky === 'curled';
  if (pinchRatio < pinchLimit && index !== 'curled') pose.gesture = 'pinch';
  else if (
    index === 'extended' &&
    middle === 'extended' &&
    ring === 'extended' &&
    pinky === 'extended'
  )
    pose.gesture = 'open_palm';
  else if (index === 'extended' && middle === 'extended' && ring === 'curled' && pinky === 'curled')
    pose.gesture = 'victory';
  else if (index === 'extended' && othersCurled) pose.gesture = 'pointing';
  else if (index === 'curled' && othersCurled) {
    if (!thumbOut) pose.gesture = 'fist';
    else if (thumbUp > THUMB_VERTICAL_MIN_COS) pose.gesture = 'thumbs_up';
    else if (thumbUp < -THUMB_VERTICAL_MIN_COS) pose.gesture = 'thumbs_down';
  }
  return pose;
}
