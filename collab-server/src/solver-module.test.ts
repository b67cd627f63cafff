import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addEquation } from '@motionmath/protocol';
import { countLogEntries } from './db/documents.ts';
import { equationHistory } from './db/equations.ts';
import type { RunningServer } from './testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from './testing/harness.ts';
import { attachSolver } from './worker/attach.ts';
import type { AttachedSolver } from './worker/attach.ts';

// Counts the imports of the solver: the factory runs when some module first imports it,
// statically or not.
const imports = vi.hoisted(() => ({ solver: 0 }));
vi.mock('@motionmath/solver', async (importOriginal) => {
  imports.solver += 1;
  return importOriginal();
});

let s: RunningServer;
let solver: AttachedSolver;
let owner: { token: string };
beforeAll(async () => {
  s = await startServer({ storeDebounceMs: 50, storeMaxDebounceMs: 200 });
  solver = attachSolver(s.server, { workers: 0 });
  owner = await signUp(s.url);
});
afterAll(async () => {
  await solver.stop();
  await s.server.close();
});

describe('the solver module, loaded at first use', () => {
  it('is not loaded by a server without workers whose boards hold no equation', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token);
    for (let i = 0; i < 5; i++) client.doc.getArray('strokes').push([i]);
    await waitFor('the edits acknowledged', () => client.provider.unsyncedChanges === 0);
    client.destroy();
    // The last client left: stored, compacted and indexed (with no equation to index).
    await waitFor('the final store', async () => (await countLogEntries(s.server.db, board)) === 0);
    await s.server.storage.flush();
    expect(imports.solver).toBe(0);
  });

  it('is loaded by the first board with an equation, and indexes its text', async () => {
    const board = await newBoard(s.url, owner.token);
    const direct = await s.server.hocuspocus.openDirectConnection(board);
    await direct.transact((doc) => {
      addEquation(doc, {
        id: 'eq-1',
        source: 'typed',
        latex: '2x+3=7',
        mathjs: 'not what is indexed',
        confidence: 1,
        author: 'tester',
        x: 0,
        y: 0,
        now: Date.now(),
      });
    });
    await direct.disconnect();
    await s.server.storage.flush();
    await waitFor(
      'the equation index',
      async () => (await equationHistory(s.server.db, board, 10)).length === 1,
    );
    expect(imports.solver).toBe(1);
    const { latexToText } = await import('@motionmath/solver');
    const [row] = await equationHistory(s.server.db, board, 10);
    expect(row?.text).toBe(latexToText('2x+3=7'));
    expect(row?.text).not.toBe('');
  });
});
