import { CORE_SYMBOLS } from '@motionmath/recognizer';
import { describe, expect, it } from 'vitest';
import {
  back,
  CALIBRATION_LABELS,
  collectedSamples,
  currentLabel,
  displaySymbol,
  next,
  progress,
  setInk,
  skip,
  startCalibration,
} from './session.ts';

const stroke = (x: number) => [
  [
    { x, y: 0 },
    { x: x + 1, y: 5 },
  ],
];

describe('calibration session', () => {
  it('asks for digits, x, y, + − = and letters, all recognizer classes', () => {
    expect(CALIBRATION_LABELS.slice(0, 15)).toEqual([
      ...'0123456789'.split(''),
      'x',
      'y',
      '+',
      '-',
      '=',
    ]);
    expect(CALIBRATION_LABELS.length).toBeGreaterThan(15);
    for (const l of CALIBRATION_LABELS) expect(CORE_SYMBOLS).toContain(l);
    expect(displaySymbol('-')).toBe('−');
  });

  it('walks forward and back, keeping what was written', () => {
    let s = startCalibration(['1', '2', '3']);
    expect(currentLabel(s)).toBe('1');
    s = next(setInk(s, stroke(1)));
    expect(currentLabel(s)).toBe('2');
    s = skip(setInk(s, stroke(2)));
    expect(currentLabel(s)).toBe('3');
    s = back(back(s));
    expect(currentLabel(s)).toBe('1');
    expect(s.written[0]).toEqual(stroke(1));
    s = back(s);
    expect(s.index).toBe(0);
    expect(progress(s)).toEqual({ step: 1, total: 3, written: 1 });
  });

  it('is done after the last symbol and collects only written ones', () => {
    let s = startCalibration(['1', '2', '3']);
    s = next(setInk(s, stroke(1)));
    s = skip(s);
    s = next(setInk(s, stroke(3)));
    expect(s.done).toBe(true);
    expect(next(s)).toBe(s);
    expect(setInk(s, stroke(9))).toBe(s);
    expect(collectedSamples(s)).toEqual([
      { label: '1', strokes: stroke(1) },
      { label: '3', strokes: stroke(3) },
    ]);
    const reopened = back(s);
    expect(reopened.done).toBe(false);
    expect(currentLabel(reopened)).toBe('3');
  });
});
