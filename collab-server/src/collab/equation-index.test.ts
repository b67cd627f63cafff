import { describe, expect, it } from 'vitest';
import { addEquation, createBoardDoc } from '@motionmath/protocol';
import { latexToText } from '@motionmath/solver';
import { equationRows } from './equation-index.ts';

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
