import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { DOUBTFUL_SYMBOL } from '../editor/math-draft.ts';
import type { RecognizedSymbolInfo } from '../math/recognition.ts';
import { matchesQuery, pickerLabels, readingOrder, symbolText } from '../math/symbols.ts';

/**
 * The symbols of a draft reading as chips, in reading order. A chip opens a picker; the
 * chosen label teaches the recognizer these strokes (`onCorrect`).
 */
export function SymbolChips({
  symbols,
  vocabulary,
  onCorrect,
  highlightDoubtful = false,
}: {
  symbols: readonly RecognizedSymbolInfo[];
  /** Every label the picker lists after the candidates (see `pickerVocabulary`). */
  vocabulary: readonly string[];
  onCorrect: (index: number, label: string) => void;
  /** Mark the unsure chips loudly (a doubtful reading is being confirmed). */
  highlightDoubtful?: boolean;
}) {
  const [open, setOpen] = useState<number | null>(null);
  const chips = useRef(new Map<number, HTMLButtonElement>());
  if (symbols.length === 0) return null;
  const close = (index: number) => {
    setOpen(null);
    chips.current.get(index)?.focus();
  };
  return (
    <div
      className="symbols"
      role="group"
      aria-label="Recognized symbols (choose one to correct it)"
      // Keys here belong to the chips and the picker, not to the board's shortcuts
      // (Enter would confirm the draft, Escape discard it, arrows nudge the selection).
      onKeyDown={(e) => e.stopPropagation()}
    >
      {readingOrder(symbols).map((index, position) => {
        const symbol = symbols[index];
        if (!symbol) return null;
        return (
          <span className="menu-wrap" key={`${index}:${symbol.label}`}>
            <button
              type="button"
              className={`chip symbol${
                symbol.confidence < DOUBTFUL_SYMBOL
                  ? highlightDoubtful
                    ? ' unsure doubtful'
                    : ' unsure'
                  : ''
              }`}
              ref={(el) => {
                if (el) chips.current.set(index, el);
                else chips.current.delete(index);
              }}
              aria-haspopup="menu"
              aria-expanded={open === index}
              aria-label={`Symbol ${position + 1}: ${symbolText(symbol.label)}`}
              data-symbol={symbol.label}
              onClick={() => setOpen(open === index ? null : index)}
            >
              {symbolText(symbol.label)}
            </button>
            {open === index && (
              <SymbolPicker
                symbol={symbol}
                vocabulary={vocabulary}
                onPick={(label) => {
                  close(index);
                  onCorrect(index, label);
                }}
                onClose={() => close(index)}
              />
            )}
          </span>
        );
      })}
    </div>
  );
}

/**
 * Candidates first, then the recognizer's whole vocabulary, searchable (typing a letter
 * jumps to the search field); arrows, Home/End, Escape.
 */
function SymbolPicker({
  symbol,
  vocabulary,
  onPick,
  onClose,
}: {
  symbol: RecognizedSymbolInfo;
  vocabulary: readonly string[];
  onPick: (label: string) => void;
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const all = pickerLabels(symbol, vocabulary);
  const candidates = all.candidates.filter((l) => matchesQuery(l, query));
  const others = all.others.filter((l) => matchesQuery(l, query));
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  // A press anywhere else closes the picker, as menus do.
  useEffect(() => {
    const outside = (e: PointerEvent) => {
      if (!menu.current?.parentElement?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', outside, true);
    return () => window.removeEventListener('pointerdown', outside, true);
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = items.findIndex((item) => item === document.activeElement);
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowRight: 1,
      ArrowUp: -1,
      ArrowLeft: -1,
    };
    let next: number | null = null;
    if (e.key in step) next = (at + (step[e.key] ?? 0) + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else if (e.key === 'Escape') onClose();
    else if (
      e.target !== search.current &&
      e.key.length === 1 &&
      !e.ctrlKey &&
      !e.metaKey &&
      !e.altKey
    ) {
      // Typing on a symbol starts a search.
      e.preventDefault();
      setQuery(e.key);
      search.current?.focus();
      return;
    } else return;
    e.preventDefault();
    if (next !== null) items[next]?.focus();
  };
  const item = (label: string) => (
    <button
      key={label}
      type="button"
      role="menuitem"
      aria-label={`Use ${symbolText(label)}`}
      data-label={label}
      onClick={() => onPick(label)}
    >
      {symbolText(label)}
    </button>
  );
  return (
    <div
      ref={menu}
      className="menu symbol-picker"
      role="menu"
      aria-label={`Replace ${symbolText(symbol.label)} with`}
      onKeyDown={onKeyDown}
    >
      {candidates.length > 0 && (
        <div className="picker-group likely" role="group" aria-label="Likely">
          {candidates.map(item)}
        </div>
      )}
      <div className="picker-group" role="group" aria-label="All symbols">
        {others.map(item)}
      </div>
      {candidates.length + others.length === 0 && <p className="hint">No symbol matches.</p>}
      <input
        ref={search}
        type="search"
        className="picker-search"
        aria-label="Find a symbol"
        placeholder="Find a symbol (e.g. s, times, pi)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            const first = [...candidates, ...others][0];
            if (first) onPick(first);
          }
        }}
      />
    </div>
  );
}
