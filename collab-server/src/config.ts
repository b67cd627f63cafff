import { resolve } from 'node:path';
import type { Database, EmbeddedDb } from './db/database.ts';
import { DEFAULT_SOLVE_BUDGET } from './worker/solver-pool.ts';
import type { SolveBudget } from './worker/solver-pool.ts';

/** Limits on what one client may send. Each is a named default; all overridable. */
export interface Limits {
  /** Largest WebSocket frame accepted. Yjs updates from pen strokes are a few KiB; 1 MiB
   * leaves room for pasting a big board while bounding memory per message. */
  maxMessageBytes: number;
  /** Largest board document (estimated from stored state plus accepted updates). A
   * whiteboard of equations and ink stays far below; this stops one board exhausting RAM. */
  maxDocumentBytes: number;
  /** Sustained messages per second per connection; a hand-written board sends tens. */
  messagesPerSecond: number;
  /** Burst allowance above the sustained rate (reconnect resync, fast scribbling). */
  messageBurst: number;
  /** Bytes a connection may send per second, sustained (its updates, awareness). */
  bytesInPerSecond: number;
  /** Burst of bytes in (at least one largest message). */
  bytesInBurst: number;
  /** Bytes of full-state replies (sync step 2 for a step 1) a connection may cause per
   * second: each one is the whole document, so they are charged by their size. */
  bytesOutPerSecond: number;
  /** Burst of full-state bytes: a first sync and a reconnect of the largest board. */
  bytesOutBurst: number;
  /** Unread output (`bufferedAmount`) past which a slow reader is disconnected. */
  maxBufferedBytes: number;
  /** Estimated memory of one loaded board (bytes plus a cost per Yjs item). */
  maxDocumentMemoryBytes: number;
  /** Estimated memory of every loaded board together; past it, no update grows any. */
  maxLoadedMemoryBytes: number;
  /** Boards loaded at once on this instance. */
  maxLoadedDocuments: number;
  /** Boards of one owner loaded at once on this instance. */
  maxLoadedDocumentsPerOwner: number;
  /** Awareness (presence) updates per second per connection; past it they are dropped. */
  awarenessPerSecond: number;
  awarenessBurst: number;
  /** WebSocket connections open at once from one client address. */
  maxConnectionsPerAddress: number;
  /** A connection that has not authenticated a document by then is closed. */
  authTimeoutMs: number;
  /** How often open connections' credentials are checked again (expiry, revocation from
   * another instance). */
  credentialRecheckMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: MIB,
  maxDocumentBytes: 16 * MIB,
  messagesPerSecond: 200,
  messageBurst: 1_000,
  // Pen strokes are a few KiB each; a pasted board is one burst.
  bytesInPerSecond: MIB,
  bytesInBurst: 8 * MIB,
  // One full sync of the largest board per socket (a reconnect is a new socket), then
  // one every 16 s.
  bytesOutPerSecond: MIB,
  bytesOutBurst: 16 * MIB,
  // One full state of the largest board and some updates behind it.
  maxBufferedBytes: 24 * MIB,
  // The issue measured ~590 B of heap per tiny map entry (15.7 MiB → 925 MiB); a board
  // of ink stays far below this.
  maxDocumentMemoryBytes: 256 * MIB,
  maxLoadedMemoryBytes: 2048 * MIB,
  maxLoadedDocuments: 2_000,
  maxLoadedDocumentsPerOwner: 8,
  // Cursors move at frame rate but providers throttle; 30 a second is smooth.
  awarenessPerSecond: 30,
  awarenessBurst: 60,
  // A classroom behind one NAT is ~40 people with a tab or two each.
  maxConnectionsPerAddress: 128,
  authTimeoutMs: 10_000,
  credentialRecheckMs: 60_000,
};

/** Accounts and what each may create. */
export interface Quotas {
  /** Boards one user may own. */
  maxBoardsPerUser: number;
  /** New boards per user per hour. */
  boardsPerHour: number;
  /** New accounts per client address per hour. */
  signupsPerAddressPerHour: number;
}

export const DEFAULT_QUOTAS: Quotas = {
  maxBoardsPerUser: 200,
  boardsPerHour: 120,
  // A class signing up together from one school address; a script gets no further.
  signupsPerAddressPerHour: 60,
};

