import {
  BOARD_SCHEMA_VERSION,
  addStroke,
  boardRoots,
  listStrokes,
  readMeta,
} from '@motionmath/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendUpdate } from '../db/documents.ts';
import type { RunningServer } from '../testing/harness.ts';
import { connect, newBoard, signUp, startServer, waitFor } from '../testing/harness.ts';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.server.close();
  running = null;
});

describe('board schema on load', () => {
  it('gives a new board its meta, titled from the database', async () => {
    running = await startServer();
    const { url, wsUrl } = running;
    const user = await signUp(url);
    const board = await newBoard(url, user.token, 'Algebra 1');
    const client = await connect(wsUrl, board, user.token);
    await waitFor('the meta to arrive', () => boardRoots(client.doc).meta.has('schemaVersion'));
    expect(readMeta(client.doc)).toMatchObject({
      title: 'Algebra 1',
      schemaVersion: BOARD_SCHEMA_VERSION,
      createdBy: 'motionmath-server',
    });
    client.destroy();
  });

  it('migrates a stored document from before versioning and keeps its content', async () => {
    running = await startServer();
    const { url, wsUrl, server } = running;
    const user = await signUp(url);
    const board = await newBoard(url, user.token, 'Legacy');
    const legacy = new Y.Doc();
    addStroke(legacy, {
      id: 'old-stroke',
      points: [{ x: 1, y: 2, pressure: 0.5, t: 0 }],
      color: '#000000',
      width: 2,
      author: 'someone',
      createdAt: 1,
    });
    await appendUpdate(server.db, board, Y.encodeStateAsUpdate(legacy));
    const client = await connect(wsUrl, board, user.token);
    await waitFor('the migration to arrive', () =>
      boardRoots(client.doc).meta.has('schemaVersion'),
    );
    expect(readMeta(client.doc)).toMatchObject({ title: 'Legacy', schemaVersion: 1 });
    expect(listStrokes(client.doc).items.map((s) => s.id)).toEqual(['old-stroke']);
    client.destroy();
  });

  it('leaves a document from a newer schema untouched', async () => {
    running = await startServer();
    const { url, wsUrl, server } = running;
    const user = await signUp(url);
    const board = await newBoard(url, user.token, 'Future');
    const future = new Y.Doc();
    boardRoots(future).meta.set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    boardRoots(future).meta.set('title', 'From the future');
    await appendUpdate(server.db, board, Y.encodeStateAsUpdate(future));
    const client = await connect(wsUrl, board, user.token);
    expect(boardRoots(client.doc).meta.toJSON()).toEqual({
      schemaVersion: BOARD_SCHEMA_VERSION + 1,
      title: 'From the future',
    });
    client.destroy();
  });
});
