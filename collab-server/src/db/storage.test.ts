import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import * as Y from 'yjs';
import type { TestDatabase } from '../testing/external.ts';
import {
  freshPglite,
  freshPgliteThread,
  freshPostgres,
  freshSqlite,
  freshSqliteThread,
  probePostgres,
} from '../testing/external.ts';
import { migrate, MIGRATIONS } from './migrations.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import {
  createUser,
  findUserByEmail,
  findUserByOAuth,
  linkOAuthAccount,
  setTotpKey,
} from './users.ts';
import {
  deleteSession,
  deleteUserSessions,
  findSession,
  insertSession,
  listUserSessions,
  liveSessionIds,
} from './sessions.ts';
import {
  createBoard,
  deleteBoard,
  findLiveShareLink,
  getMemberRole,
  listShareLinks,
  revokeShareLink,
  grantAtLeast,
  insertShareLink,
  listBoardsForUser,
  removeMember,
  renameBoard,
  setMember,
} from './boards.ts';
import { appendUpdate, compactDocument, countLogEntries, loadStoredDocument } from './documents.ts';
import { equationHistory, searchEquations, syncEquationIndex } from './equations.ts';
import type { IndexedEquation } from './equations.ts';
import { audit, auditEntriesFor, recordEvent } from './events.ts';
import { deleteAccount, exportUserData } from './account-data.ts';
import { insertApiToken, liveApiTokenIds, useApiToken } from './api-tokens.ts';
import { purgeExpired } from './retention.ts';
import { getPersonalSamples, putPersonalSamples } from './samples.ts';

// The SQLite schema is the same migrations in SQLite's types: same ids, same names.
it('lists the same migrations for both dialects', () => {
  const names = (list: readonly { id: number; name: string }[]) =>
    list.map(({ id, name }) => `${id} ${name}`);
  expect(names(SQLITE_MIGRATIONS)).toEqual(names(MIGRATIONS));
});

/** The storage contract: the same assertions against every backend. */
const postgres = await probePostgres();
const backends: { name: string; open: () => Promise<TestDatabase>; skip: string | null }[] = [
  { name: 'pglite', open: freshPglite, skip: null },
  { name: 'pglite in a thread', open: freshPgliteThread, skip: null },
  { name: 'sqlite', open: freshSqlite, skip: null },
  { name: 'sqlite in a thread', open: freshSqliteThread, skip: null },
  { name: `postgres${postgres.label}`, open: freshPostgres, skip: postgres.skip },
];

function mergeWithYjs(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const update of updates) Y.applyUpdate(doc, update);
  return Y.encodeStateAsUpdate(doc);
}

