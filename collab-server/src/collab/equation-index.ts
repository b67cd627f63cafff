import { effectiveStatus, listEquations } from '@motionmath/protocol';
import type * as Y from 'yjs';
import type { Database } from '../db/database.ts';
import { isUuid } from '../db/boards.ts';
import { syncEquationIndex } from '../db/equations.ts';
import type { IndexedEquation } from '../db/equations.ts';
import type { Logger } from '../logger.ts';

/** Reads a board's equations with the protocol's validating reader (invalid entries are
 * skipped and reported, never half-read) into index rows. */
export function equationRows(doc: Y.Doc): { rows: IndexedEquation[]; invalid: string[] } {
  const { items, invalid } = listEquations(doc);
  return {
    rows: items.map((eq) => ({
      equationId: eq.id,
      text: eq.mathjs,
      latex: eq.latex,
      status: effectiveStatus(eq),
      answer: eq.answer?.mathjs ?? null,
      answerLatex: eq.answer?.latex ?? null,
      steps: eq.steps.map((step) => ({ ...step })),
      confidence: eq.confidence,
      error: eq.error,
    })),
    invalid: invalid.map((error) => error.message),
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
  const { rows, invalid } = equationRows(doc);
  if (invalid.length > 0)
    logger.warn({ boardId, invalid }, 'board has invalid equations; not indexed');
  await db.transaction((tx) => syncEquationIndex(tx, boardId, rows));
}
