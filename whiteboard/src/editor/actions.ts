import type { Editor, Tool } from './editor.ts';
import { NUDGE, ZOOM_STEP } from './editor.ts';
import type { SchoolSymbols } from '../math/school-symbols.ts';
import type { MathDraftStore } from './math-draft.ts';

/**
 * Every command of the board, once (tldraw's actions): an id, a label, the keys that run it
 * and what it does. The keyboard, the toolbar, the menus and the help dialog all read this
 * table, so a shortcut shown is a shortcut that works.
 */

export type ExportKind = 'png' | 'svg' | 'pdf' | 'md' | 'tex';
export type DialogKind = 'type' | 'help' | 'share';

/** What actions reach beyond the editor: the screen's dialogs, menus and follow mode. */
export interface ActionUi {
  openDialog(kind: DialogKind): void;
  toggleDialog(kind: DialogKind): void;
  /** Closes menus and dialogs; returns whether one was open. */
  closeAll(): boolean;
  exportAs(kind: ExportKind): void;
  stopFollowing(): void;
  /** Turns the board's title into a field for a new name. */
  renameBoard(): void;
}

export interface ActionContext {
  readonly editor: Editor;
  readonly draft: MathDraftStore;
  readonly ui: ActionUi;
  /** The user's choice of what the math pen reads (this browser's). */
  readonly schoolSymbols: SchoolSymbols;
}

export interface KeyInput {
  readonly key: string;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
}

export interface Action {
  readonly id: string;
  readonly label: string;
  /**
   * Key bindings: `mod+` is Ctrl or ⌘, `shift+` must be held. A binding without `mod`
   * ignores Shift unless it names it (capitals and `?` need Shift on most layouts).
   */
  readonly kbd: readonly string[];
  /** Shown in the help dialog (false for the tool digits' duplicates and the like). */
  readonly help?: string;
  /** Whether it can run now (a viewer cannot draw, Enter needs a draft). */
  readonly enabled?: (ctx: ActionContext) => boolean;
  /** For an on/off choice: whether it is on (shown as a checkbox). */
  readonly checked?: (ctx: ActionContext) => boolean;
  /** What else the person should know before choosing (shown under the label). */
  readonly detail?: string;
  run(ctx: ActionContext, input?: KeyInput): void;
}

const writable = (ctx: ActionContext) => !ctx.editor.getState().readOnly;
const hasSelection = (ctx: ActionContext) => ctx.editor.getState().selection.size > 0;
const centre = (ctx: ActionContext) => {
  const { width, height } = ctx.editor.getState().viewport;
  return { x: width / 2, y: height / 2 };
};
/** Shift+arrow moves this many times farther than an arrow alone. */
const BIG_NUDGE = 10;

const TOOL_ACTIONS: readonly { tool: Tool; label: string; keys: readonly string[] }[] = [
  { tool: 'select', label: 'Select', keys: ['v', '1'] },
  { tool: 'pen', label: 'Pen', keys: ['p', '2'] },
  { tool: 'math', label: 'Math pen', keys: ['m', '3'] },
  { tool: 'eraser', label: 'Eraser', keys: ['e', '4'] },
  { tool: 'hand', label: 'Hand', keys: ['h', '5'] },
];

function nudge(id: string, label: string, key: string, dx: number, dy: number): Action {
  return {
    id,
    label,
    kbd: [key],
    enabled: hasSelection,
    run: ({ editor }, input) => {
      const step = (input?.shiftKey === true ? BIG_NUDGE : 1) * NUDGE;
      editor.nudgeSelection(dx * step, dy * step);
    },
  };
}

function exportAction(kind: ExportKind, label: string): Action {
  return { id: `export.${kind}`, label, kbd: [], run: ({ ui }) => ui.exportAs(kind) };
}

