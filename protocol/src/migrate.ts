import type * as Y from 'yjs';
import { boardRoots } from './board.ts';
import { BoardValidationError, BoardVersionError } from './errors.ts';
import { BOARD_SCHEMA_VERSION } from './schema.ts';

/** Context a migration may need: it must not read clocks or identities itself. */
export interface MigrationContext {
  readonly now: number;
  readonly actor: string;
}

/** `MIGRATIONS[n]` upgrades a document from version n to n + 1, inside one transaction. */
type Migration = (doc: Y.Doc, context: MigrationContext) => void;

const MIGRATIONS: Record<number, Migration> = {
  /**
   * 0 → 1: documents created before versioning (or by a client that never initialised
   * the board) have no meta. Give them one; their content is already in the v1 layout.
   */
  0: (doc, { now, actor }) => {
    const { meta } = boardRoots(doc);
    if (typeof meta.get('title') !== 'string') meta.set('title', 'Untitled board');
    if (typeof meta.get('createdAt') !== 'number') meta.set('createdAt', now);
    if (typeof meta.get('createdBy') !== 'string') meta.set('createdBy', actor);
    meta.set('schemaVersion', 1);
  },
};

/** The stored version: 0 when absent. Throws when it is not a whole number. */
export function schemaVersionOf(doc: Y.Doc): number {
  const value = boardRoots(doc).meta.get('schemaVersion');
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new BoardValidationError(
      'meta.schemaVersion',
      `expected a whole number, got ${String(value)}`,
    );
  }
  return value;
}

export interface MigrationResult {
  readonly from: number;
  readonly to: number;
}

/**
 * Bring a document up to `BOARD_SCHEMA_VERSION`. Run by the server when it loads a board
 * (so every client sees one layout). A document from a newer version is refused rather
 * than rewritten: old code must never damage what new code wrote.
 */
export function migrateBoard(doc: Y.Doc, context: MigrationContext): MigrationResult {
  const from = schemaVersionOf(doc);
  if (from > BOARD_SCHEMA_VERSION) throw new BoardVersionError(from, BOARD_SCHEMA_VERSION);
  if (from === BOARD_SCHEMA_VERSION) return { from, to: from };
  doc.transact(() => {
    for (let version = from; version < BOARD_SCHEMA_VERSION; version++) {
      const migration = MIGRATIONS[version];
      if (migration === undefined)
        throw new Error(`no migration from board schema version ${version}`);
      migration(doc, context);
    }
  });
  return { from, to: BOARD_SCHEMA_VERSION };
}
