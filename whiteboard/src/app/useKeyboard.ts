import { useEffect, useState } from 'react';
import { actionForKey } from '../editor/actions.ts';
import type { ActionContext } from '../editor/actions.ts';

/** Keys typed into a field belong to the field, not to the board. */
function isTypingTarget(t: EventTarget | null): boolean {
  return (
    t instanceof HTMLElement &&
    (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
  );
}

/**
 * The board's keyboard: each key press runs its action from the registry; Space held pans.
 * Returns whether Space is held.
 */
export function useKeyboard(ctx: ActionContext): boolean {
  const [spaceHeld, setSpaceHeld] = useState(false);
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target)) return;
      if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        setSpaceHeld(true);
        return;
      }
      const action = actionForKey(e);
      if (!action || (action.enabled && !action.enabled(ctx))) return;
      e.preventDefault();
      action.run(ctx, e);
      // Anything but picking a tool is the user taking the view back from whoever they follow.
      if (!action.id.startsWith('tool.')) ctx.ui.stopFollowing();
    };
    const up = (e: KeyboardEvent) => e.key === ' ' && setSpaceHeld(false);
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [ctx]);
  return spaceHeld;
}
