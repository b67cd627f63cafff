import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom, sharedData, testSeed } from '@motionmath/testkit';
import { JUNK, SHAPE_CLASSES } from '../symbols/classes.ts';
import { SymbolClassifier } from '../symbols/classifier.ts';
import { featureSize, symbolFeatures } from '../symbols/features.ts';
import { writeInk } from '../test-ink.ts';
import { buildSymbolModel, synthesizer } from './train-model.ts';
import { readSandbox, sandboxBlocksCrohme } from './read-sandbox.ts';

/**
 * Training runs in child processes and parses fonts: generous, so that it holds on a
 * loaded 2-core machine shared by other jobs (the work itself takes seconds).
 */
const TRAIN_TIMEOUT_MS = 300_000;
const train = join(import.meta.dirname, 'train.ts');

describe('symbol model generator', { timeout: TRAIN_TIMEOUT_MS }, () => {
  it('is deterministic: the same options give byte-identical models', () => {
    const small = { perClass: 6, epochs: 1, hidden: 16, handwritingShare: 0.3 };
    const a = JSON.stringify(buildSymbolModel(small));
    const b = JSON.stringify(buildSymbolModel(small));
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ format: 'motionmath-mlp-1', about: { seed: 20261125 } });
  });

  it('on a finer feature grid: deterministic, and the classifier reads it on that grid', () => {
    const fine = { perClass: 6, epochs: 1, hidden: 16, handwritingShare: 0.3, grid: 10 };
    const a = buildSymbolModel(fine);
    expect(JSON.stringify(buildSymbolModel(fine))).toBe(JSON.stringify(a));
    expect(a.grid).toBe(10);
    expect(a.layers[0]?.inputs).toBe(featureSize(10));
    const ranked = new SymbolClassifier({ model: a }).classify(writeInk([['7', 0, 0, 10, 12]]));
    expect(ranked.ranked.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 5);
    // A model whose first layer does not fit its grid is refused.
    expect(() => new SymbolClassifier({ model: { ...a, grid: 8 } })).toThrow(/feature size/);
  });

  it('convolutional members: deterministic, and the classifier reads them beside MLPs', () => {
    const cnn = { grid: 8, channels: [3, 4] as [number, number], hidden: 8, members: 1 };
    const small = { perClass: 4, epochs: 1, hidden: 16, members: 0, cnn };
    const a = buildSymbolModel(small);
    expect(JSON.stringify(buildSymbolModel(small))).toBe(JSON.stringify(a));
    expect(a.layers).toEqual([]);
    expect(a.cnns).toHaveLength(1);
    const mlp = buildSymbolModel({ perClass: 4, epochs: 1, hidden: 16 });
    const ink = writeInk([['7', 0, 0, 10, 12]]);
    for (const model of [a, { ...mlp, cnns: a.cnns }]) {
      const { ranked, junk } = new SymbolClassifier({ model }).classify(ink);
      expect(ranked.reduce((s, x) => s + x.score, 0)).toBeCloseTo(1, 5);
      expect(Number.isFinite(junk)).toBe(true);
    }
    // Averaged, not replaced: the mixed model's scores differ from the MLP's alone.
    const mixed = new SymbolClassifier({ model: { ...mlp, cnns: a.cnns } }).classify(ink);
    const alone = new SymbolClassifier({ model: mlp }).classify(ink);
    expect(mixed.ranked[0]?.score).not.toBeCloseTo(alone.ranked[0]?.score ?? 0, 6);
    // A network that does not fit the features is refused.
    const wrong = { ...a, cnns: [{ ...a.cnns![0]!, grid: 12 }] };
    expect(() => new SymbolClassifier({ model: wrong })).toThrow(/feature size|fit/);
  });

  it('the CLI, training members in parallel threads, writes what the sequential build gives', () => {
    // A convolutional member too: it is trained first, and must still come last.
    const cnn = { grid: 8, channels: [3, 4] as [number, number], hidden: 8, members: 1 };
    const small = { perClass: 6, epochs: 1, hidden: 16, members: 2, labelSmoothing: 0, cnn };
    const out = join(mkdtempSync(join(tmpdir(), 'mm-train-')), 'model.json');
    execFileSync(
      process.execPath,
      [
        train,
        ...['--out', out, '--per-class', '6', '--epochs', '1', '--hidden', '16', '--members', '2'],
        ...['--cnn', '8,3,4,8,1'],
      ],
      { encoding: 'utf8' },
    );
    expect(readFileSync(out, 'utf8')).toBe(JSON.stringify(buildSymbolModel(small)) + '\n');
  });

  it('reads nothing outside the repository (no CROHME): it trains inside a read sandbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-train-'));
    const sandbox = readSandbox(dir, { workers: true });
    // The sandbox works: reading CROHME in it fails (when the data is here to try).
    if (sharedData('crohme/train.jsonl.gz').path) expect(sandboxBlocksCrohme(sandbox)).toBe(true);
    const out = join(dir, 'model.json');
    const args = [
      '--out',
      out,
      '--per-class',
      '3',
      '--epochs',
      '1',
      '--hidden',
      '8',
      '--members',
      '2',
      '--cnn',
      '8,3,4,8,1',
    ];
    execFileSync(process.execPath, [...sandbox, train, ...args, '--handwriting', '0.3'], {
      stdio: 'pipe',
    });
    const model = JSON.parse(readFileSync(out, 'utf8')) as { about: { sources: string[] } };
    expect(model.about.sources).toContain('@fontsource/caveat');
    expect(model.about.sources.join(' ')).not.toMatch(/crohme/i);
  });
});

