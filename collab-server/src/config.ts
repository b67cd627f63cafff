import { resolve } from 'node:path';
import type { Database } from './db/database.ts';

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
}

export const DEFAULT_LIMITS: Limits = {
  maxMessageBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  messagesPerSecond: 200,
  messageBurst: 1_000,
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
  /** PostgreSQL URL; absent → embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (created if missing). */
  databaseSchema?: string;
  /** PGlite data folder; `null` keeps PGlite in memory (tests). */
  dataDir: string | null;
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
  /** Fold the update log into a snapshot once a document has this many log rows. */
  compactAfterUpdates: number;
  /** Hocuspocus store debounce (ms): when compaction and the equation index run. */
  storeDebounceMs: number;
  storeMaxDebounceMs: number;
  /** Name of this instance in logs and metrics. */
  instanceName: string;
}

/** Repository root (collab-server/src → ..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8787,
  host: '127.0.0.1',
  dataDir: resolve(REPO_ROOT, '.data', 'pglite'),
  redisPrefix: 'motionmath',
  allowedOrigins: [],
  logLevel: 'info',
  limits: DEFAULT_LIMITS,
  // Compaction rewrites the whole snapshot, so do it every few hundred updates, not each.
  compactAfterUpdates: 500,
  // Stores are only compaction + index now (updates are durable on arrival), so the
  // Hocuspocus defaults (2 s, at most 10 s) are fine.
  storeDebounceMs: 2_000,
  storeMaxDebounceMs: 10_000,
  instanceName: 'collab',
};

export function resolveConfig(partial: Partial<ServerConfig>): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    ...partial,
    limits: { ...DEFAULT_LIMITS, ...partial.limits },
  };
}

/** The public origin of the server as seen by browsers. */
export function publicOrigin(config: ServerConfig, port: number): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
