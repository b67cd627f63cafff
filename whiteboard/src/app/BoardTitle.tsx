import { useEffect, useRef, useState } from 'react';
import { MAX_BOARD_NAME_LENGTH } from '@motionmath/protocol';

/** Why a name cannot be saved, in words for the person typing it; null when it can. */
function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'A board needs a name. Type one, or press Escape to keep the old one.';
  if (trimmed.length > MAX_BOARD_NAME_LENGTH)
    return `That name is too long: at most ${MAX_BOARD_NAME_LENGTH} characters.`;
  return null;
}

/**
 * The board's name in the top bar. Whoever may edit the board renames it here: a click
 * (or F2, through `editing`) turns it into a field; Enter saves, Escape or leaving the
 * field unchanged cancels. Everyone else reads a plain heading.
 */
export function BoardTitle({
  title,
  canRename,
  editing,
  onEditingChange,
  onRename,
}: {
  title: string;
  canRename: boolean;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  onRename: (name: string) => Promise<void>;
}) {
  // What was typed since editing began; null until then, so the field opens on the name
  // shown now (an initial copy of `title` would be stale: the document's name arrives
  // after the first render, and an effect would copy it only after the field painted).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // The saved name, shown until the document's title (which follows renames live) catches up.
  const [saved, setSaved] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const shown = saved ?? title;
  const value = draft ?? shown;

  useEffect(() => setSaved(null), [title]);
  useEffect(() => {
    if (!editing) return;
    setDraft(null);
    setError(null);
    // Focus after the field exists; select all so typing replaces the old name.
    requestAnimationFrame(() => input.current?.select());
  }, [editing]);

  if (!canRename) return <h1 className="board-title">{shown}</h1>;

  const cancel = () => {
    setError(null);
    setDraft(null);
    onEditingChange(false);
  };
  const save = () => {
    const problem = nameProblem(value);
    if (problem) {
      setError(problem);
      input.current?.focus();
      return;
    }
    const name = value.trim();
    if (name === shown) return cancel();
    setSaving(true);
    onRename(name).then(
      () => {
        setSaving(false);
        setSaved(name);
        setDraft(null);
        onEditingChange(false);
      },
      (e: unknown) => {
        setSaving(false);
        setError(`The name was not saved: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  };

  if (!editing) {
    return (
      <h1 className="board-title">
        <button
          type="button"
          className="title-button"
          title="Rename board (F2)"
          aria-label={`${shown}, rename board`}
          onClick={() => onEditingChange(true)}
        >
          {shown}
        </button>
      </h1>
    );
  }
  return (
    <div className="board-title editing">
      <input
        ref={input}
        aria-label="Board name"
        value={value}
        disabled={saving}
        maxLength={MAX_BOARD_NAME_LENGTH + 1}
        aria-invalid={error !== null}
        aria-describedby={error ? 'board-title-error' : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            cancel();
          }
        }}
        // Leaving the field keeps the old name unless a valid new one was typed.
        onBlur={() => {
          if (!saving && nameProblem(value) === null && value.trim() !== shown) save();
          else if (!saving && error === null) cancel();
        }}
      />
      {error && (
        <p id="board-title-error" role="alert" className="title-error">
          {error}
        </p>
      )}
    </div>
  );
}
