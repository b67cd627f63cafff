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
export { recognizeExpression, MAX_STROKES, MAX_POINTS_PER_STROKE } from './recognize.ts';
export type {
  ExpressionCandidate,
  Recognition,
  RecognizeOptions,
  RecognizedSymbol,
} from './recognize.ts';
export { SymbolClassifier } from './symbols/classifier.ts';
export { airInkModel } from './symbols/air-ink.ts';
export type {
  ClassifierOptions,
  PersonalSample,
  PersonalSamplesJson,
  ShapeResult,
  SymbolScore,
} from './symbols/classifier.ts';
export { CORE_SYMBOLS, EXTRA_SYMBOLS } from './symbols/classes.ts';
export { segmentStrokes } from './symbols/segment.ts';
export type { SegmentedSymbol } from './symbols/segment.ts';
export { parseLayout } from './layout/parse.ts';
export type { LayoutNode, LayoutSymbol } from './layout/parse.ts';
export { toLatex, toMathjs } from './layout/emit.ts';
export { latexEditDistance, latexTokensEqual, normalizeLatex } from './eval/latex-compare.ts';
export {
  recognizeWithVision,
  visionLatex,
  DEFAULT_MIN_LOCAL_CONFIDENCE,
} from './vision/vision-backend.ts';
export type { ChatClient, VisionMessage, VisionOptions } from './vision/vision-backend.ts';
export { renderStrokesPng } from './vision/render-png.ts';
