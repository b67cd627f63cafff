import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/database.ts';
import type { TestDatabase } from '../testing/external.ts';
import { freshEmbedded } from '../testing/external.ts';
import { loadStoredDocument } from '../db/documents.ts';
import { RELEASE_TURNS, UpdateLogWriter } from './update-log-writer.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshEmbedded();
});
afterAll(async () => {
  await t.drop();
});

describe('UpdateLogWriter (group commit)', () => {
  it('writes concurrent appends in few statements, each resolving once stored, in order', async () => {
    let statements = 0;
    const counting: Queryable = {
      dialect: t.db.dialect,
      query: <Row>(sql: string, params?: unknown[]) => {
        statements += 1;
        return t.db.query<Row>(sql, params);
      },
      exec: (sql: string) => t.db.exec(sql),
    };
    const batched = new UpdateLogWriter(counting);
    await Promise.all(
      Array.from({ length: 250 }, (_, i) =>
        batched.append('doc-a', new Uint8Array([i % 256, i >> 8])),
      ),
    );
    expect(statements).toBeLessThanOrEqual(4);
    const stored = await loadStoredDocument(t.db, 'doc-a');
    expect(stored.updates.map((u) => (u[0] ?? 0) + ((u[1] ?? 0) << 8))).toEqual(
      Array.from({ length: 250 }, (_, i) => i),
    );
    await batched.drain();
  });

  it('writes the appends of one event-loop turn in one statement, the first one included', async () => {
    // Updates read from different sockets in one poll phase arrive in one turn; the first
    // must not go alone (the embedded database never has a second INSERT in flight to batch
    // behind, so that was one statement per update).
    const statements: number[] = [];
    const counting: Queryable = {
      dialect: t.db.dialect,
      query: <Row>(sql: string, params?: unknown[]) => {
        // Rows per statement: the length of its first array parameter (the documents).
        statements.push((params?.[0] as unknown[] | undefined)?.length ?? 0);
        return t.db.query<Row>(sql, params);
      },
      exec: (sql: string) => t.db.exec(sql),
    };
    const writer = new UpdateLogWriter(counting);
    await Promise.all([1, 2, 3].map((i) => writer.append('doc-c', new Uint8Array([i]))));
    expect(statements).toEqual([3]);
  });

  it('resolves a large committed batch over a few event-loop turns, in order', async () => {
    // Resolved at once, a batch of hundreds (after a stalled fsync) ran the rest of every
    // message in it (apply, acknowledgement, hooks) in one microtask drain, and the
    // fan-outs arriving meanwhile waited that long (README, "Where SQLite's p99 comes from").
    let commits = 0;
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const gated: Queryable = {
      dialect: t.db.dialect,
      query: async <Row>(sql: string, params?: unknown[]) => {
        firstStarted();
        await gate;
        const result = await t.db.query<Row>(sql, params);
        commits += 1;
        return result;
      },
      exec: (sql: string) => t.db.exec(sql),
    };
    const writer = new UpdateLogWriter(gated);
    const first = writer.append('doc-d', new Uint8Array([0]));
    await started;
    // Queued behind the held INSERT: they go together in the second one.
    const count = 400;
    let turn = 0;
    const resolved: { index: number; turn: number; commits: number }[] = [];
    const rest = Array.from({ length: count }, (_, i) =>
      writer
        .append('doc-d', new Uint8Array([i % 256, i >> 8]))
        .then(() => resolved.push({ index: i, turn, commits })),
    );
    let counting = true;
    const countTurns = () => {
      turn += 1;
      if (counting) setImmediate(countTurns);
    };
    openGate();
    await first;
    setImmediate(countTurns);
    await Promise.all(rest);
    counting = false;
    expect(resolved.map((r) => r.index)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(resolved.every((r) => r.commits === 2)).toBe(true);
    const turns = new Set(resolved.map((r) => r.turn));
    expect(turns.size).toBeGreaterThan(1);
    expect(turns.size).toBeLessThanOrEqual(RELEASE_TURNS);
    await writer.drain();
    expect((await loadStoredDocument(t.db, 'doc-d')).updates).toHaveLength(count + 1);
  });

  it('rejects a failed batch and keeps working afterwards', async () => {
    const writer = new UpdateLogWriter(t.db);
    await t.db.exec('ALTER TABLE document_updates RENAME TO document_updates_away');
    try {
      const results = await Promise.allSettled([
        writer.append('doc-b', new Uint8Array([1])),
        writer.append('doc-b', new Uint8Array([2])),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await t.db.exec('ALTER TABLE document_updates_away RENAME TO document_updates');
    }
    await writer.append('doc-b', new Uint8Array([3]));
    expect((await loadStoredDocument(t.db, 'doc-b')).updates).toEqual([new Uint8Array([3])]);
  });
});