describe('training-data synthesizer', { timeout: TRAIN_TIMEOUT_MS }, () => {
  const seed = testSeed('synthesizer');
  const classes = [...SHAPE_CLASSES];

  it(`draws every class and junk as finite, non-degenerate ink (seed ${seed})`, () => {
    const s = synthesizer(classes, seededRandom(seed), { handwritingShare: 0.3 });
    for (const label of classes) {
      for (let k = 0; k < 5; k++) {
        const ink = label === JUNK ? s.junk() : s.sample(label);
        expect(ink.length, label).toBeGreaterThan(0);
        const pts = ink.flat();
        for (const p of pts) expect(p.every(Number.isFinite), label).toBe(true);
        const xs = pts.map((p) => p[0]);
        const ys = pts.map((p) => p[1]);
        const size = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
        // A dot may be one point: a tap, and the skeleton of a round dot glyph is one
        // pixel. Its features must still be finite. Every other symbol has extent.
        if (label === '.') {
          const features = symbolFeatures(ink.map((st) => st.map(([x, y]) => ({ x, y }))));
          expect(features.every(Number.isFinite), label).toBe(true);
        } else expect(size, label).toBeGreaterThan(0);
      }
    }
  });

  it(`is deterministic given the seed, and varies between samples (seed ${seed})`, () => {
    const a = synthesizer(classes, seededRandom(seed), { handwritingShare: 0.3 });
    const b = synthesizer(classes, seededRandom(seed), { handwritingShare: 0.3 });
    const draws = ['2', '7', 'x', '\\sqrt'].map((l) => [a.sample(l), b.sample(l)] as const);
    for (const [x, y] of draws) expect(x).toEqual(y);
    expect(a.sample('2')).not.toEqual(a.sample('2'));
  });

  it('draws from the traced handwriting fonts only when asked', () => {
    const fonts = synthesizer(classes, seededRandom(seed), { handwritingShare: 0.3 });
    const plain = synthesizer(classes, seededRandom(seed), { handwritingShare: 0 });
    expect(fonts.sources('8').handwriting).toBe(25);
    expect(plain.sources('8')).toMatchObject({ handwriting: 0 });
    expect(plain.sources('8').hershey).toBe(fonts.sources('8').hershey);
    // √ and π are in few handwriting fonts: the other sources still cover them.
    expect(fonts.sources('\\sqrt').authored + fonts.sources('\\sqrt').hershey).toBeGreaterThan(0);
  });
});
