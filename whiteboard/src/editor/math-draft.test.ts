import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Recognizer } from '../math/recognition.ts';
import type { RecognitionResult } from '../math/recognition.ts';
import { Editor } from './editor.ts';
import type { PointerSample } from './editor.ts';
import { CONFIRM_CONFIDENCE, MathDraftStore, READ_FAILED } from './math-draft.ts';
import type { DraftRecognizer, MathDraftState } from './math-draft.ts';

const at = (x: number, y: number, time = 0): PointerSample => ({ x, y, pressure: 0.5, time });

function write(editor: Editor) {
  editor.setTool('math');
  editor.pointerDown(at(100, 100));
  for (let i = 1; i <= 20; i++) editor.pointerMove(at(100, 100 + i * 3, i * 16));
  editor.pointerUp(at(100, 160, 400));
}

/** Resolves once the store's state satisfies `ok` (a positive signal, no sleeping). */
function until(store: MathDraftStore, ok: (s: MathDraftState) => boolean) {
  return new Promise<MathDraftState>((resolve) => {
    if (ok(store.getState())) return resolve(store.getState());
    const off = store.subscribe(() => {
      if (!ok(store.getState())) return;
      off();
      resolve(store.getState());
    });
  });
}

function setup(recognizer: DraftRecognizer) {
  const editor = new Editor({ doc: new Y.Doc(), author: 'alice' });
  editor.setViewport({
    width: 1200,
    height: 800,
    insets: { top: 60, right: 0, bottom: 80, left: 0 },
  });
  const learned: string[] = [];
  const store = new MathDraftStore({
    editor,
    recognizer,
    learn: (label) => learned.push(label),
    toMathjs: async (latex) => latex,
    idleMs: 0,
  });
  return { editor, store, learned };
}

const reading = (latex: string, confidence: number): RecognitionResult => ({
  latex,
  mathjs: latex,
  confidence,
  alternatives: [{ latex: 'l', mathjs: 'l', confidence: 0.1 }],
  symbols: [
    {
      label: latex,
      strokes: [0],
      box: { minX: 0, minY: 0, maxX: 1, maxY: 1 },
      confidence,
      candidates: [],
    },
  ],
});

describe('MathDraftStore', () => {
  it('reads the math ink once the writer pauses, and confirming puts the card under the ink', async () => {
    // The real recognizer, made sure of itself: a sure reading goes straight in.
    const real = new Recognizer();
    const { editor, store } = setup({
      recognize: async (strokes) => ({ ...(await real.recognize(strokes)), confidence: 1 }),
    });
    write(editor);
    expect(store.getState().recognizing).toBe(true);
    const { draft } = await until(store, (s) => s.draft !== null);
    expect(draft?.strokeIds).toEqual(editor.getState().mathStrokeIds);
    expect(draft?.result.latex).not.toBe('');
    const ink = editor.mathInk().box;
    const id = await store.confirm();
    expect(id).not.toBeNull();
    const [card] = editor.board.equations;
    expect(card?.strokeIds).toEqual(draft?.strokeIds);
    expect(card?.x).toBe(ink?.minX);
    expect(card?.y).toBeGreaterThan(ink?.maxY ?? Infinity);
    expect(editor.getState().mathStrokeIds).toEqual([]);
    expect(store.getState().draft).toBeNull();
  });

  it('a doubtful reading needs one more confirm, and Escape-like uncheck steps back', async () => {
    const { editor, store } = setup({
      recognize: async () => reading('7', CONFIRM_CONFIDENCE / 2),
    });
    write(editor);
    await until(store, (s) => s.draft !== null);
    expect(await store.confirm()).toBeNull();
    expect(store.getState().checking).toBe(true);
    expect(editor.board.equations).toHaveLength(0);
    store.uncheck();
    expect(await store.confirm()).toBeNull();
    expect(await store.confirm()).not.toBeNull();
    expect(editor.board.equations[0]?.latex).toBe('7');
  });

  it('choosing an alternative or typing a fix is deliberate: no extra step', async () => {
    const { editor, store } = setup({ recognize: async () => reading('7', 0.1) });
    write(editor);
    await until(store, (s) => s.draft !== null);
    expect(await store.confirm('l', 0.1)).not.toBeNull();
    expect(editor.board.equations[0]?.latex).toBe('l');
  });

  it('a recognizer that fails shows an error in words, never "Reading…" forever', async () => {
    const { editor, store } = setup({
      recognize: () => Promise.reject(new Error('worker crashed')),
    });
    write(editor);
    const state = await until(store, (s) => !s.recognizing);
    expect(state.error).toBe(READ_FAILED);
    expect(state.draft).toBeNull();
    store.discard();
    expect(editor.board.strokes).toHaveLength(0);
  });

  it('a corrected symbol is learned and the ink read again', async () => {
    let label = '7';
    const { editor, store, learned } = setup({ recognize: async () => reading(label, 0.9) });
    write(editor);
    await until(store, (s) => s.draft?.result.latex === '7');
    label = '1';
    store.correctSymbol(0, '1');
    await until(store, (s) => s.draft?.result.latex === '1');
    expect(learned).toEqual(['1']);
  });

  it('reads the ink again on request (the vocabulary changed), and not without ink', async () => {
    let label = '7';
    let reads = 0;
    const { editor, store } = setup({
      recognize: async () => {
        reads++;
        return reading(label, 0.9);
      },
    });
    store.reread();
    expect(store.getState().recognizing).toBe(false);
    write(editor);
    await until(store, (s) => s.draft?.result.latex === '7');
    label = '\\int';
    store.reread();
    await until(store, (s) => s.draft?.result.latex === '\\int' && !s.recognizing);
    expect(reads).toBe(2);
  });
});
