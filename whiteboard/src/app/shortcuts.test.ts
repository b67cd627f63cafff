import { describe, expect, it } from 'vitest';
import { commandFor } from './shortcuts.ts';

describe('shortcuts', () => {
  it('maps tool keys, letters and digits', () => {
    expect(commandFor({ key: 'm' })).toEqual({ kind: 'tool', tool: 'math' });
    expect(commandFor({ key: 'E' })).toEqual({ kind: 'tool', tool: 'eraser' });
    expect(commandFor({ key: '1' })).toEqual({ kind: 'tool', tool: 'select' });
  });

  it('maps undo/redo on Ctrl and ⌘', () => {
    expect(commandFor({ key: 'z', ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(commandFor({ key: 'Z', metaKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(commandFor({ key: 'y', ctrlKey: true })).toEqual({ kind: 'redo' });
  });

  it('nudges farther with Shift and ignores unbound keys', () => {
    expect(commandFor({ key: 'ArrowLeft' })).toEqual({ kind: 'nudge', dx: -1, dy: 0 });
    expect(commandFor({ key: 'ArrowDown', shiftKey: true })).toEqual({
      kind: 'nudge',
      dx: 0,
      dy: 10,
    });
    expect(commandFor({ key: 'q' })).toBeNull();
    expect(commandFor({ key: 'p', altKey: true })).toBeNull();
    expect(commandFor({ key: '!', shiftKey: true })).toEqual({ kind: 'zoomFit' });
  });
});
