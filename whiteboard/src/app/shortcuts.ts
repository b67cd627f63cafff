import type { Tool } from '../editor/editor.ts';

/** Keyboard shortcuts, as data: the help panel and the handler read the same table. */

export type Command =
  | { kind: 'tool'; tool: Tool }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'delete' }
  | { kind: 'selectAll' }
  | { kind: 'escape' }
  | { kind: 'zoomIn' }
  | { kind: 'zoomOut' }
  | { kind: 'zoomReset' }
  | { kind: 'zoomFit' }
  | { kind: 'typeEquation' }
  | { kind: 'nudge'; dx: number; dy: number }
  | { kind: 'help' };

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

export const TOOL_KEYS: Record<Tool, readonly string[]> = {
  select: ['v', '1'],
  pen: ['p', '2'],
  math: ['m', '3'],
  eraser: ['e', '4'],
  hand: ['h', '5'],
};

/** Shift+arrow moves this many times farther than an arrow alone. */
const BIG_NUDGE = 10;

export const SHORTCUT_HELP: readonly (readonly [string, string])[] = [
  ['V / 1', 'Select'],
  ['P / 2', 'Pen'],
  ['M / 3', 'Math pen'],
  ['E / 4', 'Eraser'],
  ['H / 5, or hold Space', 'Hand (pan)'],
  ['T', 'Type an equation'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'Undo / redo'],
  ['Delete', 'Delete selection'],
  ['Ctrl+A', 'Select all'],
  ['Arrows', 'Nudge selection'],
  ['Ctrl + / Ctrl −, Ctrl+0', 'Zoom in / out, reset'],
  ['Shift+1', 'Zoom to fit'],
  ['Enter / Esc', 'Confirm / discard recognized math'],
  ['?', 'This help'],
];

/** The command a key press means on the canvas, or null. */
export function commandFor(e: KeyInput): Command | null {
  const mod = e.ctrlKey === true || e.metaKey === true;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === 'z') return e.shiftKey === true ? { kind: 'redo' } : { kind: 'undo' };
    if (key === 'y') return { kind: 'redo' };
    if (key === 'a') return { kind: 'selectAll' };
    if (key === '=' || key === '+') return { kind: 'zoomIn' };
    if (key === '-') return { kind: 'zoomOut' };
    if (key === '0') return { kind: 'zoomReset' };
    return null;
  }
  if (e.altKey === true) return null;
  if (e.shiftKey === true && (key === '!' || key === '1')) return { kind: 'zoomFit' };
  if (key === '?') return { kind: 'help' };
  if (key === 'Delete' || key === 'Backspace') return { kind: 'delete' };
  if (key === 'Escape') return { kind: 'escape' };
  if (key === 't') return { kind: 'typeEquation' };
  const step = e.shiftKey === true ? BIG_NUDGE : 1;
  if (key === 'ArrowLeft') return { kind: 'nudge', dx: -step, dy: 0 };
  if (key === 'ArrowRight') return { kind: 'nudge', dx: step, dy: 0 };
  if (key === 'ArrowUp') return { kind: 'nudge', dx: 0, dy: -step };
  if (key === 'ArrowDown') return { kind: 'nudge', dx: 0, dy: step };
  for (const [tool, keys] of Object.entries(TOOL_KEYS) as [Tool, readonly string[]][]) {
    if (keys.includes(key)) return { kind: 'tool', tool };
  }
  return null;
}
