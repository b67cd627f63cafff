import { effectiveStatus, hasControlCharacters, listEquations } from '@motionmath/protocol';
import type * as Y from 'yjs';
import type { Database } from '../db/database.ts';
import { isUuid } from '../db/boards.ts';
import { syncEquationIndex } from '../db/equations.ts';
import type { IndexedEquation } from '../db/equations.ts';
import type { Logger } from '../logger.ts';
import { loadSolver } from '../solver-module.ts';

/** The searchable text of an equation's LaTeX, read by the solver's own reader; empty
 * when it cannot read it (the LaTeX is indexed too). Derived here, never taken from the
 * document's `mathjs`, which any client can write. */
function searchText(latexToText: (latex: string) => string, latex: string): string {
  try {
    return latexToText(latex);
  } catch {
    return '';
  }
}

/** Reads a board's equations with the protocol's validating reader (invalid entries are
 * skipped and reported, never half-read) into index rows. */
export async function equationRows(
  doc: Y.Doc,
): Promise<{ rows: IndexedEquation[]; invalid: string[] }> {
  const { items, invalid: unreadable } = listEquations(doc);
  const invalid = unreadable.map((error) => error.message);
  // A control character (U+0000 above all) would make the whole index write fail, and
  // with it every later store of the board: such an equation is skipped, like one that
  // does not validate.
  const clean = items.filter((eq) => {
    const text = [
      eq.latex,
      eq.mathjs,
      eq.answer?.latex ?? '',
      eq.answer?.mathjs ?? '',
      eq.error ?? '',
    ];
    const bad =
      text.some(hasControlCharacters) ||
      eq.steps.some((s) => hasControlCharacters(s.latex + s.explanation));
    if (bad) invalid.push(`equations.${eq.id}: holds a control character`);
    return !bad;
  });
  // The solver's reader (and mathjs with it) is loaded by the first board that has an
  // equation, not by every store. A failed load rejects: the index is not written with
  // empty texts, the store reports it and the next store tries again.
  const latexToText = clean.length > 0 ? (await loadSolver()).latexToText : () => '';
  return {
    rows: clean.map((eq) => ({
      equationId: eq.id,
      text: searchText(latexToText, eq.latex),
      latex: eq.latex,
      status: effectiveStatus(eq),
      answer: eq.answer?.mathjs ?? null,
      answerLatex: eq.answer?.latex ?? null,
      steps: eq.steps.map((step) => ({ ...step })),
      confidence: eq.confidence,
      error: eq.error,
    })),
    invalid,
  };
}

/** Copies a board's equations into the searchable `equations` table after each store. */
export async function indexEquations(
  db: Database,
  logger: Logger,
  boardId: string,
  doc: Y.Doc,
): Promise<void> {
  if (!isUuid(boardId)) return;
  const { rows, invalid } = await equationRows(doc);
  if (invalid.length > 0)
    logger.warn({ boardId, invalid }, 'board has invalid equations; not indexed');
  // No equations: the sync is one DELETE, atomic by itself. In a transaction it took three
  // round trips to the embedded database's thread, holding its one connection (and the
  // update log's INSERTs behind it) for all three, on every board's first store.
  if (rows.length === 0) await syncEquationIndex(db, boardId, rows);
  else await db.transaction((tx) => syncEquationIndex(tx, boardId, rows));
}
