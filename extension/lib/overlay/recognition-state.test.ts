import { describe, expect, it } from 'vitest';
import type { Recognition } from '@motionmath/recognizer';
import { BOARD_SCALE, RecognitionState } from './recognition-state.ts';

function reading(latex: string, alternatives: string[] = []): Recognition {
  return {
    latex,
    mathjs: latex,
    confidence: 0.8,
    alternatives: alternatives.map((a, i) => ({ latex: a, mathjs: a, confidence: 0.1 / (i + 1) })),
  } as unknown as Recognition;
}

describe('RecognitionState', () => {
  it('an empty reading counts as nothing read', () => {
    const state = new RecognitionState();
    expect(state.set(reading(''))).toBeNull();
    expect(state.current).toBeNull();
    expect(state.draft([], 'id', 0)).toBeNull();
  });

  it('a picked alternative becomes the reading; the old best joins the alternatives', () => {
    const state = new RecognitionState();
    state.set(reading('x+2=3', ['x+2=8', 'x+z=3']));
    const picked = state.pick('x+z=3');
    expect(picked?.latex).toBe('x+z=3');
    expect(picked?.alternatives.map((a) => a.latex)).toEqual(['x+2=3', 'x+2=8']);
    expect(state.pick('not offered')).toBeNull();
    expect(state.current?.latex).toBe('x+z=3');
  });

  it('the draft carries the reading and the ink in board px', () => {
    const state = new RecognitionState();
    state.set(reading('1+1', ['7+1']));
    const draft = state.draft([[{ x: 0.5, y: 0.25, t: 10 }]], 'eq-1', 1234);
    expect(draft).toMatchObject({ id: 'eq-1', latex: '1+1', createdAt: 1234 });
    expect(draft?.alternatives.map((a) => a.latex)).toEqual(['7+1']);
    expect(draft?.strokes).toEqual([
      { points: [{ x: 0.5 * BOARD_SCALE, y: 0.25 * BOARD_SCALE, t: 10 }] },
    ]);
    state.clear();
    expect(state.current).toBeNull();
  });
});
