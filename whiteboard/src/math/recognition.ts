import type { PersonalSamplesJson, Recognition, SymbolClassifier } from '@motionmath/recognizer';
import type * as RecognizerModule from '@motionmath/recognizer';

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

/** Messages to the recognizer worker. They are handled in order, so a recognition sent
 * after a sample change already uses it. */
export type WorkerRequest =
  | { readonly kind: 'recognize'; readonly id: number; readonly strokes: InkStrokes }
  /** Replaces every personal sample (sign-in, or samples trimmed to their caps). */
  | { readonly kind: 'import-samples'; readonly samples: PersonalSamplesJson }
  | { readonly kind: 'add-sample'; readonly label: string; readonly strokes: InkStrokes };

export interface RecognitionResponse {
  readonly id: number;
  readonly result: RecognitionResult;
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

/** Applies one message to a classifier; returns the response when there is one. Shared by
 * the worker and the inline fallback, so both behave alike. */
export function handleRequest(
  recognizer: typeof RecognizerModule,
  classifier: SymbolClassifier,
  request: WorkerRequest,
): RecognitionResponse | null {
  switch (request.kind) {
    case 'recognize':
      return {
        id: request.id,
        result: toResult(
          recognizer.recognizeExpression(request.strokes, { classifier }),
          request.strokes,
        ),
      };
    case 'import-samples':
      classifier.clearSamples();
      classifier.importSamples(request.samples);
      return null;
    case 'add-sample':
      classifier.addSample(request.label, request.strokes);
      return null;
  }
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

/**
 * Recognizes ink in a Web Worker when the platform has one (the browser), else inline
 * (Node tests). The worker holds a classifier with the user's personal samples. Only the
 * latest request matters: older answers are dropped.
 */
export class Recognizer {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, (r: RecognitionResult) => void>();
  /** Inline mode: messages run in order on one classifier, like in the worker. */
  private inline: Promise<{
    module: typeof RecognizerModule;
    classifier: SymbolClassifier;
  }> | null = null;

  constructor(createWorker?: () => Worker) {
    if (createWorker) {
      try {
        this.worker = createWorker();
        this.worker.onmessage = (event: MessageEvent<RecognitionResponse>) => {
          const resolve = this.pending.get(event.data.id);
          this.pending.delete(event.data.id);
          resolve?.(event.data.result);
        };
      } catch {
        this.worker = null;
      }
    }
  }

  private send(request: WorkerRequest): Promise<RecognitionResponse | null> {
    if (this.worker) {
      this.worker.postMessage(request);
      return Promise.resolve(null);
    }
    // Loaded lazily: the recognizer and its model stay out of the main bundle.
    const ready = (this.inline ??= import('@motionmath/recognizer').then((module) => ({
      module,
      classifier: new module.SymbolClassifier(),
    })));
    const done = ready.then(({ module, classifier }) => handleRequest(module, classifier, request));
    // Chained, so messages apply in the order they were sent.
    this.inline = done.then(
      () => ready,
      () => ready,
    );
    return done;
  }

  recognize(strokes: InkStrokes): Promise<RecognitionResult> {
    const id = this.next++;
    if (!this.worker)
      return this.send({ kind: 'recognize', id, strokes }).then(
        (response) => response?.result ?? emptyResult,
      );
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      void this.send({ kind: 'recognize', id, strokes });
    });
  }

  /** Replaces the personal samples recognition uses. */
  setSamples(samples: PersonalSamplesJson): void {
    void this.send({ kind: 'import-samples', samples });
  }

  /** Adds one personal sample; recognitions asked for afterwards use it. */
  addSample(label: string, strokes: InkStrokes): void {
    void this.send({ kind: 'add-sample', label, strokes });
  }

  destroy(): void {
    this.worker?.terminate();
    this.pending.clear();
  }
}

const emptyResult: RecognitionResult = {
  latex: '',
  mathjs: '',
  confidence: 0,
  alternatives: [],
  symbols: [],
};
