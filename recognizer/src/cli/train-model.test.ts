import { describe, expect, it } from 'vitest';
import { buildSymbolModel } from './train-model.ts';

describe('symbol model generator', () => {
  it('is deterministic: the same options give byte-identical models', () => {
    const small = { perClass: 6, epochs: 1, hidden: 16 };
    const a = JSON.stringify(buildSymbolModel(small));
    const b = JSON.stringify(buildSymbolModel(small));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ format: 'motionmath-mlp-1', about: { seed: 20261125 } });
  });
});
