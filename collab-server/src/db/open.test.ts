import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE, chooseEmbedded } from './open.ts';

/** A folder that looks like PGlite's (what `chooseEmbedded` checks: its PG_VERSION). */
function pgliteAt(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'PG_VERSION'), '17\n');
}

describe('choosing the embedded database', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mm-embedded-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('defaults to SQLite in .data/sqlite', () => {
    expect(chooseEmbedded({ engine: undefined, dataDir: undefined, root })).toEqual({
      engine: 'sqlite',
      dataDir: join(root, '.data', 'sqlite'),
    });
  });

  it('keeps an existing PGlite database, saying how to choose, until SQLite has one', () => {
    pgliteAt(join(root, '.data', 'pglite'));
    const kept = chooseEmbedded({ engine: undefined, dataDir: undefined, root });
    expect(kept).toMatchObject({ engine: 'pglite', dataDir: join(root, '.data', 'pglite') });
    expect(kept.notice).toContain('EMBEDDED_DB=pglite');
    const asked = chooseEmbedded({ engine: 'sqlite', dataDir: undefined, root });
    expect(asked).toMatchObject({ engine: 'sqlite', dataDir: join(root, '.data', 'sqlite') });
    expect(asked.notice).toContain('is not read');
    mkdirSync(join(root, '.data', 'sqlite'));
    writeFileSync(join(root, '.data', 'sqlite', SQLITE_FILE), '');
    expect(chooseEmbedded({ engine: undefined, dataDir: undefined, root })).toEqual({
      engine: 'sqlite',
      dataDir: join(root, '.data', 'sqlite'),
    });
  });

  it('uses DATA_DIR for either engine, and refuses SQLite beside PGlite data there', () => {
    const dataDir = join(root, 'mine');
    expect(chooseEmbedded({ engine: undefined, dataDir, root })).toEqual({
      engine: 'sqlite',
      dataDir,
    });
    pgliteAt(dataDir);
    const kept = chooseEmbedded({ engine: undefined, dataDir, root });
    expect(kept).toMatchObject({ engine: 'pglite', dataDir });
    expect(kept.notice).toContain(
      'EMBEDDED_DB=sqlite to start an empty SQLite database in another DATA_DIR',
    );
    expect(chooseEmbedded({ engine: 'pglite', dataDir, root })).toEqual({
      engine: 'pglite',
      dataDir,
    });
    expect(() => chooseEmbedded({ engine: 'sqlite', dataDir, root })).toThrow(
      'holds a PGlite database',
    );
  });
});
