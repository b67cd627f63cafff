import { memo, useEffect, useRef, useState } from 'react';
import { effectiveStatus } from '@motionmath/protocol';
import type { Equation } from '@motionmath/protocol';
import { statusLabel } from '../editor/export.ts';
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
}: {
  initial: string;
  onSave: (latex: string) => void;
  onCancel: () => void;
  saveLabel?: string;
  autoFocus?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
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
}

/** Memoized: drawing re-renders the board many times a second; unchanged cards skip it. */
export const EquationCard = memo(function EquationCard({
  equation,
  readOnly,
  actions,
  offset,
}: {
  equation: Equation;
  readOnly: boolean;
  actions: EquationActions;
  offset: { x: number; y: number } | null;
}) {
  const [editing, setEditing] = useState(false);
  const status = effectiveStatus(equation);
  const steps = status === 'pending' ? [] : equation.steps;
  return (
    <article
      className={`card equation status-${status}`}
      style={{ left: equation.x + (offset?.x ?? 0), top: equation.y + (offset?.y ?? 0) }}
      aria-label={`Equation ${equation.latex}`}
      data-equation-id={equation.id}
      data-status={status}
      onPointerDown={(e) => e.stopPropagation()}
    >
      <header
        className="card-head"
        onPointerDown={(e) => !readOnly && actions.startMove(equation.id, e)}
        title={readOnly ? undefined : 'Drag to move'}
      >
        <span className={`badge status-${status}`} role="status">
          {statusLabel(equation)}
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
      {!editing && !readOnly && equation.alternatives.length > 0 && (
        <div className="alternatives" role="group" aria-label="Other readings">
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
      {(status === 'error' || status === 'unsupported') && equation.error && (
        <p className="error-text">
          <RichText text={equation.error} />
        </p>
      )}
    </article>
  );
});
