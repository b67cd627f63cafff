import type { Recognition } from '@motionmath/recognizer';

/** What the whiteboard keeps of a recognition: the best reading and its alternatives. */
export interface RecognitionResult {
  readonly latex: string;
  readonly mathjs: string;
  readonly confidence: number;
  readonly alternatives: readonly { latex: string; mathjs: string; confidence: number }[];
}

export interface RecognitionRequest {
  readonly id: number;
  readonly strokes: readonly (readonly { x: number; y: number; t?: number }[])[];
}

export interface RecognitionResponse {
  readonly id: number;
  readonly result: RecognitionResult;
}

/** Alternatives offered on a card: more than a handful is noise (and the schema caps at 10). */
export const MAX_ALTERNATIVES = 5;

const clamp01 = (n: number) => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export function toResult(r: Recognition): RecognitionResult {
  return {
    latex: r.latex,
    mathjs: r.mathjs,
    confidence: clamp01(r.confidence),
    alternatives: r.alternatives
      .slice(0, MAX_ALTERNATIVES)
      .map((a) => ({ latex: a.latex, mathjs: a.mathjs, confidence: clamp01(a.confidence) })),
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

/**
 * Recognizes ink in a Web Worker when the platform has one (the browser), else inline
 * (Node tests). Only the latest request matters: older answers are dropped.
 */
export class Recognizer {
  private worker: Worker | null = null;
  private next = 1;
  private readonly pending = new Map<number, (r: RecognitionResult) => void>();

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

  recognize(strokes: RecognitionRequest['strokes']): Promise<RecognitionResult> {
    // Loaded lazily: the recognizer and its model stay out of the main bundle.
    if (!this.worker)
      return import('@motionmath/recognizer').then((r) => toResult(r.recognizeExpression(strokes)));
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker?.postMessage({ id, strokes } satisfies RecognitionRequest);
    });
  }

  destroy(): void {
    this.worker?.terminate();
    this.pending.clear();
  }
}
