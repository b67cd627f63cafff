import type { Stroke } from '../ink/types.ts';
import { rereadOperatorsInLayout } from '../layout/operator-places.ts';
import type { SymbolClassifier } from '../symbols/classifier.ts';
import { boxOf } from '../symbols/features.ts';
import { classifyInContext } from '../symbols/in-context.ts';

/**
 * The labels the recognizer gives to given stroke groups (CROHME's true segmentation):
 * the classifier, the context rules and the operators' places in the layout, as in
 * `recognizeExpression` after segmentation. The symbol rate is measured with it.
 */
export function labelsOfGroups(
  groups: readonly (readonly Stroke[])[],
  classifier: SymbolClassifier,
): string[] {
  const shaped = groups.map((g) => ({
    box: boxOf(g),
    ranked: classifier.classify(g).ranked,
    parts: g.map((st) => boxOf([st])),
  }));
  const read = classifyInContext(shaped).map((candidates, i) => ({
    label: candidates[0]?.label ?? '?',
    box: shaped[i]?.box ?? boxOf([]),
    confidence: candidates[0]?.score ?? 0,
    candidates,
  }));
  return rereadOperatorsInLayout(read).symbols.map((s) => s.label);
}
