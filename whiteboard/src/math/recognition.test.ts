import { describe, expect, it } from 'vitest';
import { expose } from 'comlink';
import * as recognizerModule from '@motionmath/recognizer';
import {
  createRecognizerApi,
  mathjsFromLatex,
  RecognitionError,
  Recognizer,
} from './recognition.ts';
import type { RecognizerApi } from './recognition.ts';

const bar = Array.from({ length: 20 }, (_, i) => ({ x: 10, y: i * 3 }));

/** A recognizer talking comlink to `api` over a real MessageChannel, as to the worker. */
function overChannel(api: RecognizerApi): { recognizer: Recognizer; port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  expose(api, port1);
  return { recognizer: new Recognizer(() => port2), port: port2 };
}

describe('recognition glue', () => {
  it('turns typed LaTeX into the solver’s text form, or empty when it cannot be read', async () => {
    expect(await mathjsFromLatex('\\frac{1}{2}+x=3')).toMatch(/1.*\/.*2.*\+.*x.*=.*3/);
    expect(await mathjsFromLatex('\\frac{')).toBe('');
    // The first call loads the solver's reader (mathjs): seconds on a loaded 2-core machine.
  }, 60_000);

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

  it('reads the school symbols once asked, keeping the personal samples', async () => {
    const recognizer = new Recognizer();
    const labels = async (ink: (typeof bar)[]) =>
      (await recognizer.recognize(ink)).symbols.flatMap((s) => s.candidates.map((c) => c.label));
    const school = new Set(recognizerModule.EXTRA_SYMBOLS);
    // A plain vertical bar: a 1 in the core set; with the school symbols a | is possible too.
    expect((await labels([bar])).filter((l) => school.has(l))).toEqual([]);
    const circle = Array.from({ length: 24 }, (_, i) => ({
      x: 60 + 15 * Math.cos((i / 23) * 2 * Math.PI),
      y: 30 + 25 * Math.sin((i / 23) * 2 * Math.PI),
    }));
    recognizer.addSample('7', [circle]);
    recognizer.setVocabulary('all');
    expect(await labels([bar])).toContain('|');
    expect((await recognizer.recognize([circle])).latex).toBe('7');
    recognizer.setVocabulary('core');
    expect(await labels([bar])).not.toContain('|');
  });

  it('over comlink: reads ink like inline, and a throw in the worker rejects that call only', async () => {
    const real = createRecognizerApi(recognizerModule, new recognizerModule.SymbolClassifier());
    let fail = true;
    const { recognizer, port } = overChannel({
      ...real,
      recognize: (strokes) => {
        if (fail) throw new Error('model failed to load');
        return real.recognize(strokes);
      },
    });
    await expect(recognizer.recognize([bar])).rejects.toBeInstanceOf(RecognitionError);
    fail = false;
    const result = await recognizer.recognize([bar]);
    expect(result.latex).toBe((await new Recognizer().recognize([bar])).latex);
    recognizer.destroy();
    port.close();
  });

  it('a worker that fails rejects the pending call and every later one', async () => {
    // The worker never answers (still loading), then reports an error: nothing hangs.
    const never = new Promise<never>(() => {});
    const { recognizer, port } = overChannel({
      recognize: () => never as never,
      importSamples: () => {},
      addSample: () => {},
      setVocabulary: () => {},
    });
    const pending = recognizer.recognize([bar]);
    port.dispatchEvent(new Event('error'));
    await expect(pending).rejects.toThrow('The handwriting reader stopped working.');
    await expect(recognizer.recognize([bar])).rejects.toBeInstanceOf(RecognitionError);
    recognizer.destroy();
    port.close();
  });
});
