import type { PersonalSamplesJson, Recognition, SymbolClassifier } from '@motionmath/recognizer';
import type * as RecognizerModule from '@motionmath/recognizer';
import { releaseProxy, wrap } from 'comlink';
import type { Endpoint, Remote } from 'comlink';
import type { Vocabulary } from './school-symbols.ts';

/** One recognized symbol as the draft card shows it: plain data, so it crosses the worker
 * boundary. `strokes` index into the strokes that were recognized. */
export interface RecognizedSymbolInfo {
  readonly label: string;
  readonly strokes: readonly number[];
  readonly box: {
    readonly minX: number;
    readonly minY: number;
    readonly maxX: number;
    readonly maxY: number;
  };
  readonly confidence: number;
  /** Best first; the first is `label`. */
  readonly candidates: readonly { label: string; score: number }[];
}

/** What the whiteboard keeps of a recognition: the best reading, its alternatives and the
 * symbols it was read from. */
export interface RecognitionResult {
  readonly latex: string;
  readonly mathjs: string;
  readonly confidence: number;
  readonly alternatives: readonly { latex: string; mathjs: string; confidence: number }[];
  readonly symbols: readonly RecognizedSymbolInfo[];
}

export type InkStrokes = readonly (readonly { x: number; y: number; t?: number }[])[];

/**
 * What the recognizer worker exposes over comlink (and the inline fallback implements).
 * Calls run in the order they were made, so a recognition asked for after a sample change
 * already uses it.
 */
export interface RecognizerApi {
  recognize(strokes: InkStrokes): RecognitionResult;
  /** Replaces every personal sample (sign-in, or samples trimmed to their caps). */
  importSamples(samples: PersonalSamplesJson): void;
  addSample(label: string, strokes: InkStrokes): void;
  /** Reads the core set or every symbol (`'all'`) from now on; samples are kept. */
  setVocabulary(vocabulary: Vocabulary): void;
}

/** Alternatives offered on a card: more than a handful is noise (and the schema caps at 10). */
export const MAX_ALTERNATIVES = 5;
/** Candidates kept per symbol: the picker lists them first, then the whole vocabulary. */
export const MAX_SYMBOL_CANDIDATES = 5;

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

/** The recognizer skips strokes without a usable point, so its stroke indices count only
 * the kept ones; this maps them back to indices into what we sent. */
function keptStrokeIndices(strokes: InkStrokes): number[] {
  const kept: number[] = [];
  strokes.forEach((s, i) => {
    if (s.some((p) => Number.isFinite(p.x) && Number.isFinite(p.y))) kept.push(i);
  });
  return kept;
}

export function toResult(r: Recognition, strokes: InkStrokes = []): RecognitionResult {
  const kept = keptStrokeIndices(strokes);
  return {
    latex: r.latex,
    mathjs: r.mathjs,
    confidence: clamp01(r.confidence),
    alternatives: r.alternatives
      .slice(0, MAX_ALTERNATIVES)
      .map((a) => ({ latex: a.latex, mathjs: a.mathjs, confidence: clamp01(a.confidence) })),
    symbols: r.symbols.map((s) => ({
      label: s.label,
      strokes: s.strokes.map((i) => kept[i] ?? i),
      box: { minX: s.box.minX, minY: s.box.minY, maxX: s.box.maxX, maxY: s.box.maxY },
      confidence: clamp01(s.confidence),
      candidates: s.candidates
        .slice(0, MAX_SYMBOL_CANDIDATES)
        .map((c) => ({ label: c.label, score: clamp01(c.score) })),
    })),
  };
}

/** The recognizer API over one classifier (replaced, samples and all, when the vocabulary
 * changes): the worker exposes it, the inline fallback calls it directly, so both behave
 * alike. */
export function createRecognizerApi(
  recognizer: typeof RecognizerModule,
  initial: SymbolClassifier,
): RecognizerApi {
  let classifier = initial;
  return {
    recognize: (strokes) =>
      toResult(recognizer.recognizeExpression(strokes, { classifier }), strokes),
    importSamples: (samples) => {
      classifier.clearSamples();
      classifier.importSamples(samples);
    },
    addSample: (label, strokes) => classifier.addSample(label, strokes),
    setVocabulary: (vocabulary) => {
      const next = new recognizer.SymbolClassifier(vocabulary === 'all' ? { vocabulary } : {});
      if (classifier.sampleCount > 0) next.importSamples(classifier.exportSamples());
      classifier = next;
    },
  };
}

