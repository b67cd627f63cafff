import { useEffect, useRef, useState } from 'react';
import { TOUR_STEPS } from './steps.ts';

/**
 * The tour card. Not modal: the board stays usable under it (a person may try each step
 * as they read it), so it is a `role="dialog"` card in a corner rather than a `<dialog>`.
 * It takes focus when it opens (on the card, not a button, so a stray Enter does nothing)
 * and Escape closes it.
 */
export function Tour({ onClose }: { onClose: () => void }) {
  const [index, setIndex] = useState(0);
  const ref = useRef<HTMLElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    returnTo.current = document.activeElement;
    ref.current?.focus();
    return () => {
      if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
    };
  }, []);
  const step = TOUR_STEPS[index] ?? TOUR_STEPS[0];
  const last = index === TOUR_STEPS.length - 1;
  return (
    <section
      ref={ref}
      className="tour"
      role="dialog"
      aria-modal="false"
      aria-labelledby="tour-title"
      aria-describedby="tour-text"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      <p className="tour-count">
        Welcome to MotionMath · {index + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id="tour-title">{step?.title}</h2>
      <p id="tour-text">{step?.text}</p>
      <div className="tour-actions">
        <button type="button" onClick={onClose}>
          Skip tour
        </button>
        {index > 0 && (
          <button type="button" onClick={() => setIndex(index - 1)}>
            Back
          </button>
        )}
        <button
          type="button"
          className="primary"
          onClick={() => (last ? onClose() : setIndex(index + 1))}
        >
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </section>
  );
}
