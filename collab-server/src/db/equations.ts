import type { Queryable } from './database.ts';
import { SQLITE_NOW, sql, toDate, toJson, toNumber } from './database.ts';

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
  steps: unknown;
  confidence: unknown;
  error: string | null;
  updated_at: unknown;
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
  steps: toJson<unknown[]>(row.steps),
  confidence: row.confidence == null ? null : toNumber(row.confidence),
  error: row.error,
  updatedAt: toDate(row.updated_at),
});

const UPSERT_POSTGRES = `INSERT INTO equations (board_id, equation_id, text, latex, status, answer, answer_latex,
         steps, confidence, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)
       ON CONFLICT (board_id, equation_id) DO UPDATE SET
         text = EXCLUDED.text, latex = EXCLUDED.latex, status = EXCLUDED.status,
         answer = EXCLUDED.answer, answer_latex = EXCLUDED.answer_latex, steps = EXCLUDED.steps,
         confidence = EXCLUDED.confidence, error = EXCLUDED.error, updated_at = now()
       WHERE (equations.text, equations.latex, equations.status, equations.answer,
              equations.answer_latex, equations.steps, equations.confidence, equations.error)
         IS DISTINCT FROM (EXCLUDED.text, EXCLUDED.latex, EXCLUDED.status, EXCLUDED.answer,
              EXCLUDED.answer_latex, EXCLUDED.steps, EXCLUDED.confidence, EXCLUDED.error)`;

/** The same upsert in SQLite: steps are JSON text (compared as text; `JSON.stringify` of
 * equal steps is equal), and the time is `SQLITE_NOW`. */
const UPSERT_SQLITE = `INSERT INTO equations (board_id, equation_id, text, latex, status, answer, answer_latex,
         steps, confidence, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (board_id, equation_id) DO UPDATE SET
         text = excluded.text, latex = excluded.latex, status = excluded.status,
         answer = excluded.answer, answer_latex = excluded.answer_latex, steps = excluded.steps,
         confidence = excluded.confidence, error = excluded.error, updated_at = ${SQLITE_NOW}
       WHERE (equations.text, equations.latex, equations.status, equations.answer,
              equations.answer_latex, equations.steps, equations.confidence, equations.error)
         IS DISTINCT FROM (excluded.text, excluded.latex, excluded.status, excluded.answer,
              excluded.answer_latex, excluded.steps, excluded.confidence, excluded.error)`;

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
    await db.query(sql(db, { postgres: UPSERT_POSTGRES, sqlite: UPSERT_SQLITE }), [
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
    ]);
  }
  await db.query(
    sql(db, {
      postgres: 'DELETE FROM equations WHERE board_id = $1 AND NOT (equation_id = ANY($2::text[]))',
      sqlite: `DELETE FROM equations
       WHERE board_id = $1 AND equation_id NOT IN (SELECT value FROM json_each($2))`,
    }),
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

/** Full-text (words) or substring (LaTeX fragments such as `x^2`) search over boards.
 * SQLite has no `tsvector` here: there an equation matches when every word of the query
 * (split at white space) occurs in its text or LaTeX, case-insensitively for ASCII
 * (LIKE). That finds everything the substring match finds, and the searched rows are
 * only those of the boards asked for (one user's), so no full-text index is needed. */
export async function searchEquations(
  db: Queryable,
  boardIds: string[],
  query: string,
  limit: number,
): Promise<EquationHit[]> {
  const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (db.dialect === 'sqlite') {
    const words = query.split(/\s+/).filter(Boolean).map(like);
    const { rows } = await db.query<EquationRow>(
      `SELECT ${COLUMNS} FROM equations
       WHERE board_id IN (SELECT value FROM json_each($1)) AND NOT EXISTS (
         SELECT 1 FROM json_each($2) AS word
          WHERE (text || ' ' || latex) NOT LIKE word.value ESCAPE '\\')
       ORDER BY updated_at DESC LIMIT $3`,
      [boardIds, words, limit],
    );
    return rows.map(toHit);
  }
  const pattern = like(query);
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
