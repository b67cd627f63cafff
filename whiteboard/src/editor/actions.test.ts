import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SchoolSymbols } from '../math/school-symbols.ts';
import { ACTIONS, action, actionForKey, matchesKey } from './actions.ts';
import type { ActionContext, DialogKind, ExportKind } from './actions.ts';
import { Editor } from './editor.ts';
import { MathDraftStore } from './math-draft.ts';

const id = (key: Parameters<typeof actionForKey>[0]) => actionForKey(key)?.id ?? null;

function context() {
  const editor = new Editor({ doc: new Y.Doc(), author: 'alice' });
  const draft = new MathDraftStore({
    editor,
    recognizer: { recognize: () => Promise.reject(new Error('unused')) },
    learn: () => {},
    toMathjs: async () => '',
  });
  const calls: string[] = [];
  const ctx: ActionContext = {
    editor,
    draft,
    ui: {
      openDialog: (kind: DialogKind) => calls.push(`open ${kind}`),
      toggleDialog: (kind: DialogKind) => calls.push(`toggle ${kind}`),
      closeAll: () => false,
      exportAs: (kind: ExportKind) => calls.push(`export ${kind}`),
      stopFollowing: () => calls.push('stop'),
      renameBoard: () => calls.push('rename'),
    },
    schoolSymbols: new SchoolSymbols(null),
  };
  return { ctx, editor, calls };
}

describe('actions', () => {
  it('maps tool keys, letters and digits, whatever the case', () => {
    expect(id({ key: 'm' })).toBe('tool.math');
    expect(id({ key: 'E', shiftKey: true })).toBe('tool.eraser');
    expect(id({ key: '1' })).toBe('tool.select');
  });

  it('maps undo/redo on Ctrl and ⌘; Shift decides between them', () => {
    expect(id({ key: 'z', ctrlKey: true })).toBe('undo');
    expect(id({ key: 'Z', metaKey: true, shiftKey: true })).toBe('redo');
    expect(id({ key: 'y', ctrlKey: true })).toBe('redo');
    expect(id({ key: 'z' })).toBeNull();
  });

  it('a binding naming Shift wins; Alt and unbound keys do nothing', () => {
    expect(id({ key: '!', shiftKey: true })).toBe('zoomFit');
    expect(id({ key: '1', shiftKey: true })).toBe('zoomFit');
    expect(id({ key: '?', shiftKey: true })).toBe('help');
    expect(id({ key: '+', ctrlKey: true, shiftKey: true })).toBeNull();
    expect(id({ key: '=', ctrlKey: true })).toBe('zoomIn');
    expect(id({ key: 'q' })).toBeNull();
    expect(id({ key: 'p', altKey: true })).toBeNull();
    expect(matchesKey('mod++', { key: '+', ctrlKey: true })).toBe(true);
  });

  it('every action has a unique id, and no two actions share a key', () => {
    expect(new Set(ACTIONS.map((a) => a.id)).size).toBe(ACTIONS.length);
    const keys = ACTIONS.flatMap((a) => a.kbd);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('runs against the editor and the screen: tools, nudges with Shift, dialogs, exports', () => {
    const { ctx, editor, calls } = context();
    actionForKey({ key: 'h' })?.run(ctx);
    expect(editor.getState().tool).toBe('hand');
    const nudge = actionForKey({ key: 'ArrowLeft' });
    expect(nudge?.enabled?.(ctx)).toBe(false);
    actionForKey({ key: 't' })?.run(ctx);
    actionForKey({ key: '?' })?.run(ctx);
    ACTIONS.find((a) => a.id === 'export.svg')?.run(ctx);
    expect(calls).toEqual(['open type', 'toggle help', 'export svg']);
    // Enter confirms only when there is a draft; a viewer cannot type an equation.
    expect(actionForKey({ key: 'Enter' })?.enabled?.(ctx)).toBe(false);
    editor.setReadOnly(true);
    expect(actionForKey({ key: 't' })?.enabled?.(ctx)).toBe(false);
  });

  it('turns the school symbols on and off, shown as checked', () => {
    const { ctx } = context();
    const school = action('schoolSymbols');
    expect(school.checked?.(ctx)).toBe(false);
    school.run(ctx);
    expect(school.checked?.(ctx)).toBe(true);
    expect(ctx.schoolSymbols.vocabulary).toBe('all');
    school.run(ctx);
    expect(ctx.schoolSymbols.vocabulary).toBe('core');
  });
});
