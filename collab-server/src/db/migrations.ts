import type { Database, Queryable } from './database.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * The one ordered list of schema migrations, for PostgreSQL and PGlite alike (SQLite's
 * are the same migrations in its types: sqlite-migrations.ts). Append new migrations;
 * never edit an applied one. Each runs in its own transaction and is recorded in
 * `schema_migrations`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'accounts',
    sql: `
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text,
        totp_key bytea,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE oauth_accounts (
        provider text NOT NULL,
        provider_user_id text NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, provider_user_id)
      );
      CREATE INDEX oauth_accounts_user ON oauth_accounts (user_id);
      -- id is the SHA-256 (hex) of the session token: a database leak reveals no usable token.
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        two_factor_verified boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sessions_user ON sessions (user_id);
      CREATE TABLE api_tokens (
        id text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL,
        scopes text[] NOT NULL,
        board_id uuid,
        expires_at timestamptz,
        last_used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX api_tokens_user ON api_tokens (user_id);
    `,
  },
  {
    id: 2,
    name: 'boards',
    sql: `
      CREATE TABLE boards (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE board_members (
        board_id uuid NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (board_id, user_id)
      );
      CREATE INDEX board_members_user ON board_members (user_id);
      CREATE TABLE share_links (
        id text PRIMARY KEY,
        board_id uuid NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('editor', 'viewer')),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX share_links_board ON share_links (board_id);
    `,
  },
  {
    id: 3,
    name: 'documents',
    sql: `
      -- Append-only log: every accepted Yjs update lands here before it is acknowledged.
      CREATE TABLE document_updates (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document text NOT NULL,
        update bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_updates_document ON document_updates (document, seq);
      -- Compaction folds the log up to last_seq into one snapshot.
      CREATE TABLE document_snapshots (
        document text PRIMARY KEY,
        state bytea NOT NULL,
        last_seq bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    id: 4,
    name: 'equations',
    sql: `
      CREATE TABLE equations (
        board_id text NOT NULL,
        equation_id text NOT NULL,
        text text NOT NULL DEFAULT '',
        latex text NOT NULL DEFAULT '',
        status text NOT NULL,
        answer text,
        answer_latex text,
        steps jsonb NOT NULL DEFAULT '[]',
        confidence double precision,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (board_id, equation_id)
      );
      CREATE INDEX equations_history ON equations (board_id, updated_at DESC);
      CREATE INDEX equations_status ON equations (status, updated_at);
      CREATE INDEX equations_search ON equations
        USING gin (to_tsvector('simple', text || ' ' || latex));
    `,
  },
  {
    id: 5,
    name: 'events',
    sql: `
      CREATE TABLE analytics_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        board_id text,
        props jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX analytics_events_name ON analytics_events (name, created_at);
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        target text,
        details jsonb NOT NULL DEFAULT '{}',
        ip text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX audit_log_actor ON audit_log (actor_id, created_at);
      CREATE INDEX audit_log_action ON audit_log (action, created_at);
    `,
  },
  {
    id: 6,
    name: 'solver_jobs',
    // The solve queue when PostgreSQL is the shared store (no Redis): one row per
    // equation waiting for, or leased by, a solver worker (see worker/queue-postgres.ts).
    sql: `
      CREATE TABLE solver_jobs (
        board_id text NOT NULL,
        equation_id text NOT NULL,
        enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        lease_owner text,
        lease_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        requeue boolean NOT NULL DEFAULT false,
        PRIMARY KEY (board_id, equation_id)
      );
      CREATE INDEX solver_jobs_ready ON solver_jobs (enqueued_at);
    `,
  },
  {
    id: 7,
    name: 'personal_samples',
    // The user's handwriting samples for the recognizer (its exportSamples() file), gone
    // with the account (ON DELETE CASCADE).
    sql: `
      CREATE TABLE personal_samples (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        samples jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** Arbitrary constant key for the advisory lock that serializes concurrent migrators
 * (several instances starting at once against one PostgreSQL). */
const MIGRATION_LOCK_KEY = 727_001;

/** Applies every migration not yet recorded, in order. Returns the ids it applied. On
 * SQLite, `BEGIN IMMEDIATE` already serializes migrators (the advisory lock's job). */
export async function migrate(db: Database): Promise<number[]> {
  const postgres = db.dialect === 'postgres';
  const lock = async (tx: Queryable) => {
    if (postgres) await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
  };
  await db.transaction(async (tx) => {
    await lock(tx);
    await tx.exec(
      postgres
        ? `CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`
        : `CREATE TABLE IF NOT EXISTS schema_migrations (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    )`,
    );
  });
  const applied: number[] = [];
  for (const migration of postgres ? MIGRATIONS : SQLITE_MIGRATIONS) {
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const existing = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [
        migration.id,
      ]);
      if (existing.rows.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}
