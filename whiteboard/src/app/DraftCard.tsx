import { useState } from 'react';
import type { Editor } from '../editor/editor.ts';
import { needsCheck } from '../editor/math-draft.ts';
import type { MathDraftStore } from '../editor/math-draft.ts';
import type { SchoolSymbols } from '../math/school-symbols.ts';
import { pickerVocabulary } from '../math/symbols.ts';
import { CARD_CONTROLS, confidenceLabel, LatexEditor } from './EquationCard.tsx';
import { MathView } from './Math.tsx';
import { SymbolChips } from './SymbolChips.tsx';
import { useStore, useStoreSelector } from './useStore.ts';

/**
 * The math pen's reading, under the ink: what was read, how sure, its symbols (a chip
 * corrects one), other readings (shown to the writer only: the draft is theirs), and
 * Confirm / Correct / Discard. A doubtful reading asks once more before it is added.
 */
export function DraftCard({
  editor,
  store,
  schoolSymbols,
}: {
  editor: Editor;
  store: MathDraftStore;
  schoolSymbols: SchoolSymbols;
}) {
  const { draft, recognizing, error, checking } = useStore(store);
  const school = useStore(schoolSymbols);
  const pending = useStoreSelector(editor, (s) => s.mathStrokeIds.length > 0);
  const writing = useStoreSelector(editor, (s) => s.tool === 'math');
  const inkInProgress = useStoreSelector(editor, (s) => s.draft !== null);
  // The card follows the ink: re-read when the math strokes or the board change.
  useStoreSelector(editor, (s) => s.mathStrokeIds);
  useStoreSelector(editor, (s) => s.revision);
  const [editing, setEditing] = useState(false);
  if (!pending || (!draft && !recognizing && !error)) return null;
  const at = store.cardAt();
  const doubtful = draft !== null && needsCheck(draft.result);
  const status = error ? 'Not read' : recognizing ? 'Reading…' : 'Recognized';
  return (
    <article
      className={`card draft${inkInProgress ? ' under-pen' : ''}${checking ? ' checking' : ''}`}
      style={{ left: at.x, top: at.y }}
      aria-label="Recognized math"
      data-checking={checking ? 'true' : 'false'}
      onPointerDown={(e) => {
        // The card appears right under the ink while the expression is still being written
        // (a fraction's bar and denominator go exactly there): with the math pen, only its
        // controls take a pen-down; anywhere else the stroke starts as if the card were not there.
        const control = e.target instanceof Element && e.target.closest(CARD_CONTROLS) !== null;
        if (writing && !control) return;
        e.stopPropagation();
      }}
    >
      <header className="card-head">
        <span className={`badge status-${error ? 'error' : 'draft'}`} role="status">
          {status}
        </span>
        {draft && (
          <span className={`confidence${doubtful ? ' low' : ''}`} title="Recognition confidence">
            {confidenceLabel(draft.result.confidence)}
          </span>
        )}
      </header>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {draft && !editing && (
        <>
          <div className="math-main" data-latex={draft.result.latex}>
            <MathView latex={draft.result.latex || '?'} display />
          </div>
          {!recognizing && (
            <SymbolChips
              symbols={draft.result.symbols}
              vocabulary={pickerVocabulary(school)}
              highlightDoubtful={checking}
              onCorrect={(index, label) => store.correctSymbol(index, label)}
            />
          )}
          {checking && (
            <p className="check-note" role="alert">
              Not sure about this reading. Check the highlighted symbols (choose one to fix it),
              then confirm again.
            </p>
          )}
          {draft.result.alternatives.length > 0 && (
            <div className="alternatives" role="group" aria-label="Other readings">
              <span className="label">Or</span>
              {draft.result.alternatives.map((a) => (
                <button
                  key={a.latex}
                  type="button"
                  className="chip"
                  aria-label={`Use ${a.latex}`}
                  onClick={() => void store.confirm(a.latex, a.confidence)}
                >
                  <MathView latex={a.latex} />
                </button>
              ))}
            </div>
          )}
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => void store.confirm()}
              disabled={!draft.result.latex}
            >
              {checking ? 'Add anyway ⏎' : 'Confirm ⏎'}
            </button>
            <button type="button" onClick={() => setEditing(true)}>
              Correct…
            </button>
            <button type="button" onClick={() => store.discard()}>
              Discard
            </button>
          </div>
        </>
      )}
      {!draft && error && (
        <div className="row">
          <button type="button" onClick={() => store.discard()}>
            Discard
          </button>
        </div>
      )}
      {draft && editing && (
        <LatexEditor
          initial={draft.result.latex}
          saveLabel="Confirm"
          onSave={(latex) => void store.confirm(latex, 1)}
          onCancel={() => setEditing(false)}
        />
      )}
    </article>
  );
}
