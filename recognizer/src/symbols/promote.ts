import type { SymbolScore } from './classifier.ts';

/**
 * The context rules' one move: the best runner-up (after the top reading) that `ok`
 * allows and that scores at least `min` becomes the reading; without one, the candidates
 * stay as they are.
 */
export function promoteBest(
  c: readonly SymbolScore[],
  ok: (label: string) => boolean,
  min: number,
): SymbolScore[] {
  const k = c.findIndex((x, i) => i > 0 && ok(x.label) && x.score >= min);
  return k > 0 ? [c[k] as SymbolScore, ...c.filter((_, i) => i !== k)] : [...c];
}
