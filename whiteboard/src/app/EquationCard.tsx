import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { effectiveStatus } from '@motionmath/protocol';
import type { Equation } from '@motionmath/protocol';
import { statusLabel } from '../editor/export.ts';
import type { Tool } from '../editor/editor.ts';
import { plottable } from '../graph/plot.ts';
import { explainError } from '../math/errors.ts';
import { MathView, RichText } from './Math.tsx';

export function confidenceLabel(confidence: number): string {
  return `${Math.round(confidence * 100)} %`;
}

/** Below this the reading is shown as uncertain (amber), inviting a look at the alternatives. */
const LOW_CONFIDENCE = 0.5;

/** A LaTeX field with live KaTeX preview; Enter saves, Escape cancels. */
export function LatexEditor({
  initial,
  onSave,
  onCancel,
  saveLabel = 'Save',
  autoFocus = true,
  hint,
  examples = [],
}: {
  initial: string;
  onSave: (latex: string) => void;
  onCancel: () => void;
  saveLabel?: string;
  autoFocus?: boolean;
  /** How to write math here, shown under the field. */
  hint?: string;
  /** Equations to start from: a click puts one in the field. */
  examples?: readonly string[];
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const save = () => value.trim() && onSave(value.trim());
  return (
    <div className="latex-editor">
      <label>
        <span className="label">LaTeX</span>
        <textarea
          ref={ref}
          value={value}
          rows={2}
          spellCheck={false}
          aria-describedby={hint ? hintId : undefined}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              save();
            } else if (e.key === 'Escape') onCancel();
          }}
        />
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {examples.length > 0 && (
        <div className="examples" role="group" aria-label="Examples">
          <span className="label">Try</span>
          {examples.map((example) => (
            <button
              key={example}
              type="button"
              className="chip"
              aria-label={`Example ${example}`}
              onClick={() => {
                setValue(example);
                ref.current?.focus();
              }}
            >
              <MathView latex={example} />
            </button>
          ))}
        </div>
      )}
      <div className="preview" aria-live="polite" aria-label="Preview">
        <MathView latex={value || '\\square'} display />
      </div>
      <div className="row">
        <button type="button" className="primary" onClick={save} disabled={!value.trim()}>
          {saveLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export interface EquationActions {
  /** `mathjs` when known (a recognizer alternative); else it is derived from the LaTeX. */
  edit(id: string, latex: string, confidence?: number, mathjs?: string): void;
  remove(id: string): void;
  startMove(id: string, e: React.PointerEvent): void;
  /** The card's drawn size (board units): placement keeps clear of it, growth pushes. */
  resized(id: string, size: { width: number; height: number }): void;
  /** Show the equation's graph beside its card. */
  graph(id: string): void;
}

/** Controls on a card that a pen-down must still reach (buttons, the LaTeX editor, menus). */
export const CARD_CONTROLS = 'button, input, textarea, select, a, [role="menu"], [contenteditable]';

/** Memoized: drawing re-renders the board many times a second; unchanged cards skip it. */
export const EquationCard = memo(function EquationCard({
  equation,
  readOnly,
  tool,
  mine,
  actions,
  offset,
}: {
  equation: Equation;
  readOnly: boolean;
  /** With the hand every pointer pans; with a pen or the eraser the card's body is drawn on. */
  tool: Tool;
  /** The user wrote it: only the writer sees the recognizer's other readings. */
  mine: boolean;
  actions: EquationActions;
  offset: { x: number; y: number } | null;
}) {
  const [editing, setEditing] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const { id } = equation;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Layout size, unaffected by the board's zoom transform: board units.
    const report = () => actions.resized(id, { width: el.offsetWidth, height: el.offsetHeight });
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [actions, id]);
  const status = effectiveStatus(equation);
  const canGraph = useMemo(() => plottable(equation.mathjs) !== null, [equation.mathjs]);
  // A function or inequality in x and y the solver leaves alone is for graphing, not an error.
  const graphOnly = canGraph && status === 'unsupported';
  const steps = status === 'pending' ? [] : equation.steps;
  return (
    <article
      ref={ref}
      className={`card equation status-${graphOnly ? 'graph' : status}`}
      style={{ left: equation.x + (offset?.x ?? 0), top: equation.y + (offset?.y ?? 0) }}
      aria-label={`Equation ${equation.latex}`}
      data-equation-id={equation.id}
      data-status={status}
      onPointerDown={(e) => {
        if (tool === 'hand') return;
        const target = e.target instanceof Element ? e.target : null;
        const handle = target?.closest(`${CARD_CONTROLS}, .card-head`) ?? null;
        // Ink goes over cards: a stroke begun on the card's math writes on the board.
        if (tool !== 'select' && handle === null) return;
        e.stopPropagation();
      }}
    >
      <header
        className="card-head"
        onPointerDown={(e) => !readOnly && tool !== 'hand' && actions.startMove(equation.id, e)}
        title={readOnly ? undefined : 'Drag to move'}
      >
        <span className={`badge status-${graphOnly ? 'graph' : status}`} role="status">
          {graphOnly ? 'to graph' : statusLabel(equation)}
        </span>
        {equation.source !== 'typed' && (
          <span
            className={`confidence${equation.confidence < LOW_CONFIDENCE ? ' low' : ''}`}
            title="Recognition confidence"
          >
            {confidenceLabel(equation.confidence)}
          </span>
        )}
        {!readOnly && (
          <span className="card-tools">
            {canGraph && (
              <button
                type="button"
                className="icon"
                aria-label="Show graph"
                title="Show graph"
                onClick={() => actions.graph(equation.id)}
              >
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
                  <path d="M1 15V1M1 15h14" stroke="currentColor" fill="none" />
                  <path
                    d="M2 13C5 2 8 2 10 8s3 4 5-5"
                    stroke="currentColor"
                    fill="none"
                    strokeWidth="1.6"
                  />
                </svg>
              </button>
            )}
            <button
              type="button"
              className="icon"
              aria-label="Edit LaTeX"
              onClick={() => setEditing((v) => !v)}
            >
              ✎
            </button>
            <button
              type="button"
              className="icon"
              aria-label="Delete equation"
              onClick={() => actions.remove(equation.id)}
            >
              ×
            </button>
          </span>
        )}
      </header>
      {editing ? (
        <LatexEditor
          initial={equation.latex}
          onSave={(latex) => {
            actions.edit(equation.id, latex);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="math-main">
          <MathView latex={equation.latex} display />
        </div>
      )}
      {!editing && !readOnly && mine && equation.alternatives.length > 0 && (
        <div className="alternatives editing-only" role="group" aria-label="Other readings">
          <span className="label">Did you mean</span>
          {equation.alternatives.map((a) => (
            <button
              key={a.latex}
              type="button"
              className="chip"
              aria-label={`Use ${a.latex}`}
              onClick={() => actions.edit(equation.id, a.latex, a.confidence, a.mathjs)}
            >
              <MathView latex={a.latex} />
            </button>
          ))}
        </div>
      )}
      {steps.length > 0 && (
        <ol className="steps" aria-label="Steps">
          {steps.map((step, i) => (
            <li key={i} className="step">
              <MathView latex={step.latex} />
              {step.explanation && <RichText className="why" text={step.explanation} />}
            </li>
          ))}
        </ol>
      )}
      {status === 'solved' && equation.answer && (
        <div className="answer">
          <span className="label">Answer</span> <MathView latex={equation.answer.latex} />
        </div>
      )}
      {graphOnly ? (
        <p className="graph-note">
          A relation between x and y: there is no single value to solve for.
          {!readOnly && (
            <span className="editing-only"> Show its graph with the graph button above.</span>
          )}
        </p>
      ) : (
        (status === 'error' || status === 'unsupported') && (
          <ErrorText status={status} message={equation.error} />
        )
      )}
    </article>
  );
});

/** A solver failure in plain words, with what to try. */
function ErrorText({
  status,
  message,
}: {
  status: 'error' | 'unsupported';
  message: string | null;
}) {
  const plain = explainError(status, message);
  return (
    <div className="error-box">
      <p className="error-text">
        <RichText text={plain.text} />
      </p>
      <p className="error-hint">{plain.hint}</p>
    </div>
  );
}
