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
});
