import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTHORED, parseShape } from './authored.ts';
import { fontPrototypes } from './fonts.ts';

/** The school vocabulary (issue 13, point 4): what the solver's sums, limits, integrals
 * and absolute values need, beyond the letters. */
const SCHOOL = ['\\theta', '\\alpha', '\\beta', '\\infty', '\\int', '\\sum', '\\rightarrow', '|'];

describe('school symbols', () => {
  it.each(SCHOOL)('%s has authored allographs and a Hershey glyph', (label) => {
    const authored = (AUTHORED[label] ?? []).map(parseShape);
    expect(authored.length).toBeGreaterThanOrEqual(4);
    for (const shape of authored)
      for (const stroke of shape) {
        expect(stroke.length).toBeGreaterThanOrEqual(2);
        expect(stroke.flat().every(Number.isFinite)).toBe(true);
      }
    expect(fontPrototypes(label).length).toBeGreaterThanOrEqual(1);
  });

  it('are classes of the shipped model', () => {
    const model = JSON.parse(
      readFileSync(new URL('../../symbols/model.json', import.meta.url), 'utf8'),
    ) as { classes: string[] };
    for (const label of SCHOOL) expect(model.classes).toContain(label);
  });
});
