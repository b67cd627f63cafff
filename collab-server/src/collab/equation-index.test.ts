import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addEquation, createBoardDoc } from '@motionmath/protocol';
import { latexToText } from '@motionmath/solver';
import type { Database } from '../db/database.ts';
import { equationHistory } from '../db/equations.ts';
import { createLogger } from '../logger.ts';
import { freshEmbedded } from '../testing/external.ts';
import { equationRows, indexEquations } from './equation-index.ts';

describe('equation index rows', () => {
  it("derive the searchable text from the LaTeX, not from the client's mathjs", async () => {
    const doc = createBoardDoc({ title: 'b', createdBy: 'u', createdAt: 1 });
    const common = { source: 'typed', confidence: 1, author: 'u', x: 0, y: 0, now: 1 } as const;
    addEquation(doc, { ...common, id: 'e1', latex: '2x+3=7', mathjs: 'rm -rf /' });
    addEquation(doc, { ...common, id: 'e2', latex: '\\frac{', mathjs: 'anything' });
    const { rows, invalid } = await equationRows(doc);
    expect(invalid).toEqual([]);
    const text = new Map(rows.map((r) => [r.equationId, r.text]));
    expect(text.get('e1')).toBe(latexToText('2x+3=7'));
    expect(text.get('e1')).not.toBe('rm -rf /');
    // Unreadable LaTeX is indexed by its LaTeX alone.
    expect(text.get('e2')).toBe('');
  });
});

describe('indexEquations', () => {
  it('clears the index of a board without equations in one statement, no transaction', async () => {
    const t = await freshEmbedded();
    try {
      let transactions = 0;
      const counting: Database = {
        ...t.db,
        query: (sql, params) => t.db.query(sql, params),
        exec: (sql) => t.db.exec(sql),
        transaction: (fn) => {
          transactions += 1;
          return t.db.transaction(fn);
        },
      };
      const logger = createLogger('silent', 'test');
      const board = randomUUID();
      const doc = createBoardDoc({ title: 'b', createdBy: 'u', createdAt: 1 });
      const common = { source: 'typed', confidence: 1, author: 'u', x: 0, y: 0, now: 1 } as const;
      addEquation(doc, { ...common, id: 'e1', latex: '1+1', mathjs: '1+1' });
      await indexEquations(counting, logger, board, doc);
      expect((await equationHistory(t.db, board, 10)).map((e) => e.equationId)).toEqual(['e1']);
      expect(transactions).toBe(1);

      const empty = createBoardDoc({ title: 'b', createdBy: 'u', createdAt: 1 });
      await indexEquations(counting, logger, board, empty);
      expect(await equationHistory(t.db, board, 10)).toEqual([]);
      expect(transactions).toBe(1);
    } finally {
      await t.drop();
    }
  });
});
