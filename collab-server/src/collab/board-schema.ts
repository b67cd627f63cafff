import type { Extension, afterLoadDocumentPayload } from '@hocuspocus/server';
import {
  BOARD_SCHEMA_VERSION,
  BoardVersionError,
  LIMITS,
  initBoard,
  migrateBoard,
  schemaVersionOf,
} from '@motionmath/protocol';
import type { Logger } from '../logger.ts';

export interface BoardSchemaConfig {
  /** The board's name in the database, for the title of a brand-new document. */
  readonly titleOf: (board: string) => Promise<string | null>;
  readonly logger: Logger;
  readonly now: () => number;
}

/** Who the document says created or migrated it, when the server did. */
const SERVER_ACTOR = 'motionmath-server';

/**
 * Keeps every board document on the current schema: a new board gets its meta (title
 * from the database), an older one is migrated once, by the server, as it loads, so
 * clients only ever see one layout. A document written by a newer version is left
 * untouched: old code must never rewrite what new code wrote.
 */
export class BoardSchema implements Extension {
  extensionName = 'motionmath-board-schema';
  readonly #config: BoardSchemaConfig;

  constructor(config: Partial<BoardSchemaConfig> & Pick<BoardSchemaConfig, 'titleOf' | 'logger'>) {
    this.#config = { now: Date.now, ...config };
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const { logger, now, titleOf } = this.#config;
    try {
      const version = schemaVersionOf(document);
      if (version === BOARD_SCHEMA_VERSION) return;
      const title = version === 0 ? await titleOf(documentName) : null;
      document.transact(() => {
        if (title !== null) {
          initBoard(document, {
            title: title.slice(0, LIMITS.titleLength),
            createdBy: SERVER_ACTOR,
            createdAt: now(),
          });
        }
        migrateBoard(document, { now: now(), actor: SERVER_ACTOR });
      });
      logger.info(
        { board: documentName, from: version, to: BOARD_SCHEMA_VERSION },
        'board document migrated',
      );
    } catch (error) {
      // Never block loading: the document stays as it is, readers validate anyway.
      if (error instanceof BoardVersionError) {
        logger.warn(
          { board: documentName, found: error.found },
          'board from a newer schema; not migrating',
        );
      } else {
        logger.error({ err: error, board: documentName }, 'board migration failed');
      }
    }
  }
}
