import { describe, expect, it } from 'vitest';
import { SymbolClassifier } from '@motionmath/recognizer';
import { readJsonLines, sharedData } from '@motionmath/testkit';
import { PenSession } from './pen-session.ts';
import { smoothingFor } from './smoothing.ts';

interface AirRecord {
  id: string;
  model: string;
  width: number;
  height: number;
  frames: { t: number; hands: number[][][] }[];
  strokesTruth: [number, number][][];
}

const file = sharedData('airwriting/airwriting.jsonl.gz');
const records = file.path
  ? readJsonLines<AirRecord>(file.path)
      .filter((r) => r.model === 'full')
      .slice(0, 5)
  : [];
/**
 * Pen-space tolerance (frame heights) for where the first stroke starts: ~19 px at 480,
 * covering MediaPipe's constant ~4 px offset, One Euro smoothing and a frame of delay.
 */
const START_TOLERANCE = 0.04;

function session(handedness: 'right' | 'left' = 'right', aspect = 4 / 3, schoolSymbols = false) {
  return new PenSession({
    mode: 'point',
    handedness,
    smoothing: smoothingFor(3),
    aspect,
    schoolSymbols,
  });
}

/** Symbols only the school vocabulary has (sums, integrals, |x|, angles). */
const SCHOOL = ['\\theta', '\\int', '\\sum', '|', '\\infty', 's'];

describe('PenSession vocabulary', () => {
  it('reads the core set by default and the school symbols when asked', () => {
    expect(session().labels).toEqual(expect.arrayContaining(['x', '7', '\\pi']));
    for (const label of SCHOOL) expect(session().labels).not.toContain(label);
    expect(session('right', 4 / 3, true).labels).toEqual(expect.arrayContaining(SCHOOL));
  });

  it('switches on a running session, also with personal samples, and back', () => {
    const s = session();
    const teacher = new SymbolClassifier();
    teacher.addSample('7', [
      [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 0.4, y: 1 },
      ],
    ]);
    expect(s.useSamples(JSON.parse(JSON.stringify(teacher.exportSamples())))).toBe(1);
    s.setSchoolSymbols(true);
    expect(s.labels).toEqual(expect.arrayContaining(SCHOOL));
    // Samples given after the switch keep the school vocabulary (that samples given
    // before it are kept is checked on real ink above).
    expect(s.useSamples(teacher.exportSamples())).toBe(1);
    expect(s.labels).toEqual(expect.arrayContaining(SCHOOL));
    s.setSchoolSymbols(false);
    expect(s.labels).not.toContain('\\int');
  });
});

describe.skipIf(!file.path)(
  `PenSession on real MediaPipe air-writing ${file.skipReason ?? ''}`,
  () => {
    it.each(records.map((r) => [r.id, r] as const))('%s: strokes come out mirrored', (_id, rec) => {
      const aspect = rec.width / rec.height;
      const s = session('right', aspect);
      for (const f of rec.frames) s.push(f.t, f.hands);
      expect(s.strokes.length).toBeGreaterThan(0);
      // Where writing starts: the camera image is mirrored, so x in pen space is
      // aspect·(1 − x_image). Unmirrored, the start would be on the other side.
      const start = s.strokes[0]![0]!;
      const [tx, ty] = rec.strokesTruth[0]![0]!;
      expect(Math.abs(start.x - aspect * (1 - tx))).toBeLessThan(START_TOLERANCE);
      expect(Math.abs(start.y - ty)).toBeLessThan(START_TOLERANCE);
      expect(Math.abs(start.x - aspect * tx)).toBeGreaterThan(START_TOLERANCE);
    });

    it("reads with the user's personal samples once given, and ignores a bad file", () => {
      const rec = records[0]!;
      const s = session('right', rec.width / rec.height);
      for (const f of rec.frames) s.push(f.t, f.hands);
      const before = s.recognize();
      const symbol = before.symbols[0]!;
      // Teach this ink as another letter or digit (size rules would veto a dot or a
      // bracket), as a correction on the whiteboard would, and pass the file the way the
      // background delivers it.
      const taught = ['7', 'z', 'x'].find((l) => l !== symbol.label) ?? 'x';
      expect(taught).not.toBe(symbol.label);
      const teacher = new SymbolClassifier();
      teacher.addSample(
        taught,
        symbol.strokes.map((i) => s.strokes[i]!),
      );
      expect(s.useSamples({ format: 'not ours' })).toBe(0);
      expect(s.recognize().latex).toBe(before.latex);
      expect(s.useSamples(JSON.parse(JSON.stringify(teacher.exportSamples())))).toBe(1);
      const after = s.recognize();
      expect(after.symbols.find((x) => x.strokes.includes(symbol.strokes[0]!))?.label).toBe(taught);
      // Turning the school symbols on keeps the samples and the ink.
      s.setSchoolSymbols(true);
      expect(s.labels).toContain('\\int');
      const school = s.recognize();
      expect(school.symbols.find((x) => x.strokes.includes(symbol.strokes[0]!))?.label).toBe(
        taught,
      );
    });
  },
);

describe('PenSession hand choice', () => {
  /** A pointing hand (index extended, others curled) with its wrist at (x, 0.8). */
  function pointingHand(x: number): number[][] {
    const hand: number[][] = Array.from({ length: 21 }, () => [x, 0.8, 0]);
    const set = (i: number, dx: number, dy: number) => (hand[i] = [x + dx, 0.8 + dy, 0]);
    [
      [1, -0.05, -0.05],
      [2, -0.08, -0.1],
      [3, -0.07, -0.14],
      [4, -0.04, -0.16],
      [5, -0.03, -0.2],
      [6, -0.03, -0.3],
      [7, -0.03, -0.37],
      [8, -0.03, -0.44],
      [9, 0, -0.2],
      [10, 0, -0.27],
      [11, 0, -0.22],
      [12, 0, -0.18],
      [13, 0.03, -0.19],
      [14, 0.03, -0.25],
      [15, 0.03, -0.2],
      [16, 0.03, -0.17],
      [17, 0.06, -0.17],
      [18, 0.06, -0.22],
      [19, 0.06, -0.18],
      [20, 0.06, -0.15],
    ].forEach(([i = 0, dx = 0, dy = 0]) => set(i, dx, dy));
    return hand;
  }

  it.each([
    ['right', 0.3],
    ['left', 0.7],
  ] as const)('a %s-handed writer writes with the hand at image x %s', (handedness, imageX) => {
    const s = session(handedness);
    for (let i = 0; i < 10; i++) s.push(i * 33, [pointingHand(0.3), pointingHand(0.7)]);
    const cursor = s.cursor;
    expect(cursor).not.toBeNull();
    // Cursor at the chosen hand's index tip, mirrored into pen space.
    expect(cursor?.point.x ?? 0).toBeCloseTo((4 / 3) * (1 - (imageX - 0.03)), 1);
  });
});

describe('smoothingFor', () => {
  it('is monotonic in sensitivity, clamped, and step 3 is the recognizer default', () => {
    const steps = [0, 1, 2, 3, 4, 5, 9].map(smoothingFor);
    expect(steps[0]).toEqual(steps[1]);
    expect(steps[6]).toEqual(steps[5]);
    expect(steps[3]).toEqual({ minCutoff: 2, beta: 40 });
    for (let i = 2; i <= 5; i++) {
      expect(steps[i]!.minCutoff).toBeGreaterThan(steps[i - 1]!.minCutoff);
      expect(steps[i]!.beta).toBeGreaterThan(steps[i - 1]!.beta);
    }
  });
});
