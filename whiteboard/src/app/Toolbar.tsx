import type { Editor, Tool } from '../editor/editor.ts';
import { PALETTE, WIDTHS } from '../editor/editor.ts';
import { TOOL_KEYS } from './shortcuts.ts';
import { useStore } from './useStore.ts';

const TOOL_INFO: Record<Tool, { label: string; icon: string }> = {
  select: { label: 'Select', icon: '➚' },
  pen: { label: 'Pen', icon: '✎' },
  math: { label: 'Math pen', icon: '∑' },
  eraser: { label: 'Eraser', icon: '⌫' },
  hand: { label: 'Hand', icon: '✥' },
};
const COLOR_NAMES: Record<string, string> = {
  '#1e1e1e': 'Black',
  '#1864ab': 'Blue',
  '#c92a2a': 'Red',
  '#2b8a3e': 'Green',
  '#862e9c': 'Purple',
  '#d9480f': 'Orange',
};
const WIDTH_NAMES = ['Thin', 'Medium', 'Bold'];

/** Tools available to a viewer: looking around only. */
const VIEWER_TOOLS: readonly Tool[] = ['select', 'hand'];

export function Toolbar({
  editor,
  onTypeEquation,
}: {
  editor: Editor;
  onTypeEquation: () => void;
}) {
  const state = useStore(editor);
  const ro = state.readOnly;
  return (
    <div className="toolbar" role="toolbar" aria-label="Tools">
      <div className="group" role="radiogroup" aria-label="Tool">
        {(Object.keys(TOOL_INFO) as Tool[]).map((tool) => {
          const disabled = ro && !VIEWER_TOOLS.includes(tool);
          const key = TOOL_KEYS[tool][0]?.toUpperCase();
          return (
            <button
              key={tool}
              type="button"
              role="radio"
              aria-checked={state.tool === tool}
              aria-label={`${TOOL_INFO[tool].label} (${key})`}
              title={`${TOOL_INFO[tool].label} — ${key}`}
              className={`tool${state.tool === tool ? ' active' : ''}`}
              disabled={disabled}
              data-tool={tool}
              onClick={() => editor.setTool(tool)}
            >
              <span aria-hidden="true">{TOOL_INFO[tool].icon}</span>
            </button>
          );
        })}
      </div>
      <div className="sep" />
      <div className="group" role="radiogroup" aria-label="Colour">
        {PALETTE.map((color) => (
          <button
            key={color}
            type="button"
            role="radio"
            aria-checked={state.color === color}
            aria-label={COLOR_NAMES[color] ?? color}
            title={COLOR_NAMES[color] ?? color}
            className={`swatch${state.color === color ? ' active' : ''}`}
            disabled={ro}
            onClick={() => {
              editor.setColor(color);
              if (state.tool !== 'pen') editor.setTool('pen');
            }}
          >
            <span style={{ background: color }} />
          </button>
        ))}
      </div>
      <div className="group" role="radiogroup" aria-label="Width">
        {WIDTHS.map((w, i) => (
          <button
            key={w}
            type="button"
            role="radio"
            aria-checked={state.width === w}
            aria-label={WIDTH_NAMES[i] ?? `${w}`}
            title={WIDTH_NAMES[i]}
            className={`width${state.width === w ? ' active' : ''}`}
            disabled={ro}
            onClick={() => editor.setWidth(w)}
          >
            <span style={{ height: w, background: 'currentColor' }} />
          </button>
        ))}
      </div>
      <div className="sep" />
      <button
        type="button"
        className="tool"
        aria-label="Type an equation (T)"
        title="Type an equation — T"
        disabled={ro}
        onClick={onTypeEquation}
      >
        <span aria-hidden="true">𝑥=</span>
      </button>
      <button
        type="button"
        className="tool"
        aria-label="Undo (Ctrl+Z)"
        title="Undo — Ctrl+Z"
        disabled={ro || !state.canUndo}
        onClick={() => editor.undo()}
      >
        <span aria-hidden="true">↶</span>
      </button>
      <button
        type="button"
        className="tool"
        aria-label="Redo (Ctrl+Shift+Z)"
        title="Redo — Ctrl+Shift+Z"
        disabled={ro || !state.canRedo}
        onClick={() => editor.redo()}
      >
        <span aria-hidden="true">↷</span>
      </button>
      {state.selection.size > 0 && !ro && (
        <button
          type="button"
          className="tool"
          aria-label="Delete selection (Delete)"
          title="Delete — Del"
          onClick={() => editor.deleteSelection()}
        >
          <span aria-hidden="true">🗑</span>
        </button>
      )}
    </div>
  );
}
