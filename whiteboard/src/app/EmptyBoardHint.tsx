import type { ActionContext } from '../editor/actions.ts';
import { action } from '../editor/actions.ts';

/** What an empty board says to someone who just made it: three ways to start. */
export function EmptyBoardHint({ ctx }: { ctx: ActionContext }) {
  return (
    <section className="empty-hint" aria-label="How to start">
      <h2>Start your lesson</h2>
      <ol>
        <li>
          <strong>Write math by hand:</strong> press <kbd>M</kbd> for the math pen and write an
          equation. It is read as you write; confirm it and the steps appear.
          <button type="button" onClick={() => action('tool.math').run(ctx)}>
            Math pen
          </button>
        </li>
        <li>
          <strong>Type it:</strong> press <kbd>T</kbd> and type LaTeX such as 2x+3=11.
          <button type="button" onClick={() => action('typeEquation').run(ctx)}>
            Type an equation
          </button>
        </li>
        <li>
          <strong>Write in the air:</strong> with the MotionMath browser extension, write with your
          hand in front of the camera over any page or video call; equations land here.
        </li>
      </ol>
    </section>
  );
}
