import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addEquation } from '@motionmath/protocol';
import { countLogEntries, loadStoredDocument } from '../db/documents.ts';
import { equationHistory } from '../db/equations.ts';
import type { TestDatabase } from '../testing/external.ts';
import { freshEmbedded } from '../testing/external.ts';
import type { RunningServer } from '../testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';

let t: TestDatabase;
let s: RunningServer;
let owner: { token: string };
beforeAll(async () => {
  t = await freshEmbedded();
  s = await startServer({
    database: t.db,
    compactAfterUpdates: 10,
    storeDebounceMs: 50,
    storeMaxDebounceMs: 200,
  });
  owner = await signUp(s.url);
});
afterAll(async () => {
  await s.server.close();
  await t.drop();
});

describe('durable storage', () => {
  it('compacts the log into a snapshot and loads snapshot + tail', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token);
    for (let i = 0; i < 30; i++) client.doc.getArray('items').push([i]);
    await waitFor('all edits acknowledged', () => client.provider.unsyncedChanges === 0);
    await waitFor(
      'a compaction while connected',
      async () => (await countLogEntries(t.db, board)) < 30,
    );
    client.destroy();
    await waitFor(
      'the final compaction on unload',
      async () => (await countLogEntries(t.db, board)) === 0,
    );
    expect((await loadStoredDocument(t.db, board)).snapshot).not.toBeNull();
    const again = await connect(s.wsUrl, board, owner.token);
    expect(again.doc.getArray('items').toArray()).toEqual(Array.from({ length: 30 }, (_, i) => i));
    again.destroy();
  });

  it('stores server-side writes and indexes equations with the protocol reader', async () => {
    const board = await newBoard(s.url, owner.token);
    const direct = await s.server.hocuspocus.openDirectConnection(board);
    await direct.transact((doc) => {
      addEquation(doc, {
        id: 'eq-1',
        source: 'typed',
        latex: 'x^2-5x+6=0',
        mathjs: 'x^2-5x+6=0',
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
      async () => (await equationHistory(t.db, board, 10)).length === 1,
    );
    expect((await equationHistory(t.db, board, 10))[0]).toMatchObject({
      equationId: 'eq-1',
      latex: 'x^2-5x+6=0',
      status: 'pending',
      confidence: 1,
    });
    const client = await connect(s.wsUrl, board, owner.token);
    expect(client.doc.getMap('equations').has('eq-1')).toBe(true);
    client.destroy();
  });

  it('a re-sync answered from the cached state still collects what only the client has', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token);
    await waitFor('the handshake to settle', () => client.provider.unsyncedChanges === 0);
    // An edit the server has not seen (origin = the provider, so it is not sent as an
    // update): only the server's own sync step 1 in the reply can ask for it.
    const offline = new Y.Doc();
    offline.getArray('items').push(['offline edit']);
    Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(offline), client.provider);
    // A second step 1 on an authenticated document is answered by the full-state cache.
    client.provider.forceSync();
    await waitFor('the re-sync to be acknowledged', () => client.provider.unsyncedChanges === 0);
    client.destroy();
    const reader = await connect(s.wsUrl, board, owner.token);
    expect(reader.doc.getArray('items').toArray()).toEqual(['offline edit']);
    reader.destroy();
  });

  it('re-indexes equations on store only when they changed', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token);
    const equation = (id: string) =>
      addEquation(client.doc, {
        id,
        source: 'typed',
        latex: 'x+1=2',
        mathjs: 'x+1=2',
        confidence: 1,
        author: 'tester',
        x: 0,
        y: 0,
        now: Date.now(),
      });
    const indexed = async () =>
      (await equationHistory(t.db, board, 10)).map((e) => e.equationId).sort();
    equation('eq-a');
    await waitFor('eq-a indexed', async () => (await indexed()).length === 1);
    // Forget the index row: a store that re-indexes would write it back.
    await t.db.query('DELETE FROM equations WHERE board_id = $1', [board]);
    const rowsBefore = await countLogEntries(t.db, board);
    client.doc.getArray('items').push(['not an equation']);
    await waitFor('the edit stored', async () => (await countLogEntries(t.db, board)) > rowsBefore);
    // The edit's store was scheduled when it was applied (before its row was written).
    const storeId = `onStoreDocument-${board}`;
    const { debouncer } = s.server.hocuspocus;
    await waitFor(
      'the store after the edit to finish',
      () => !debouncer.isDebounced(storeId) && !debouncer.isCurrentlyExecuting(storeId),
    );
    expect(await indexed()).toEqual([]);
    equation('eq-b');
    await waitFor('both indexed again', async () => (await indexed()).length === 2);
    client.destroy();
  });

  it('fans an update out to this instance before it is stored, and acknowledges it only once stored', async () => {
    const board = await newBoard(s.url, owner.token);
    const writer = await connect(s.wsUrl, board, owner.token);
    const reader = await connect(s.wsUrl, board, owner.token);
    await waitFor('the handshake to settle', () => writer.provider.unsyncedChanges === 0);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // An open transaction holds the log table (and the embedded database's one
    // connection; on SQLite its BEGIN IMMEDIATE is the lock): the append waits until it
    // ends.
    const locking = t.db.transaction(async (tx) => {
      if (tx.dialect === 'postgres')
        await tx.query('LOCK TABLE document_updates IN EXCLUSIVE MODE');
      await held;
    });
    try {
      writer.doc.getArray('items').push(['early']);
      await waitFor(
        'the reader to receive the edit',
        () => reader.doc.getArray('items').length === 1,
      );
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
    } finally {
      release();
      await locking;
    }
    await waitFor('the edit acknowledged', () => writer.provider.unsyncedChanges === 0);
    const stored = await loadStoredDocument(t.db, board);
    expect(stored.updates.length).toBeGreaterThan(0);
    writer.destroy();
    reader.destroy();
  });

  it('does not acknowledge what it could not store; the client resends after reconnecting', async () => {
    const board = await newBoard(s.url, owner.token);
    const client = await connect(s.wsUrl, board, owner.token);
    const closes: number[] = [];
    client.provider.on('close', ({ event }: { event: { code: number } }) =>
      closes.push(event.code),
    );
    client.doc.getArray('items').push(['before']);
    await waitFor('the first edit acknowledged', () => client.provider.unsyncedChanges === 0);
    // A real database failure: the log table disappears for a moment.
    await t.db.exec('ALTER TABLE document_updates RENAME TO document_updates_away');
    try {
      client.doc.getArray('items').push(['during outage']);
      await waitFor('the connection to close with 4503', () => closes.includes(4503));
      expect(client.provider.unsyncedChanges).toBeGreaterThan(0);
    } finally {
      await t.db.exec('ALTER TABLE document_updates_away RENAME TO document_updates');
    }
    await waitFor(
      'the reconnected client to sync its edit',
      () => client.provider.isSynced && client.provider.unsyncedChanges === 0,
    );
    client.destroy();
    const stored = await connect(s.wsUrl, board, owner.token);
    expect(stored.doc.getArray('items').toArray()).toEqual(['before', 'during outage']);
    stored.destroy();
  });
});

describe('graceful shutdown', () => {
  it('closes connections, stores everything and restarts with the data', async () => {
    const first = await startServer({ database: t.db });
    const user = await signUp(first.url);
    const board = await newBoard(first.url, user.token);
    const client = await connect(first.wsUrl, board, user.token, { reconnect: false });
    client.doc.getArray('items').push(['kept']);
    await waitFor('the edit acknowledged', () => client.provider.unsyncedChanges === 0);
    await first.server.close();
    expect(first.server.hocuspocus.getDocumentsCount()).toBe(0);
    expect(await countLogEntries(t.db, board)).toBe(0);
    client.destroy();
    const second = await startServer({ database: t.db });
    const again = await connect(second.wsUrl, board, user.token);
    expect(again.doc.getArray('items').toArray()).toEqual(['kept']);
    again.destroy();
    await second.server.close();
  });
});
