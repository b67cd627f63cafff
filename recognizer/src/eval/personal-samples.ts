import { SymbolClassifier } from '../symbols/classifier.ts';
import type { ClassifierOptions, PersonalSample } from '../symbols/classifier.ts';
import { isInkPoint } from '../ink/types.ts';
import { toStrokes } from './evaluate.ts';
import type { CrohmeRecord } from './evaluate.ts';

/**
 * User-dependent evaluation (measurement only): a user who corrected up to K symbols of
 * each kind earlier is simulated by personal samples cut, with CROHME's true
 * segmentation, from the same writer's other expressions. The expression being
 * evaluated never contributes (leave one expression out). Nothing here ships: the
 * classifier holding CROHME samples lives only for one evaluated expression.
 */

/**
 * Up to `perLabel` samples of each label in `vocabulary`, taken in file order (records,
 * then symbols within a record) from the records of `target`'s writer other than
 * `target` itself. A record without a writer gets none: its writer is unknown.
 */
export function selectPersonalSamples(
  pool: readonly CrohmeRecord[],
  target: CrohmeRecord,
  perLabel: number,
  vocabulary: ReadonlySet<string>,
): PersonalSample[] {
  if (perLabel <= 0 || target.writer === undefined) return [];
  const takenPerLabel = new Map<string, number>();
  const samples: PersonalSample[] = [];
  for (const record of pool) {
    if (record.writer !== target.writer || record.id === target.id) continue;
    const strokes = toStrokes(record);
    for (const symbol of record.symbols) {
      const taken = takenPerLabel.get(symbol.label) ?? 0;
      if (!vocabulary.has(symbol.label) || taken >= perLabel) continue;
      const group = symbol.strokes
        .map((i) => (strokes[i] ?? []).filter(isInkPoint))
        .filter((stroke) => stroke.length > 0);
      if (group.length === 0) continue;
      takenPerLabel.set(symbol.label, taken + 1);
      samples.push({ label: symbol.label, strokes: group });
    }
  }
  return samples;
}

/** A fresh classifier that knows `samples` as the user's personal samples. */
export function classifierWithSamples(
  samples: readonly PersonalSample[],
  options: ClassifierOptions = {},
): SymbolClassifier {
  const classifier = new SymbolClassifier(options);
  for (const sample of samples) classifier.addSample(sample.label, sample.strokes);
  return classifier;
}
