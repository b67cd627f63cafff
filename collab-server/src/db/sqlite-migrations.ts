import type { Migration } from './migrations.ts';

/**
 * The schema of `migrations.ts` in SQLite, migration for migration (same ids and names,
 * so `schema_migrations` reads the same on every store). Types map as: uuid, text[]
 * (JSON) and jsonb (JSON) → TEXT; timestamptz → ISO-8601 TEXT (`T` = the default below,
 * the format the adapter binds Dates in); boolean → INTEGER 0/1; bytea → BLOB; an
 * identity column → INTEGER PRIMARY KEY AUTOINCREMENT (never reuses a value, like an
 * identity). The equations' full-text index has no counterpart: searches over one
 * user's boards scan those boards' rows with LIKE (equations.ts). Append new migrations
 * here too; never edit an applied one.
 */
const T = `TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        password_hash TEXT,
        totp_key BLOB,
        created_at ${T}
      );
      CREATE TABLE oauth_accounts (
        provider TEXT NOT NULL,
        provider_user_id TEXT NOT NULL,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at ${T},
        PRIMARY KEY (provider, provider_user_id)
      );
      CREATE INDEX oauth_accounts_user ON oauth_accounts (user_id);
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at TEXT NOT NULL,
        two_factor_verified INTEGER NOT NULL DEFAULT 0,
        created_at ${T}
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,
        board_id TEXT,
        expires_at TEXT,
        last_used_at TEXT,
        created_at ${T}
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);
    `,
  },
  {
    id: 2,
    name: 'boards',
    sql: `
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at ${T},
        updated_at ${T}
      );
      CREATE TABLE board_members (
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        created_at ${T},
        PRIMARY KEY (board_id, user_id)
      );
      CREATE INDEX board_members_user ON board_members (user_id);
      CREATE TABLE share_links (
        id TEXT PRIMARY KEY,
        board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('editor', 'viewer')),
        created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT,
        created_at ${T}
      );
      CREATE INDEX share_links_board ON share_links (board_id);
    `,
  },
  {
    id: 3,
    name: 'documents',
    // "update" is a keyword in SQLite (PostgreSQL accepts it as a column name): quoted
    // in every SQLite statement that names it.
    sql: `
      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document TEXT NOT NULL,
        "update" BLOB NOT NULL,
        created_at ${T}
      );
      CREATE INDEX document_updates_document ON document_updates (document, seq);
      CREATE TABLE document_snapshots (
        document TEXT PRIMARY KEY,
        state BLOB NOT NULL,
        last_seq INTEGER NOT NULL,
        updated_at ${T}
      );
    `,
  },
  {
    id: 4,
    name: 'equations',
    sql: `
      CREATE TABLE equations (
        board_id TEXT NOT NULL,
        equation_id TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        latex TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        answer TEXT,
        answer_latex TEXT,
        steps TEXT NOT NULL DEFAULT '[]',
        confidence REAL,
        error TEXT,
        created_at ${T},
        updated_at ${T},
        PRIMARY KEY (board_id, equation_id)
      );
      CREATE INDEX equations_history ON equations (board_id, updated_at DESC);
      CREATE INDEX equations_status ON equations (status, updated_at);
    `,
  },
  {
    id: 5,
    name: 'events',
    sql: `
      CREATE TABLE analytics_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
        board_id TEXT,
        props TEXT NOT NULL DEFAULT '{}',
        created_at ${T}
      );
      CREATE INDEX analytics_events_name ON analytics_events (name, created_at);
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        actor_id TEXT REFERENCES users(id) ON DELETE SET NULL,
        action TEXT NOT NULL,
        target TEXT,
        details TEXT NOT NULL DEFAULT '{}',
        ip TEXT,
        created_at ${T}
      );
      CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
      CREATE INDEX audit_log_action ON audit_log (action, created_at);
    `,
  },
  {
    id: 6,
    name: 'solver_jobs',
    // Only PostgreSQL's shared queue uses it (worker/queue-postgres.ts); created so the
    // schemas stay migration-for-migration equal.
    sql: `
      CREATE TABLE solver_jobs (
        board_id TEXT NOT NULL,
        equation_id TEXT NOT NULL,
        enqueued_at ${T},
        lease_owner TEXT,
        lease_until TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        requeue INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (board_id, equation_id)
      );
      CREATE INDEX solver_jobs_ready ON solver_jobs (enqueued_at);
    `,
  },
  {
    id: 7,
    name: 'personal_samples',
    sql: `
      CREATE TABLE personal_samples (
        user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        samples TEXT NOT NULL,
        updated_at ${T}
      );
    `,
  },
];
