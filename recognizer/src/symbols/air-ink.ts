import airNetworks from './air-model.json' with { type: 'json' };
import penModel from './model.json' with { type: 'json' };
import type { SerializedMlp } from './mlp.ts';

/**
 * The symbol model for air ink (the hand → pen path): the two networks of `air-model.json`,
 * trained with 80 % of their samples re-drawn as air ink (`cli/shapes/air-sampling.ts`:
 * 30 fps frames at writing speed, landmark noise, the product's stroke finishing), averaged
 * with the two shipped pen networks. Pass it as `new SymbolClassifier({ model })`.
 *
 * Why the four together (development part of the simulated air-writing, 93 expressions;
 * recognizer README, "Air ink against pen ink"): the air networks alone read more air
 * symbols (lite 68.3 → 71.9 %, full 71.5 → 74.8 %) but not more whole expressions (lite
 * 18 → 16, full 16 → 19); with the pen networks beside them, 19 and 21. Pen ink stays with
 * the pen model: the air networks read it worse (a half-air model: fold 0 core 49.6 → 45.8 %).
 * Its own module, so bundles that never read air ink (the whiteboard) leave it out.
 * Only the pen model's MLPs join: the four networks above are what was measured.
 */
let combined: SerializedMlp | undefined;

export function airInkModel(): SerializedMlp {
  if (combined) return combined;
  const air = airNetworks as SerializedMlp;
  const pen = penModel as SerializedMlp;
  if (air.classes.join('\n') !== pen.classes.join('\n'))
    throw new Error('air-model.json and model.json have different classes: train them together');
  combined = {
    ...air,
    members: [
      ...(air.members ?? []),
      ...(pen.layers.length > 0 ? [pen.layers] : []),
      ...(pen.members ?? []),
    ],
    // The pen model's convolutional member is left out: it has not been measured on air
    // ink yet (the air development part of the last round was not kept on this machine).
    cnns: air.cnns ?? [],
    about: { ...air.about, averagedWith: 'model.json (the pen networks)' },
  };
  return combined;
}