/**
 * LaTeX a person typed → the mathjs-style text stored beside it (the solver's own reader,
 * so both agree). Unparseable input keeps an empty mathjs: the solver then reads the LaTeX.
 */
export async function mathjsFromLatex(latex: string): Promise<string> {
  // Loaded on first use: the solver's reader pulls in mathjs, which the board rarely needs.
  const { latexToText } = await import('@motionmath/solver');
  try {
    return latexToText(latex);
  } catch {
    return '';
  }
}

/** Why recognition failed, in words for the person writing (the cause goes to the console). */
export class RecognitionError extends Error {
  override readonly name = 'RecognitionError';
}

/** A worker, or any comlink endpoint (a `MessagePort` in tests). */
type WorkerLike = Endpoint & { terminate?: () => void };

/**
 * Recognizes ink in a Web Worker over comlink when the platform has one (the browser),
 * else inline (Node tests). The worker holds a classifier with the user's personal samples.
 * Every call settles: a throw in the worker rejects it, and a worker that fails to load or
 * crashes rejects every call, pending and later, with a `RecognitionError`.
 */
export class Recognizer {
  private readonly worker: WorkerLike | null = null;
  private readonly remote: Remote<RecognizerApi> | null = null;
  /** Rejects once the worker is lost; every remote call races it. */
  private readonly lost: Promise<never>;
  private loseWorker: (error: RecognitionError) => void = () => {};
  /** Inline mode: calls run in order on one classifier, like in the worker. */
  private inline: Promise<RecognizerApi> | null = null;

  constructor(createWorker?: () => WorkerLike) {
    this.lost = new Promise<never>((_, reject) => {
      this.loseWorker = reject;
    });
    // A rejection nobody awaits yet is not an unhandled one.
    this.lost.catch(() => {});
    if (!createWorker) return;
    try {
      this.worker = createWorker();
      this.worker.addEventListener('error', (event) => {
        console.error('recognizer worker failed:', (event as ErrorEvent).message ?? event);
        this.loseWorker(new RecognitionError('The handwriting reader stopped working.'));
      });
      this.remote = wrap<RecognizerApi>(this.worker);
    } catch (error) {
      console.error('recognizer worker did not start, reading on the page instead:', error);
      this.worker = null;
    }
  }

  private call<T>(run: (api: RecognizerApi | Remote<RecognizerApi>) => T | Promise<T>): Promise<T> {
    if (this.remote) {
      const remote = this.remote;
      return Promise.race([Promise.resolve(run(remote)), this.lost]).catch((error: unknown) => {
        if (error instanceof RecognitionError) throw error;
        console.error('recognizer:', error);
        throw new RecognitionError('The handwriting could not be read.');
      });
    }
    // Loaded lazily: the recognizer and its model stay out of the main bundle.
    const ready = (this.inline ??= import('@motionmath/recognizer').then((module) =>
      createRecognizerApi(module, new module.SymbolClassifier()),
    ));
    const done = ready.then((api) => run(api));
    // Chained, so calls apply in the order they were made.
    this.inline = done.then(
      () => ready,
      () => ready,
    );
    return done;
  }

  recognize(strokes: InkStrokes): Promise<RecognitionResult> {
    if (strokes.length === 0) return Promise.resolve(emptyResult);
    return this.call((api) => api.recognize(strokes));
  }

  /** Replaces the personal samples recognition uses. A bad file is reported, never fatal. */
  setSamples(samples: PersonalSamplesJson): void {
    this.call((api) => api.importSamples(samples)).catch((error: unknown) =>
      console.error('personal samples not loaded:', error),
    );
  }

  /** Adds one personal sample; recognitions asked for afterwards use it. */
  addSample(label: string, strokes: InkStrokes): void {
    this.call((api) => api.addSample(label, strokes)).catch((error: unknown) =>
      console.error('personal sample not added:', error),
    );
  }

  /** Changes the vocabulary; recognitions asked for afterwards use it. */
  setVocabulary(vocabulary: Vocabulary): void {
    this.call((api) => api.setVocabulary(vocabulary)).catch((error: unknown) =>
      console.error('vocabulary not changed:', error),
    );
  }

  destroy(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate?.();
  }
}

const emptyResult: RecognitionResult = {
  latex: '',
  mathjs: '',
  confidence: 0,
  alternatives: [],
  symbols: [],
};