function equation(id: string, latex: string, status = 'pending'): IndexedEquation {
  return {
    equationId: id,
    text: latex,
    latex,
    status,
    answer: null,
    answerLatex: null,
    steps: [],
    confidence: 0.9,
    error: null,
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip !== null)(`storage contract: ${backend.name}`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await backend.open();
    });
    afterAll(async () => {
      await t?.drop();
    });

    it('records migrations and re-running them is a no-op', async () => {
      const { rows } = await t.db.query<{ id: number }>(
        'SELECT id FROM schema_migrations ORDER BY id',
      );
      expect(rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
      expect(await migrate(t.db)).toEqual([]);
    });

    it('stores users with case-insensitive unique emails and OAuth links', async () => {
      const user = await createUser(t.db, {
        email: ' Ada@Example.org ',
        displayName: 'Ada',
        passwordHash: 'h',
      });
      expect(user.email).toBe('ada@example.org');
      expect((await findUserByEmail(t.db, 'ADA@example.org'))?.id).toBe(user.id);
      await expect(
        createUser(t.db, { email: 'ada@example.org', displayName: 'x', passwordHash: null }),
      ).rejects.toThrow();
      await linkOAuthAccount(t.db, 'github', '42', user.id);
      expect((await findUserByOAuth(t.db, 'github', '42'))?.id).toBe(user.id);
      expect(await findUserByOAuth(t.db, 'google', '42')).toBeNull();
    });

    it('keeps sessions by hash and deletes them one by one or all at once', async () => {
      const user = await createUser(t.db, {
        email: 's@x.org',
        displayName: 'S',
        passwordHash: null,
      });
      const expiresAt = new Date(Date.now() + 60_000);
      await insertSession(t.db, {
        id: 'a'.repeat(64),
        userId: user.id,
        expiresAt,
        twoFactorVerified: false,
      });
      await insertSession(t.db, {
        id: 'b'.repeat(64),
        userId: user.id,
        expiresAt,
        twoFactorVerified: true,
      });
      const found = await findSession(t.db, 'a'.repeat(64));
      expect(found?.userId).toBe(user.id);
      expect(found?.expiresAt.getTime()).toBe(expiresAt.getTime());
      expect(found?.twoFactorVerified).toBe(false);
      expect((await findSession(t.db, 'b'.repeat(64)))?.twoFactorVerified).toBe(true);
      await deleteSession(t.db, 'a'.repeat(64));
      expect(await findSession(t.db, 'a'.repeat(64))).toBeNull();
      expect(await deleteUserSessions(t.db, user.id)).toBe(1);
    });

    it("compares stored times with the database's clock and Date parameters alike", async () => {
      const user = await createUser(t.db, {
        email: 'clock@x.org',
        displayName: 'C',
        passwordHash: null,
      });
      const soon = new Date(Date.now() + 60_000);
      const past = new Date(Date.now() - 60_000);
      for (const [id, expiresAt] of [
        ['live', soon],
        ['gone', past],
      ] as const) {
        await insertSession(t.db, {
          id: `${id}-session`,
          userId: user.id,
          expiresAt,
          twoFactorVerified: false,
        });
        await insertApiToken(t.db, {
          id: `${id}-token`,
          userId: user.id,
          name: id,
          scopes: ['board:read', 'board:write'],
          boardId: null,
          expiresAt,
        });
      }
      expect((await listUserSessions(t.db, user.id)).map((s) => s.id)).toEqual(['live-session']);
      expect(await liveSessionIds(t.db, ['live-session', 'gone-session', 'none'])).toEqual(
        new Set(['live-session']),
      );
      expect(await liveApiTokenIds(t.db, ['live-token', 'gone-token'])).toEqual(
        new Set(['live-token']),
      );
      expect((await useApiToken(t.db, 'live-token'))?.scopes).toEqual([
        'board:read',
        'board:write',
      ]);
      // A second factor makes an unverified session dead; the key is stored as bytes.
      await setTotpKey(t.db, user.id, new Uint8Array([1, 2, 3]));
      expect((await findUserByEmail(t.db, 'clock@x.org'))?.totpKey).toEqual(
        new Uint8Array([1, 2, 3]),
      );
      expect(await liveSessionIds(t.db, ['live-session'])).toEqual(new Set());

      const board = await createBoard(t.db, user.id, 'Clock');
      await insertShareLink(t.db, {
        id: 'to-revoke',
        boardId: board.id,
        role: 'editor',
        expiresAt: soon,
        createdBy: user.id,
      });
      expect(await revokeShareLink(t.db, board.id, 'to-revoke')).toBe(true);
      expect(await revokeShareLink(t.db, board.id, 'to-revoke')).toBe(false);
      expect(await findLiveShareLink(t.db, 'to-revoke')).toBeNull();
      const [link] = await listShareLinks(t.db, board.id);
      expect(link?.revokedAt).toBeInstanceOf(Date);
      expect(link!.revokedAt!.getTime()).toBeGreaterThan(past.getTime());

      await putPersonalSamples(t.db, user.id, { version: 1, samples: [{ label: 'x' }] });
      const samples = await getPersonalSamples(t.db, user.id);
      expect(samples?.samples).toEqual({ version: 1, samples: [{ label: 'x' }] });
      expect(samples?.updatedAt).toBeInstanceOf(Date);

      // Retention: the gone session and token are purged, the live ones kept.
      const purged = await purgeExpired(t.db, { eventRetentionDays: 0, auditRetentionDays: 0 });
      expect(purged.sessions).toBeGreaterThanOrEqual(1);
      expect(await findSession(t.db, 'gone-session')).toBeNull();
      expect(await findSession(t.db, 'live-session')).not.toBeNull();
      expect(await liveApiTokenIds(t.db, ['live-token', 'gone-token'])).toEqual(
        new Set(['live-token']),
      );
    });

    it('finds only live API tokens', async () => {
      const user = await createUser(t.db, {
        email: 't@x.org',
        displayName: 'T',
        passwordHash: null,
      });
      await insertApiToken(t.db, {
        id: 'live',
        userId: user.id,
        name: 'ext',
        scopes: ['board:read'],
        boardId: null,
        expiresAt: null,
      });
      await insertApiToken(t.db, {
        id: 'old',
        userId: user.id,
        name: 'old',
        scopes: ['solver'],
        boardId: null,
        expiresAt: new Date(Date.now() - 1000),
      });
      expect((await useApiToken(t.db, 'live'))?.scopes).toEqual(['board:read']);
      expect(await useApiToken(t.db, 'old')).toBeNull();
    });

    it('manages boards, roles and share links', async () => {
      const owner = await createUser(t.db, {
        email: 'o@x.org',
        displayName: 'O',
        passwordHash: null,
      });
      const guest = await createUser(t.db, {
        email: 'g@x.org',
        displayName: 'G',
        passwordHash: null,
      });
      const board = await createBoard(t.db, owner.id, 'Algebra');
      expect(await getMemberRole(t.db, board.id, owner.id)).toBe('owner');
      expect(await getMemberRole(t.db, 'not-a-uuid', owner.id)).toBeNull();
      await setMember(t.db, board.id, guest.id, 'viewer');
      expect(await grantAtLeast(t.db, board.id, guest.id, 'editor')).toBe('editor');
      expect(await grantAtLeast(t.db, board.id, guest.id, 'viewer')).toBe('editor');
      expect((await listBoardsForUser(t.db, guest.id)).map((b) => [b.name, b.role])).toEqual([
        ['Algebra', 'editor'],
      ]);
      expect((await renameBoard(t.db, board.id, 'Geometry'))?.name).toBe('Geometry');
      expect(await removeMember(t.db, board.id, owner.id)).toBe(false);
      expect(await removeMember(t.db, board.id, guest.id)).toBe(true);

      await insertShareLink(t.db, {
        id: 'live',
        boardId: board.id,
        role: 'viewer',
        expiresAt: new Date(Date.now() + 60_000),
        createdBy: owner.id,
      });
      await insertShareLink(t.db, {
        id: 'expired',
        boardId: board.id,
        role: 'editor',
        expiresAt: new Date(Date.now() - 1),
        createdBy: owner.id,
      });
      expect((await findLiveShareLink(t.db, 'live'))?.role).toBe('viewer');
      expect(await findLiveShareLink(t.db, 'expired')).toBeNull();

      await appendUpdate(t.db, board.id, new Uint8Array([1]));
      await syncEquationIndex(t.db, board.id, [equation('e1', 'x+1=2')]);
      expect(await deleteBoard(t.db, board.id)).toBe(true);
      expect(await loadStoredDocument(t.db, board.id)).toEqual({ snapshot: null, updates: [] });
      expect(await equationHistory(t.db, board.id, 10)).toEqual([]);
    });

    it('loads snapshot + log tail and compacts without losing updates', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const items = doc.getArray<number>('items');
      for (let i = 0; i < 20; i++) items.push([i]);
      for (const u of updates.slice(0, 10)) await appendUpdate(t.db, 'doc-1', u);
      expect(await compactDocument(t.db, 'doc-1', mergeWithYjs)).toBe(10);
      expect(await compactDocument(t.db, 'doc-1', mergeWithYjs)).toBe(0);
      for (const u of updates.slice(10)) await appendUpdate(t.db, 'doc-1', u);
      expect(await countLogEntries(t.db, 'doc-1')).toBe(10);

      const stored = await loadStoredDocument(t.db, 'doc-1');
      expect(stored.snapshot).not.toBeNull();
      expect(stored.updates).toHaveLength(10);
      const restored = new Y.Doc();
      Y.applyUpdate(restored, mergeWithYjs(stored.snapshot, stored.updates));
      expect(restored.getArray('items').toArray()).toEqual(items.toArray());

      // Concurrent compactions fold each row exactly once.
      const folded = await Promise.all([
        compactDocument(t.db, 'doc-1', mergeWithYjs),
        compactDocument(t.db, 'doc-1', mergeWithYjs),
      ]);
      expect(folded.sort()).toEqual([0, 10]);
      const after = await loadStoredDocument(t.db, 'doc-1');
      expect(after.updates).toEqual([]);
      const again = new Y.Doc();
      Y.applyUpdate(again, after.snapshot!);
      expect(again.getArray('items').toArray()).toEqual(items.toArray());
    });

    it('indexes equations for history and search, updating only real changes', async () => {
      await syncEquationIndex(t.db, 'b1', [equation('e1', 'x^2-5x+6=0'), equation('e2', '2x+3=7')]);
      await syncEquationIndex(t.db, 'b2', [equation('e9', 'x^2=4')]);
      const before = await equationHistory(t.db, 'b1', 10);
      expect(before.map((e) => e.equationId).sort()).toEqual(['e1', 'e2']);
      await syncEquationIndex(t.db, 'b1', [
        {
          ...equation('e1', 'x^2-5x+6=0', 'solved'),
          answer: 'x = 2 or x = 3',
          steps: [{ latex: 'x=2' }],
        },
      ]);
      const after = await equationHistory(t.db, 'b1', 10);
      expect(after).toHaveLength(1);
      expect(after[0]).toMatchObject({
        status: 'solved',
        answer: 'x = 2 or x = 3',
        steps: [{ latex: 'x=2' }],
        confidence: 0.9,
      });
      const hits = await searchEquations(t.db, ['b1', 'b2'], 'x^2', 10);
      expect(hits.map((h) => h.equationId).sort()).toEqual(['e1', 'e9']);
      // Words match in any order, case aside; LIKE's wildcards are plain characters.
      await syncEquationIndex(t.db, 'b3', [
        { ...equation('e3', 'x^2+1=0'), text: 'Quadratic with no real roots' },
      ]);
      const words = await searchEquations(t.db, ['b1', 'b3'], 'ROOTS quadratic', 10);
      expect(words.map((h) => h.equationId)).toEqual(['e3']);
      expect(await searchEquations(t.db, ['b3'], 'roots cubic', 10)).toEqual([]);
      expect(await searchEquations(t.db, ['b1', 'b3'], '100%', 10)).toEqual([]);
      expect(await searchEquations(t.db, ['b2'], '5x', 10)).toEqual([]);
    });

    it('exports a user and deletes the account with owned boards', async () => {
      const user = await createUser(t.db, {
        email: 'gdpr@x.org',
        displayName: 'G',
        passwordHash: 'secret-hash',
      });
      const board = await createBoard(t.db, user.id, 'Mine');
      await syncEquationIndex(t.db, board.id, [equation('e1', '1+1')]);
      await recordEvent(t.db, { name: 'board.create', userId: user.id, boardId: board.id });
      await audit(t.db, { actorId: user.id, action: 'auth.signup', target: user.id });
      const data = await exportUserData(t.db, user.id);
      expect(data?.user.email).toBe('gdpr@x.org');
      expect(JSON.stringify(data)).not.toContain('secret-hash');
      expect(data?.boards[0]?.equations).toHaveLength(1);
      expect(data?.analyticsEvents).toHaveLength(1);
      expect(await deleteAccount(t.db, user.id)).toEqual([board.id]);
      expect(await findUserByEmail(t.db, 'gdpr@x.org')).toBeNull();
      expect(await equationHistory(t.db, board.id, 10)).toEqual([]);
      expect(await auditEntriesFor(t.db, user.id)).toEqual([]);
      const anonymous = await t.db.query(
        `SELECT 1 FROM audit_log WHERE action = 'auth.signup' AND actor_id IS NULL`,
      );
      expect(anonymous.rows).toHaveLength(1);
    });

    it('rolls back a failed transaction', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await tx.query(`INSERT INTO analytics_events (name) VALUES ('rolled-back')`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await t.db.query(
        `SELECT 1 FROM analytics_events WHERE name = 'rolled-back'`,
      );
      expect(rows).toEqual([]);
    });
  });
}
