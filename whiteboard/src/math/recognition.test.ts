import { describe, expect, it } from 'vitest';
import { mathjsFromLatex, Recognizer } from './recognition.ts';

describe('recognition glue', () => {
  it('turns typed LaTeX into the solver’s text form, or empty when it cannot be read', async () => {
    expect(await mathjsFromLatex('\\frac{1}{2}+x=3')).toMatch(/1.*\/.*2.*\+.*x.*=.*3/);
    expect(await mathjsFromLatex('\\frac{')).toBe('');
  });

  it('recognizes inline when there is no worker, with confidence in 0..1', async () => {
    const recognizer = new Recognizer();
    const stroke = Array.from({ length: 20 }, (_, i) => ({ x: 10, y: i * 3 }));
    const result = await recognizer.recognize([stroke]);
    expect(result.latex.length).toBeGreaterThan(0);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    const empty = await recognizer.recognize([]);
    expect(empty.latex).toBe('');
  });

  it('reports the symbols with indices into the strokes sent, and learns a personal sample', async () => {
    const recognizer = new Recognizer();
    // A vertical bar (a 1), an empty stroke the recognizer skips, then a small circle.
    const bar = Array.from({ length: 20 }, (_, i) => ({ x: 10, y: i * 3 }));
    const circle = Array.from({ length: 24 }, (_, i) => ({
      x: 60 + 15 * Math.cos((i / 23) * 2 * Math.PI),
      y: 30 + 25 * Math.sin((i / 23) * 2 * Math.PI),
    }));
    const ink = [bar, [], circle];
    const before = await recognizer.recognize(ink);
    expect(before.symbols.flatMap((s) => s.strokes).sort()).toEqual([0, 2]);
    const ring = before.symbols.find((s) => s.strokes.includes(2));
    expect(ring?.candidates[0]?.label).toBe(ring?.label);
    // Teach the circle as whatever the recognizer thought least likely: it now wins.
    const taught = ring?.candidates.at(-1)?.label ?? 'x';
    expect(taught).not.toBe(ring?.label);
    recognizer.addSample(taught, [circle]);
    const after = await recognizer.recognize(ink);
    expect(after.symbols.find((s) => s.strokes.includes(2))?.label).toBe(taught);
  });
});
