export { classifyHand, GESTURES } from './hand/gesture.ts';
export type { ClassifyOptions, FingerState, Gesture, HandPose } from './hand/gesture.ts';
export type { HandLandmarks, Landmark } from './hand/landmarks.ts';
export { OneEuroFilter, OneEuroFilter2D } from './hand/one-euro.ts';
export type { OneEuroOptions } from './hand/one-euro.ts';
export { DEFAULT_COMMANDS, PenTracker } from './hand/pen-tracker.ts';
export type {
  Command,
  CommandBinding,
  HandFrame,
  PenEvent,
  PenTrackerOptions,
  TrackedStroke,
  WritingMode,
} from './hand/pen-tracker.ts';
export type { InkPoint, Stroke } from './ink/types.ts';
