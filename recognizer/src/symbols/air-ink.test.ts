import { describe, expect, it } from 'vitest';
import { writeInk } from '../test-ink.ts';
import { airInkModel } from './air-ink.ts';
import { SymbolClassifier } from './classifier.ts';
import shipped from './model.json' with { type: 'json' };

describe('airInkModel: the model for air ink', () => {
  it('averages the air networks with the pen networks, all from permissive sources', () => {
    const model = airInkModel();
    expect(model.classes).toEqual(shipped.classes);
    expect(1 + (model.members?.length ?? 0)).toBe(4);
    // The pen model's convolutional member is not measured on air ink: left out.
    expect(model.cnns ?? []).toHaveLength(0);
    expect(model.about).toMatchObject({ airShare: 0.8, generatedBy: 'src/cli/train.ts' });
    expect(JSON.stringify(model.about)).not.toMatch(/crohme/i);
    expect(airInkModel()).toBe(model); // built once
  });

  it('reads clean symbols, and differently from the pen model', () => {
    const air = new SymbolClassifier({ model: airInkModel() });
    const pen = new SymbolClassifier();
    for (const label of ['7', '2', 'x', '+']) {
      const ink = writeInk([[label, 0, 0, 10, 12]]);
      expect(air.classify(ink).ranked[0]?.label, label).toBe(label);
    }
    const seven = writeInk([['7', 0, 0, 10, 12]]);
    expect(air.classify(seven).ranked[0]?.score).not.toBe(pen.classify(seven).ranked[0]?.score);
  });
});
