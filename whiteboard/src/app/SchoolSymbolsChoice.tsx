import { useEffect, useId, useRef, useState } from 'react';
import { action } from '../editor/actions.ts';
import type { ActionContext } from '../editor/actions.ts';
import { useStore } from './useStore.ts';

/**
 * The school-symbols choice (the `schoolSymbols` action) in the guide corner: a button that
 * says whether it is on and opens a small panel with the checkbox, its full name and what
 * it costs. The panel stays open after a change so the person sees it took.
 */
export function SchoolSymbolsChoice({ ctx }: { ctx: ActionContext }) {
  const a = action('schoolSymbols');
  // Subscribed so the button and the checkbox follow the choice.
  useStore(ctx.schoolSymbols);
  const on = a.checked?.(ctx) ?? false;
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const detailId = useId();
  // A press anywhere else closes the panel, as menus do.
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, [open]);
  return (
    <div
      className="menu-wrap"
      ref={wrap}
      onKeyDown={(e) => {
        // Escape closes the panel only; the board's Escape would discard the draft.
        if (e.key !== 'Escape' || !open) return;
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-school-symbols={on ? 'on' : 'off'}
        onClick={() => setOpen(!open)}
      >
        School symbols: {on ? 'on' : 'off'}
      </button>
      {open && (
        <div id={panelId} className="menu choice-panel" role="group" aria-label="Math pen symbols">
          <label className="choice">
            <input
              type="checkbox"
              checked={on}
              aria-describedby={a.detail ? detailId : undefined}
              onChange={() => a.run(ctx)}
            />
            <span>{a.label}</span>
          </label>
          {a.detail && (
            <p id={detailId} className="hint">
              {a.detail}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
