/**
 * Generates the shipped symbol model `src/symbols/model.json` (see train-model.ts for what
 * goes in: Hershey fonts and authored shapes only). Deterministic.
 *
 *   npm run train -w recognizer            (writes src/symbols/model.json)
 *   node src/cli/train.ts --out other.json --per-class 300 --epochs 10 --members 1
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SHIPPED_BUILD, buildSymbolModel } from './train-model.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: new URL('../symbols/model.json', import.meta.url).pathname },
    'per-class': { type: 'string', default: String(SHIPPED_BUILD.perClass) },
    epochs: { type: 'string', default: String(SHIPPED_BUILD.epochs) },
    hidden: { type: 'string', default: String(SHIPPED_BUILD.hidden) },
    members: { type: 'string', default: String(SHIPPED_BUILD.members ?? 1) },
    smoothing: { type: 'string', default: String(SHIPPED_BUILD.labelSmoothing ?? 0) },
  },
});
const model = buildSymbolModel({
  perClass: Number(values['per-class']),
  epochs: Number(values.epochs),
  hidden: Number(values.hidden),
  members: Number(values.members),
  labelSmoothing: Number(values.smoothing),
  log: (m) => console.log(m),
});
writeFileSync(values.out, JSON.stringify(model) + '\n');
console.log(`wrote ${values.out}`);