export interface OAuthProviderConfig {
  clientId: string;
  clientSecret: string;
  /** Endpoints default to the real provider's; overridable (tests use a loopback fake). */
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  userInfoEndpoint?: string;
}

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL URL; absent → the embedded database in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). */
  databaseSchema?: string;
  /** The embedded engine (EMBEDDED_DB); undefined → SQLite, unless only PGlite data
   * exists (db/open.ts, `chooseEmbedded`). */
  embeddedDb?: EmbeddedDb;
  /** The embedded database's folder (DATA_DIR); undefined → `<repo>/.data/<engine>`;
   * `null` keeps it in memory (tests). */
  dataDir?: string | null;
  /** An already-open, migrated database to use instead (not closed by the server,
   * unless `closeDatabase`). */
  database?: Database;
  closeDatabase?: boolean;
  /** Redis URL; when set: cluster fan-out, shared rate limits. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel, so deployments (and test runs) never mix. */
  redisPrefix: string;
  /** Where users reach us (cookies get `Secure` on https; OAuth redirect URIs). */
  publicUrl?: string;
  /** Origins allowed to make cookie-authenticated requests (CSRF, WebSocket hijacking). */
  allowedOrigins: string[];
  github?: OAuthProviderConfig;
  google?: OAuthProviderConfig;
  logLevel: string;
  /** Built whiteboard to serve at `/`; ignored when the folder does not exist. */
  whiteboardDist?: string;
  limits: Limits;
  quotas: Quotas;
  /** Proxies whose `X-Forwarded-For` is believed: their count in front of us (`1` behind
   * the shipped nginx). 0 (default): the socket address is the client address. */
  trustedProxyHops: number;
  /** Fold the update log into a snapshot once a document has this many log rows. */
  compactAfterUpdates: number;
  /** Hocuspocus store debounce (ms): when compaction and the equation index run. */
  storeDebounceMs: number;
  storeMaxDebounceMs: number;
  /** Name of this instance in logs and metrics. */
  instanceName: string;
  /** Parse every HTTP response against its route's declared schema and answer 500 on a
   * mismatch. On in every test server (testing/harness.ts), off in production where the
   * parse is wasted work. */
  checkResponses: boolean;
  /** Time and memory per equation in the in-process solver threads (SOLVE_TIME_MS,
   * SOLVE_MEMORY_MB). */
  solveBudget: SolveBudget;
  /** Bearer token for `/metrics` and readiness details (METRICS_TOKEN). Unset: they are
   * answered only to direct loopback callers (a laptop's curl, not the internet). */
  metricsToken?: string;
  /** Analytics rows older than this are deleted (0 = kept forever). */
  eventRetentionDays: number;
  /** Audit rows older than this are deleted (0 = kept forever). */
  auditRetentionDays: number;
  /** How often expired sessions, tokens, links and old rows are purged (0 = never). */
  retentionIntervalMs: number;
}

/** Repository root (collab-server/src → ..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8787,
  host: '127.0.0.1',
  redisPrefix: 'motionmath',
  allowedOrigins: [],
  logLevel: 'info',
  limits: DEFAULT_LIMITS,
  quotas: DEFAULT_QUOTAS,
  trustedProxyHops: 0,
  // Compaction rewrites the whole snapshot, so do it every few hundred updates, not each.
  compactAfterUpdates: 500,
  // Stores are only compaction + index now (updates are durable on arrival), so the
  // Hocuspocus defaults (2 s, at most 10 s) are fine.
  storeDebounceMs: 2_000,
  storeMaxDebounceMs: 10_000,
  instanceName: 'collab',
  checkResponses: false,
  solveBudget: DEFAULT_SOLVE_BUDGET,
  // About 13 months: a year of usage compared with the same month last year.
  eventRetentionDays: 400,
  // Two years: long enough to review an incident found late.
  auditRetentionDays: 730,
  retentionIntervalMs: 60 * 60 * 1000,
};

/** What callers pass: any setting, and limits or quotas only in part. */
export type ServerConfigInput = Partial<Omit<ServerConfig, 'limits' | 'quotas'>> & {
  limits?: Partial<Limits>;
  quotas?: Partial<Quotas>;
};

export function resolveConfig(partial: ServerConfigInput): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
    quotas: { ...DEFAULT_QUOTAS, ...partial.quotas },
  };
}

/** The public origin of the server as seen by browsers. */
export function publicOrigin(config: ServerConfig, port: number): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
