import { describe, expect, it } from 'vitest';
import { readJsonLines, sharedData } from '@motionmath/testkit';
import { evaluate, isCore } from './eval/evaluate.ts';
import type { CrohmeRecord } from './eval/evaluate.ts';
import { CORE_SYMBOLS } from './symbols/classes.ts';
import { SymbolClassifier } from './symbols/classifier.ts';

/**
 * The other unit tests draw ink from the training prototypes themselves (test-ink.ts);
 * these read real handwriting that no part of training saw: CROHME test2013 (other
 * writers than train; CC BY-NC-SA, used to measure only). Floors sit a few points under
 * the shipped model's rates, so a model or rule change that stops reading new writers
 * fails here and not only in the bench.
 */
const file = sharedData('crohme/test2013.jsonl.gz');
/** Isolated core-class symbols, true segmentation, no context (shipped: ~84 %). */
const ISOLATED_TOP1_FLOOR = 0.78;
/** Core expressions read exactly (shipped: ~60 %; 96 expressions, so ±1 is one point). */
const CORE_EXACT_FLOOR = 0.5;
/** Core symbols with the true segmentation and context (shipped: ~94 %). */
const CORE_SYMBOLS_FLOOR = 0.9;
/** Loading and reading 671 expressions on a loaded 2-core machine. */
const TIMEOUT_MS = 120_000;

describe.skipIf(!file.path)(
  `recognition of writers never trained on (test2013) ${file.skipReason ?? ''}`,
  { timeout: TIMEOUT_MS },
  () => {
    const records = file.path ? readJsonLines<CrohmeRecord>(file.path) : [];

    it('classifies isolated symbols of new writers', () => {
      const c = new SymbolClassifier();
      let n = 0;
      let ok = 0;
      for (const rec of records)
        for (const sym of rec.symbols) {
          if (!CORE_SYMBOLS.includes(sym.label) || sym.label === '\\cdot') continue;
          const ink = sym.strokes.map((i) =>
            (rec.strokes[i] ?? []).map((p) => ({ x: p[0] ?? 0, y: p[1] ?? 0 })),
          );
          n++;
          if (c.classify(ink).ranked[0]?.label === sym.label) ok++;
        }
      expect(n).toBeGreaterThan(3000);
      expect(ok / n).toBeGreaterThan(ISOLATED_TOP1_FLOOR);
    });

    it('reads core expressions of new writers end to end', () => {
      const core = records.filter(isCore);
      const s = evaluate(core, { now: () => 0 });
      expect(s.expressions).toBeGreaterThan(90);
      expect(s.exact / s.expressions).toBeGreaterThan(CORE_EXACT_FLOOR);
      expect(s.symbolsCorrect / s.symbols).toBeGreaterThan(CORE_SYMBOLS_FLOOR);
    });
  },
);
