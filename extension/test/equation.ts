import { latexTokensEqual, recognizeExpression } from '@motionmath/recognizer';
import { readJsonLines } from '@motionmath/testkit';

export interface CrohmeRecord {
  id: string;
  latex: string | null;
  strokes: number[][][];
}

/**
 * The equation: the first CROHME training expression that is a small equation in one
 * letter with an operation to do ("a = 1 + 2"…) and whose clean ink the
 * recognizer reads right. (This test is about the extension, not the recognizer's
 * accuracy, which the recognizer measures itself; its model evolves, so the choice is a
 * rule, not a fixed id.)
 */
const SMALL_EQUATION = /^(?=.*[+-])[a-z0-9+\-= ]+$/;
/**
 * The recognizer reads an air-written "x" as "×" most of the time at camera noise (seen in
 * this test: "\\times+2=3" for "x + 2 = 3"); that is the recognizer's to fix, not what this
 * test is about, so equations in x are skipped.
 */
const AMBIGUOUS_LETTER = 'x';
/** More strokes make a longer video and more chances for one misread symbol. */
const MAX_STROKES = 10;
export type EquationSample = CrohmeRecord & { truth: string };

export function pickEquation(crohmeTrainPath: string): EquationSample {
  for (const r of readJsonLines<CrohmeRecord>(crohmeTrainPath)) {
    const truth = (r.latex ?? '').replace(/\$/g, '').trim();
    const letters = new Set(truth.match(/[a-z]/g) ?? []);
    if (
      !SMALL_EQUATION.test(truth) ||
      letters.size !== 1 ||
      letters.has(AMBIGUOUS_LETTER) ||
      truth.split('=').length !== 2
    )
      continue;
    if (r.strokes.length > MAX_STROKES) continue;
    const clean = recognizeExpression(r.strokes.map((s) => s.map(([x = 0, y = 0]) => ({ x, y }))));
    if (latexTokensEqual(clean.latex, truth)) return { ...r, truth };
  }
  throw new Error('no suitable equation in CROHME train');
}
