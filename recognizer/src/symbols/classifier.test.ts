import { describe, expect, it } from 'vitest';
import { seededRandom, testSeed } from '@motionmath/testkit';
import { SymbolClassifier } from './classifier.ts';
import { CORE_SYMBOLS } from './classes.ts';
import { writeInk } from '../test-ink.ts';

describe('SymbolClassifier', () => {
  it('recognizes clean core glyphs and ranks the truth in its top 3', () => {
    const c = new SymbolClassifier();
    let top1 = 0;
    let top3 = 0;
    const labels = CORE_SYMBOLS.filter((l) => l !== '\\cdot' && l !== '.');
    // Drawn at their natural proportions: a bracket squeezed into a square box is a <.
    const size: Record<string, [number, number]> = { '-': [20, 0.5] };
    for (const b of ['(', ')', '[', ']']) size[b] = [4, 14];
    for (const label of labels) {
      const [w, h] = size[label] ?? [10, 12];
      const r = c.classify(writeInk([[label, 0, 0, w, h]]));
      if (r.ranked[0]?.label === label) top1++;
      if (r.ranked.slice(0, 3).some((x) => x.label === label)) top3++;
      const sum = r.ranked.reduce((s, x) => s + x.score, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
    // These are training prototypes (un-augmented): nearly all must come out right.
    expect(top1 / labels.length).toBeGreaterThan(0.9);
    expect(top3 / labels.length).toBeGreaterThan(0.97);
  });

  it('only outputs its vocabulary (core by default, more with "all")', () => {
    const core = new SymbolClassifier();
    const all = new SymbolClassifier({ vocabulary: 'all' });
    expect(core.labels.every((l) => CORE_SYMBOLS.includes(l))).toBe(true);
    expect(all.labels).toContain('k');
    expect(all.labels).not.toContain('junk');
  });

  it('personal samples change the decision and survive a JSON round trip', () => {
    const seed = testSeed('personal samples');
    const rnd = seededRandom(seed);
    // A user who writes "7" as a bare hook that the network reads as something else.
    const mine = (): { x: number; y: number }[][] => [
      Array.from({ length: 20 }, (_, i) => ({
        x: 10 * Math.sin((i / 19) * Math.PI) + rnd.next() * 0.3,
        y: i + rnd.next() * 0.3,
      })),
    ];
    // One probe, read before, with and after the samples: a fresh random hook can sit on
    // the network's border between two readings (")" and ">"), and the point here is what
    // the samples do to the same ink.
    const probe = mine();
    const c = new SymbolClassifier();
    const before = c.classify(probe).ranked[0]!.label;
    const target = before === '7' ? '4' : '7';
    for (let i = 0; i < 3; i++) c.addSample(target, mine());
    expect(c.classify(probe).ranked[0]!.label).toBe(target);

    const saved = JSON.parse(JSON.stringify(c.exportSamples())) as unknown;
    const d = new SymbolClassifier();
    expect(d.importSamples(saved)).toBe(3);
    expect(d.classify(probe).ranked[0]!.label).toBe(target);
    expect(d.clearSamples(target)).toBe(3);
    expect(d.classify(probe).ranked[0]!.label).toBe(before);
  });

  it('rejects bad samples with clear errors', () => {
    const c = new SymbolClassifier();
    expect(() => c.addSample('', [[{ x: 0, y: 0 }]])).toThrow(/Invalid label/);
    expect(() => c.addSample('x', [[{ x: NaN, y: 0 }]])).toThrow(/at least one point/);
    expect(() => c.importSamples({ format: 'nope' })).toThrow(/personal samples/);
  });
});
