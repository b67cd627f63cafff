import { describe, expect, it } from 'vitest';
import {
  HANDWRITING_FONTS,
  glyphOutline,
  handwritingFamilies,
  handwritingPrototypes,
  outlineToStrokes,
} from './handwriting-fonts.ts';

/** Parsing 25 families' fonts takes seconds; allow for a loaded 2-core machine. */
const FONT_TIMEOUT_MS = 120_000;
/** A traced digit has a few strokes; cursive faces (homemade-apple) loop into up to ~8. */
const MAX_DIGIT_STROKES = 9;

describe('handwriting fonts (@fontsource, traced to strokes)', { timeout: FONT_TIMEOUT_MS }, () => {
  it('loads every family, each under a permissive licence', () => {
    const families = handwritingFamilies();
    expect(families.map((f) => f.name)).toEqual([...HANDWRITING_FONTS]);
    for (const f of families) {
      expect(['OFL-1.1', 'Apache-2.0']).toContain(f.licence);
      expect(f.faces.length).toBeGreaterThan(0);
    }
  });

  it('traces the digits of every family into a few strokes of finite points', () => {
    for (const family of handwritingFamilies())
      for (const ch of '0123456789') {
        const outline = glyphOutline(family.faces, ch);
        expect(outline, `${family.name} ${ch}`).not.toBeNull();
        const strokes = outlineToStrokes(outline!);
        expect(strokes.length, `${family.name} ${ch}`).toBeGreaterThanOrEqual(1);
        expect(strokes.length, `${family.name} ${ch}`).toBeLessThanOrEqual(MAX_DIGIT_STROKES);
        for (const s of strokes) for (const p of s) expect(p.every(Number.isFinite)).toBe(true);
      }
  });

  it('draws a 1 as a mostly vertical stroke and a − as a horizontal one', () => {
    const extent = (strokes: [number, number][][]): [number, number] => {
      const pts = strokes.flat();
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      return [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    };
    for (const proto of handwritingPrototypes('-')) {
      const [w, h] = extent(proto);
      expect(w).toBeGreaterThan(2 * h);
    }
    const ones = handwritingPrototypes('1');
    expect(ones.length).toBe(HANDWRITING_FONTS.length);
    const tall = ones.filter((p) => {
      const [w, h] = extent(p);
      return h > 1.5 * w;
    });
    expect(tall.length).toBeGreaterThan(ones.length * 0.6);
  });

  it('gives the same strokes every time (training is byte-for-byte reproducible)', () => {
    const family = handwritingFamilies()[0]!;
    const a = outlineToStrokes(glyphOutline(family.faces, '8')!);
    const b = outlineToStrokes(glyphOutline(family.faces, '8')!);
    expect(a).toEqual(b);
  });
});
