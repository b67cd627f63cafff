/**
 * MediaPipe hand landmarks: 21 points per hand, `[x, y, z]` normalized to the frame
 * (x, y in 0..1 of the width/height, y down; z relative depth, roughly in x units).
 */

export type Landmark = readonly number[];
export type HandLandmarks = readonly Landmark[];

/** MediaPipe's landmark indices (0 wrist, 4 thumb tip, 8 index tip, …). */
export const WRIST = 0;
export const THUMB = [1, 2, 3, 4] as const;
export const INDEX = [5, 6, 7, 8] as const;
export const MIDDLE = [9, 10, 11, 12] as const;
export const RING = [13, 14, 15, 16] as const;
export const PINKY = [17, 18, 19, 20] as const;
export const THUMB_TIP = 4;
export const INDEX_TIP = 8;
export const MIDDLE_PIP = 10;
export const LANDMARK_COUNT = 21;

export type Vec3 = [number, number, number];

/**
 * Normalized coordinates beyond this are tracker garbage (a real landmark can be a little
 * outside the frame, never 1000 frames away); rejecting them keeps arithmetic finite.
 */
export const MAX_ABS_COORDINATE = 1000;

/**
 * Landmarks in an isotropic space: x is multiplied by the frame aspect (width / height)
 * so that distances and angles are not squashed by a non-square frame. Returns null
 * when the hand is malformed (wrong count or non-finite numbers): a tracker glitch
 * must read as "no hand", never as a gesture.
 */
export function isotropicLandmarks(hand: HandLandmarks, aspect: number): Vec3[] | null {
  if (!Array.isArray(hand) || hand.length !== LANDMARK_COUNT) return null;
  const out: Vec3[] = [];
  for (const p of hand) {
    if (!Array.isArray(p) || p.length < 2) return null;
    const x = p[0];
    const y = p[1];
    const z = p[2] ?? 0;
    if (typeof x !== 'number' || typeof y !== 'number' || typeof z !== 'number') return null;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) return null;
    if (Math.max(Math.abs(x), Math.abs(y), Math.abs(z)) > MAX_ABS_COORDINATE) return null;
    out.push([x * aspect, y, z * aspect]);
  }
  return out;
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function length(v: Vec3): number {
  return Math.hypot(v[0], v[1], v[2]);
}

export function distance(a: Vec3, b: Vec3): number {
  return length(sub(a, b));
}

/** Angle between two vectors in degrees (0 = same direction). */
export function angleDeg(a: Vec3, b: Vec3): number {
  const la = length(a);
  const lb = length(b);
  if (la === 0 || lb === 0) return 0;
  const c = (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / (la * lb);
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}