export const ACTIONS: readonly Action[] = [
  ...TOOL_ACTIONS.map(({ tool, label, keys }): Action => ({
    id: `tool.${tool}`,
    label,
    kbd: keys,
    help: keys.map((k) => k.toUpperCase()).join(' / '),
    run: ({ editor }) => editor.setTool(tool),
  })),
  {
    id: 'undo',
    label: 'Undo',
    kbd: ['mod+z'],
    help: 'Ctrl+Z',
    enabled: (ctx) => writable(ctx) && ctx.editor.getState().canUndo,
    run: ({ editor }) => editor.undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    kbd: ['mod+shift+z', 'mod+y'],
    help: 'Ctrl+Shift+Z / Ctrl+Y',
    enabled: (ctx) => writable(ctx) && ctx.editor.getState().canRedo,
    run: ({ editor }) => editor.redo(),
  },
  {
    id: 'selectAll',
    label: 'Select all',
    kbd: ['mod+a'],
    help: 'Ctrl+A',
    run: ({ editor }) => editor.selectAll(),
  },
  {
    id: 'zoomIn',
    label: 'Zoom in',
    kbd: ['mod+=', 'mod++'],
    help: 'Ctrl +',
    run: (ctx) => ctx.editor.zoomBy(ZOOM_STEP, centre(ctx)),
  },
  {
    id: 'zoomOut',
    label: 'Zoom out',
    kbd: ['mod+-'],
    help: 'Ctrl −',
    run: (ctx) => ctx.editor.zoomBy(1 / ZOOM_STEP, centre(ctx)),
  },
  {
    id: 'zoomReset',
    label: 'Zoom to 100 %',
    kbd: ['mod+0'],
    help: 'Ctrl+0',
    run: (ctx) => ctx.editor.zoomTo(1, centre(ctx)),
  },
  {
    id: 'zoomFit',
    label: 'Zoom to fit',
    kbd: ['shift+1', 'shift+!'],
    help: 'Shift+1',
    run: ({ editor }) => editor.zoomToFit(),
  },
  {
    id: 'confirmDraft',
    label: 'Confirm recognized math',
    kbd: ['Enter'],
    help: 'Enter',
    enabled: ({ draft }) => draft.getState().draft !== null,
    run: ({ draft }) => void draft.confirm(),
  },
  {
    id: 'escape',
    label: 'Discard recognized math, or clear the selection',
    kbd: ['Escape'],
    help: 'Esc',
    run: ({ editor, draft, ui }) => {
      if (ui.closeAll()) return;
      if (draft.getState().checking) draft.uncheck();
      else if (draft.getState().draft) draft.discard();
      else editor.clearSelection();
    },
  },
  {
    id: 'delete',
    label: 'Delete selection',
    kbd: ['Delete', 'Backspace'],
    help: 'Delete',
    enabled: (ctx) => writable(ctx) && hasSelection(ctx),
    run: ({ editor }) => editor.deleteSelection(),
  },
  {
    id: 'typeEquation',
    label: 'Type an equation',
    kbd: ['t'],
    help: 'T',
    enabled: writable,
    run: ({ ui }) => ui.openDialog('type'),
  },
  {
    id: 'renameBoard',
    label: 'Rename board',
    kbd: ['F2'],
    help: 'F2',
    enabled: writable,
    run: ({ ui }) => ui.renameBoard(),
  },
  {
    id: 'schoolSymbols',
    label: 'School symbols — letters, θ α β ∞ ∫ Σ → |x| (sums, limits, integrals)',
    detail: 'Plain arithmetic reads a little less reliably with it on.',
    // No key: a rare choice, and a stray key press must not change what the pen reads.
    kbd: [],
    checked: ({ schoolSymbols }) => schoolSymbols.getState(),
    run: ({ schoolSymbols }) => schoolSymbols.toggle(),
  },
  nudge('nudge.left', 'Nudge left', 'ArrowLeft', -1, 0),
  nudge('nudge.right', 'Nudge right', 'ArrowRight', 1, 0),
  nudge('nudge.up', 'Nudge up', 'ArrowUp', 0, -1),
  nudge('nudge.down', 'Nudge down', 'ArrowDown', 0, 1),
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    kbd: ['?'],
    help: '?',
    run: ({ ui }) => ui.toggleDialog('help'),
  },
  exportAction('png', 'PNG image'),
  exportAction('svg', 'SVG image'),
  exportAction('pdf', 'PDF handout'),
  exportAction('md', 'Equations as Markdown'),
  exportAction('tex', 'Equations as LaTeX'),
];

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

export function action(id: string): Action {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

/** Whether a key press is this binding (see `Action.kbd`). */
export function matchesKey(binding: string, e: KeyInput): boolean {
  const parts = binding.split('+');
  // "mod++" is mod and the plus key.
  const key = binding.endsWith('++') ? '+' : (parts.at(-1) ?? '');
  const mods = new Set(parts.slice(0, binding.endsWith('++') ? -2 : -1));
  const mod = e.ctrlKey === true || e.metaKey === true;
  if (mods.has('mod') !== mod || e.altKey === true) return false;
  if (mods.has('shift') && e.shiftKey !== true) return false;
  if (mod && !mods.has('shift') && e.shiftKey === true) return false;
  const pressed = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return pressed === (key.length === 1 ? key.toLowerCase() : key);
}

/**
 * The action a key press runs, or null: a binding that names Shift wins over one that
 * ignores it (Shift+1 fits the view, 1 picks the select tool), then table order.
 */
export function actionForKey(e: KeyInput): Action | null {
  const match = (withShift: boolean) =>
    ACTIONS.find((a) => a.kbd.some((k) => k.includes('shift+') === withShift && matchesKey(k, e)));
  return match(true) ?? match(false) ?? null;
}

/** The shortcut hint for a button's label and tooltip, e.g. "Undo (Ctrl+Z)". */
export function withShortcut(a: Action): string {
  return a.help ? `${a.label} (${a.help})` : a.label;
}
