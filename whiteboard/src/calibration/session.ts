import type { InkStrokes } from '../math/recognition.ts';

/** The labels the calibration asks for, in order: what people write most on a board
 * (digits, x, y, the operators of an equation), then a few letters. All are classes of the
 * recognizer's core set (`CORE_SYMBOLS`, checked by the unit test); the list is written out
 * so the main bundle does not import the recognizer, which lives in the worker. */
export const CALIBRATION_LABELS: readonly string[] = [
  ...'0123456789',
  'x',
  'y',
  '+',
  '-',
  '=',
  'a',
  'b',
  'n',
  't',
  'z',
];

/** How a label is shown to the person (the recognizer spells minus as "-"). */
export function displaySymbol(label: string): string {
  return label === '-' ? '−' : label;
}

/** One step of the flow: a label and what the person wrote for it (empty if skipped). */
export interface CalibrationState {
  readonly labels: readonly string[];
  readonly index: number;
  /** Strokes per label index; a skipped or unwritten symbol has none. */
  readonly written: readonly InkStrokes[];
  readonly done: boolean;
}

export function startCalibration(labels: readonly string[] = CALIBRATION_LABELS): CalibrationState {
  return { labels, index: 0, written: labels.map(() => []), done: false };
}

export const currentLabel = (s: CalibrationState): string => s.labels[s.index] ?? '';

/** Replaces the ink of the current symbol (the pad shows it as the person writes). */
export function setInk(s: CalibrationState, strokes: InkStrokes): CalibrationState {
  if (s.done) return s;
  const written = s.written.slice();
  written[s.index] = strokes;
  return { ...s, written };
}

/** Keeps what was written and moves on; past the last symbol the flow is done. */
export function next(s: CalibrationState): CalibrationState {
  if (s.done) return s;
  if (s.index + 1 >= s.labels.length) return { ...s, done: true };
  return { ...s, index: s.index + 1 };
}

/** Drops the current symbol's ink and moves on. */
export function skip(s: CalibrationState): CalibrationState {
  return next(setInk(s, []));
}

export function back(s: CalibrationState): CalibrationState {
  if (s.done) return { ...s, done: false };
  return { ...s, index: Math.max(0, s.index - 1) };
}

/** "3 of 20" and how many symbols have ink, for the progress bar. */
export function progress(s: CalibrationState): { step: number; total: number; written: number } {
  return {
    step: s.index + 1,
    total: s.labels.length,
    written: s.written.filter((w) => w.length > 0).length,
  };
}

/** The samples to store, in the order they were asked for. */
export function collectedSamples(s: CalibrationState): { label: string; strokes: InkStrokes }[] {
  return s.labels
    .map((label, i) => ({ label, strokes: s.written[i] ?? [] }))
    .filter((sample) => sample.strokes.length > 0);
}
