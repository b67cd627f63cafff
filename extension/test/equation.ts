import { latexTokensEqual, recognizeExpression } from '@motionmath/recognizer';
import { readJsonLines } from '@motionmath/testkit';

export interface CrohmeRecord {
  id: string;
  latex: string | null;
  strokes: number[][][];
}

/**
 * The equation: the first CROHME training expression that is a small equation in one
 * letter with a binary operation to do ("x + 2 = 3"…) and whose clean ink the
 * recognizer reads right. (This test is about the extension, not the recognizer's
 * accuracy, which the recognizer measures itself; its model evolves, so the choice is a
 * rule, not a fixed id.)
 */
const SMALL_EQUATION = /^[a-z0-9+\-= ]+$/;
/** A binary + or − between two operands: something for the solver to do (not just "a=-1"). */
const BINARY_OPERATION = /[a-z0-9] ?[+-] ?[a-z0-9]/;
/** More strokes make a longer video and more chances for one misread symbol. */
const MAX_STROKES = 10;
export type EquationSample = CrohmeRecord & { truth: string };

export function pickEquation(crohmeTrainPath: string): EquationSample {
  for (const r of readJsonLines<CrohmeRecord>(crohmeTrainPath)) {
    const truth = (r.latex ?? '').replace(/\$/g, '').trim();
    const letters = new Set(truth.match(/[a-z]/g) ?? []);
    if (
      !SMALL_EQUATION.test(truth) ||
      !BINARY_OPERATION.test(truth) ||
      letters.size !== 1 ||
      truth.split('=').length !== 2
    )
      continue;
    if (r.strokes.length > MAX_STROKES) continue;
    const clean = recognizeExpression(r.strokes.map((s) => s.map(([x = 0, y = 0]) => ({ x, y }))));
    if (latexTokensEqual(clean.latex, truth)) return { ...r, truth };
  }
  throw new Error('no suitable equation in CROHME train');
}
