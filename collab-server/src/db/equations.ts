import type { Queryable } from './database.ts';
import { toNumber } from './database.ts';

/** One row of the equation index: a searchable copy of an equation on a board. */
export interface IndexedEquation {
  equationId: string;
  text: string;
  latex: string;
  status: string;
  answer: string | null;
  answerLatex: string | null;
  steps: unknown[];
  confidence: number | null;
  error: string | null;
}

export interface EquationHit extends IndexedEquation {
  boardId: string;
  updatedAt: Date;
}

interface EquationRow {
  board_id: string;
  equation_id: string;
  text: string;
  latex: string;
  status: string;
  answer: string | null;
  answer_latex: string | null;
  steps: unknown[];
  confidence: unknown;
  error: string | null;
  updated_at: Date;
}

const COLUMNS =
  'board_id, equation_id, text, latex, status, answer, answer_latex, steps, confidence, error, updated_at';

const toHit = (row: EquationRow): EquationHit => ({
  boardId: row.board_id,
  equationId: row.equation_id,
  text: row.text,
  latex: row.latex,
  status: row.status,
  answer: row.answer,
  answerLatex: row.answer_latex,
  steps: row.steps,
  confidence: row.confidence == null ? null : toNumber(row.confidence),
  error: row.error,
  updatedAt: row.updated_at,
});

/**
 * Makes the index of `boardId` equal to `equations`: upserts changed rows (only those
 * whose content differs, so `updated_at` tracks real changes) and deletes removed ones.
 */
export async function syncEquationIndex(
  db: Queryable,
  boardId: string,
  equations: IndexedEquation[],
): Promise<void> {
  for (const eq of equations) {
    await db.query(
      `INSERT INTO equations (board_id, equation_id, text, latex, status, answer, answer_latex,
         steps, confidence, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
       ON CONFLICT (board_id, equation_id) DO UPDATE SET
         text = EXCLUDED.text, latex = EXCLUDED.latex, status = EXCLUDED.status,
         answer = EXCLUDED.answer, answer_latex = EXCLUDED.answer_latex, steps = EXCLUDED.steps,
         confidence = EXCLUDED.confidence, error = EXCLUDED.error, updated_at = now()
       WHERE (equations.text, equations.latex, equations.status, equations.answer,
              equations.answer_latex, equations.steps, equations.confidence, equations.error)
         IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.latex, EXCLUDED.status, EXCLUDED.answer,
              EXCLUDED.answer_latex, EXCLUDED.steps, EXCLUDED.confidence, EXCLUDED.error)`,
      [
        boardId,
        eq.equationId,
        eq.text,
        eq.latex,
        eq.status,
        eq.answer,
        eq.answerLatex,
        JSON.stringify(eq.steps),
        eq.confidence,
        eq.error,
      ],
    );
  }
  await db.query(
    'DELETE FROM equations WHERE board_id = $1 AND NOT (equation_id = ANY($2::text[]))',
    [boardId, equations.map((eq) => eq.equationId)],
  );
}

/** A board's equations, most recently changed first. */
export async function equationHistory(
  db: Queryable,
  boardId: string,
  limit: number,
): Promise<EquationHit[]> {
  const { rows } = await db.query<EquationRow>(
    `SELECT ${COLUMNS} FROM equations WHERE board_id = $1 ORDER BY updated_at DESC, equation_id LIMIT $2`,
    [boardId, limit],
  );
  return rows.map(toHit);
}

/** Full-text (words) or substring (LaTeX fragments such as `x^2`) search over boards. */
export async function searchEquations(
  db: Queryable,
  boardIds: string[],
  query: string,
  limit: number,
): Promise<EquationHit[]> {
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await db.query<EquationRow>(
    `SELECT ${COLUMNS} FROM equations
     WHERE board_id = ANY($1::text[]) AND (
       to_tsvector('simple', text || ' ' || latex) @@ plainto_tsquery('simple', $2)
       OR text ILIKE $3 OR latex ILIKE $3)
     ORDER BY updated_at DESC LIMIT $4`,
    [boardIds, query, pattern, limit],
  );
  return rows.map(toHit);
}
