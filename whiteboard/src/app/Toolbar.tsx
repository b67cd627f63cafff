import { action, withShortcut } from '../editor/actions.ts';
import type { ActionContext } from '../editor/actions.ts';
import type { Tool } from '../editor/editor.ts';
import { PALETTE, WIDTHS } from '../editor/editor.ts';
import { useStore } from './useStore.ts';

const TOOL_ICONS: Record<Tool, string> = {
  select: '➚',
  pen: '✎',
  math: '∑',
  eraser: '⌫',
  hand: '✥',
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

/** A toolbar button for an action of the registry: its label, shortcut and enabled state. */
function ActionButton({ id, icon, ctx }: { id: string; icon: string; ctx: ActionContext }) {
  const a = action(id);
  return (
    <button
      type="button"
      className="tool"
      aria-label={withShortcut(a)}
      title={withShortcut(a)}
      disabled={a.enabled ? !a.enabled(ctx) : false}
      onClick={() => a.run(ctx)}
    >
      {/* Drawn by CSS, not text: a glyph like "𝑥=" is not a word the accessible name must repeat. */}
      <span aria-hidden="true" className="tool-icon" data-icon={icon} />
    </button>
  );
}

export function Toolbar({ ctx }: { ctx: ActionContext }) {
  const { editor } = ctx;
  const state = useStore(editor);
  const ro = state.readOnly;
  return (
    <div className="toolbar" role="toolbar" aria-label="Tools">
      <div className="group" role="radiogroup" aria-label="Tool">
        {(Object.keys(TOOL_ICONS) as Tool[]).map((tool) => {
          const disabled = ro && !VIEWER_TOOLS.includes(tool);
          const a = action(`tool.${tool}`);
          const key = a.kbd[0]?.toUpperCase();
          return (
            <button
              key={tool}
              type="button"
              role="radio"
              aria-checked={state.tool === tool}
              aria-label={`${a.label} (${key})`}
              title={`${a.label} — ${key}`}
              className={`tool${state.tool === tool ? ' active' : ''}`}
              disabled={disabled}
              data-tool={tool}
              onClick={() => a.run(ctx)}
            >
              <span aria-hidden="true">{TOOL_ICONS[tool]}</span>
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
      <ActionButton id="typeEquation" icon="𝑥=" ctx={ctx} />
      <ActionButton id="undo" icon="↶" ctx={ctx} />
      <ActionButton id="redo" icon="↷" ctx={ctx} />
      {state.selection.size > 0 && !ro && <ActionButton id="delete" icon="✖" ctx={ctx} />}
    </div>
  );
}
