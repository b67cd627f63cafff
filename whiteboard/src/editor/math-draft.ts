import { CARD_GAP } from '@motionmath/protocol';
import type { Box, Point } from './camera.ts';
import type { Editor } from './editor.ts';
import type { InkStrokes, RecognitionResult } from '../math/recognition.ts';

/**
 * The math pen's draft: the ink waiting to become an equation, its reading, and the flow
 * from writing to confirming. It watches the editor's pending math strokes, reads them
 * once the writer pauses, and turns a confirmed reading into a card beside the ink.
 */

/** Math ink is recognized once the writer pauses this long: symbols are written in bursts. */
export const RECOGNIZE_IDLE_MS = 500;
/**
 * Below this confidence a reading needs one more look: confirming asks once more and the
 * doubtful symbols are highlighted. A first choice (not tuned on data yet): the card
 * already shows readings under 0.5 as uncertain, and a little margin above that costs one
 * extra key press at most.
 */
export const CONFIRM_CONFIDENCE = 0.6;
/** A symbol read with less confidence than this is highlighted as doubtful. */
export const DOUBTFUL_SYMBOL = 0.5;

export interface Draft {
  readonly result: RecognitionResult;
  /** The ink that was recognized; symbols' stroke indices point into it. */
  readonly strokes: InkStrokes;
  readonly strokeIds: readonly string[];
}

export interface MathDraftState {
  readonly draft: Draft | null;
  readonly recognizing: boolean;
  /** Why the ink could not be read, in words for the writer (with what to do). */
  readonly error: string | null;
  /** A doubtful reading was confirmed once: the next confirm adds it. */
  readonly checking: boolean;
}

export interface DraftRecognizer {
  recognize(strokes: InkStrokes): Promise<RecognitionResult>;
}

export interface MathDraftOptions {
  readonly editor: Editor;
  readonly recognizer: DraftRecognizer;
  /** Keeps a corrected symbol's strokes as a personal sample (recognition uses it next). */
  readonly learn: (label: string, strokes: InkStrokes) => void;
  /** LaTeX → the solver's text form, for a reading the recognizer did not give one for. */
  readonly toMathjs: (latex: string) => Promise<string>;
  readonly idleMs?: number;
}

/** What the writer reads when the recognizer fails. */
export const READ_FAILED =
  'This ink could not be read. Try writing it again a little larger, or type it instead (T).';

const IDLE: MathDraftState = { draft: null, recognizing: false, error: null, checking: false };

/** Whether a reading is doubtful enough that confirming it asks once more. */
export function needsCheck(result: RecognitionResult): boolean {
  return result.confidence < CONFIRM_CONFIDENCE;
}

export class MathDraftStore {
  private state: MathDraftState = IDLE;
  private readonly listeners = new Set<() => void>();
  private readonly editor: Editor;
  private readonly options: MathDraftOptions;
  private key = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Bumped for every reading asked for: an answer to an older one is dropped. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(options: MathDraftOptions) {
    this.options = options;
    this.editor = options.editor;
    this.unsubscribe = this.editor.subscribe(() => this.onEditor());
  }

  destroy(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    this.listeners.clear();
  }

  getState(): MathDraftState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<MathDraftState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of [...this.listeners]) l();
  }

  private onEditor(): void {
    const key = this.editor.getState().mathStrokeIds.join(',');
    if (key === this.key) return;
    this.key = key;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.generation++;
    if (key === '') {
      this.set(IDLE);
      return;
    }
    this.set({ recognizing: true, error: null, checking: false });
    this.timer = setTimeout(() => {
      this.timer = null;
      this.read();
    }, this.options.idleMs ?? RECOGNIZE_IDLE_MS);
  }

  private read(): void {
    const ink = this.editor.mathInk();
    if (!ink.box) {
      this.set({ recognizing: false });
      return;
    }
    const generation = ++this.generation;
    this.options.recognizer.recognize(ink.strokes).then(
      (result) => {
        if (generation !== this.generation) return;
        this.set({
          recognizing: false,
          error: null,
          draft: { result, strokes: ink.strokes, strokeIds: ink.ids },
        });
      },
      () => {
        if (generation !== this.generation) return;
        this.set({ recognizing: false, error: READ_FAILED });
      },
    );
  }

  /** Read the ink again now (the vocabulary changed): the card shows the new reading. */
  reread(): void {
    // No ink, or a reading is due anyway once the writer pauses.
    if (this.key === '' || this.timer) return;
    this.set({ recognizing: true, error: null, checking: false });
    this.read();
  }

  /** Where the draft card sits: under all the math ink written so far (it follows the ink). */
  cardAt(): Point {
    const box = this.editor.mathInk().box;
    return box ? { x: box.minX, y: box.maxY + CARD_GAP } : { x: 0, y: 0 };
  }

  /** A chip corrected to `label`: its strokes become a sample, and the draft is read again. */
  correctSymbol(index: number, label: string): void {
    const draft = this.state.draft;
    const symbol = draft?.result.symbols[index];
    if (!draft || !symbol) return;
    const strokes = symbol.strokes.map((i) => draft.strokes[i]).filter((s) => s !== undefined);
    if (strokes.length === 0) return;
    this.options.learn(label, strokes);
    const generation = ++this.generation;
    this.set({ recognizing: true, checking: false });
    this.options.recognizer.recognize(draft.strokes).then(
      (result) => {
        // Newer ink replaced the draft meanwhile: its own recognition wins.
        if (generation !== this.generation || this.state.draft !== draft) return;
        this.set({ recognizing: false, draft: { ...draft, result } });
      },
      () => {
        if (generation !== this.generation) return;
        this.set({ recognizing: false, error: READ_FAILED });
      },
    );
  }

  /**
   * Confirm the reading (or `latex`, a chosen alternative or a typed fix): the equation
   * lands beside its ink. A doubtful reading asks once more first (returns null then).
   */
  async confirm(latex?: string, confidence?: number): Promise<string | null> {
    const draft = this.state.draft;
    if (!draft) return null;
    const { result } = draft;
    const chosen = latex ?? result.latex;
    if (!chosen) return null;
    if (latex === undefined && needsCheck(result) && !this.state.checking) {
      this.set({ checking: true });
      return null;
    }
    const alternatives = [
      { latex: result.latex, mathjs: result.mathjs, confidence: result.confidence },
      ...result.alternatives,
    ].filter((a) => a.latex !== chosen && a.latex !== '');
    const known =
      chosen === result.latex
        ? result.mathjs
        : result.alternatives.find((a) => a.latex === chosen)?.mathjs;
    const mathjs = known ?? (await this.options.toMathjs(chosen));
    if (this.state.draft !== draft) return null;
    const ink: Box | null = this.editor.mathInk().box;
    const id = this.editor.addEquation({
      source: 'whiteboard',
      latex: chosen,
      mathjs,
      confidence: confidence ?? (chosen === result.latex ? result.confidence : 1),
      alternatives: alternatives.slice(0, 5),
      strokeIds: draft.strokeIds,
      ...(ink ? { near: { x: ink.minX, y: ink.maxY + CARD_GAP } } : {}),
    });
    this.editor.clearMathInk(false);
    this.set(IDLE);
    return id;
  }

  /** Step back from "confirm anyway" to look at the reading again. */
  uncheck(): void {
    if (this.state.checking) this.set({ checking: false });
  }

  /** Throw the math ink away. */
  discard(): void {
    this.editor.clearMathInk(true);
    this.set(IDLE);
  }
}
