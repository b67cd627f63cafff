import { resolve } from 'node:path';
import { z } from 'zod';
import { describeZodError } from '@motionmath/protocol';
import { DEFAULT_CONFIG, DEFAULT_LIMITS, DEFAULT_QUOTAS, REPO_ROOT } from './config.ts';
import type { Limits, OAuthProviderConfig, Quotas, ServerConfigInput } from './config.ts';
import { EMBEDDED_DBS } from './db/database.ts';

/** Each limit's and quota's environment variable: its name in SCREAMING_SNAKE_CASE
 * (`maxMessageBytes` → `MAX_MESSAGE_BYTES`), so the README table and the code agree. */
const envName = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/** An unset or empty variable is "not set": shells and compose files write `X=` for that. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const count = (fallback: number) =>
  z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: 'must be a non-negative integer' })
      .int('must be a non-negative integer')
      .min(0, 'must be a non-negative integer')
      .default(fallback),
  );
const optionalCount = z.preprocess(
  unsetIfEmpty,
  z.coerce
    .number({ error: 'must be a non-negative integer' })
    .int('must be a non-negative integer')
    .min(0, 'must be a non-negative integer')
    .optional(),
);
const text = z.preprocess(unsetIfEmpty, z.string().optional());

/**
 * Every environment variable the collab-server's processes read (`npm start`, `npm run
 * worker`, `npm run solver-token`), in one schema: one parser, one error format, one list
 * to document (README "Configuration", collab-server README).
 */
export const EnvSchema = z.object({
  PORT: count(DEFAULT_CONFIG.port),
  HOST: text,
  DATABASE_URL: text,
  DATABASE_SCHEMA: text,
  DATA_DIR: text,
  /** The embedded database when DATABASE_URL is unset (unset: SQLite, or the PGlite data
   * an older version left in DATA_DIR / .data/pglite; db/open.ts). */
  EMBEDDED_DB: z.preprocess(
    unsetIfEmpty,
    z.enum(EMBEDDED_DBS, { error: `must be one of ${EMBEDDED_DBS.join(', ')}` }).optional(),
  ),
  REDIS_URL: text,
  REDIS_PREFIX: text,
  PUBLIC_URL: text,
  ALLOWED_ORIGINS: text,
  GITHUB_CLIENT_ID: text,
  GITHUB_CLIENT_SECRET: text,
  GOOGLE_CLIENT_ID: text,
  GOOGLE_CLIENT_SECRET: text,
  LOG_LEVEL: text,
  WHITEBOARD_DIST: text,
  INSTANCE_NAME: text,
  /** Proxies in front of us whose `X-Forwarded-For` is believed (1 behind the shipped nginx). */
  TRUSTED_PROXY_HOPS: count(DEFAULT_CONFIG.trustedProxyHops),
  /** Time and memory per equation in a solver thread. */
  SOLVE_TIME_MS: count(DEFAULT_CONFIG.solveBudget.timeMs),
  SOLVE_MEMORY_MB: count(DEFAULT_CONFIG.solveBudget.memoryMb),
  /** `/metrics` and readiness details need `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: text,
  /** Retention of analytics and audit rows (days, 0 = forever) and how often to purge. */
  EVENT_RETENTION_DAYS: count(DEFAULT_CONFIG.eventRetentionDays),
  AUDIT_RETENTION_DAYS: count(DEFAULT_CONFIG.auditRetentionDays),
  RETENTION_INTERVAL_MS: count(DEFAULT_CONFIG.retentionIntervalMs),
  /** Solver workers inside `npm start` (0 when they run apart with `npm run worker`). */
  SOLVER_WORKERS: count(1),
  /** `npm run worker`: where the server is, its token and how many workers. */
  SERVER_URL: text,
  SOLVER_TOKEN: text,
  WORKERS: count(1),
  SOLVER_LEASE_MS: optionalCount,
  SOLVER_STEP_DELAY_MS: optionalCount,
  /** The solver's optional model fallback (`npm run worker` only). */
  OPENAI_API_KEY: text,
  OPENAI_BASE_URL: text,
  OPENAI_MODEL: text,
});
export type Env = z.infer<typeof EnvSchema>;

/** The environment, checked; a bad value fails with the variable's name and the rule. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(describeZodError(parsed.error, 'environment'));
  return parsed.data;
}

/** Limits and quotas, each from its own variable (`envName`) with its named default: the
 * same schema rules and error format as `EnvSchema`, built from the defaults so a new limit
 * needs no second list. */
function countsFromEnv<T extends object>(env: NodeJS.ProcessEnv, defaults: T): T {
  const entries = Object.entries(defaults) as [string, number][];
  const schema = z.object(
    Object.fromEntries(entries.map(([key, value]) => [envName(key), count(value)])),
  );
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(describeZodError(parsed.error, 'environment'));
  const values = parsed.data as Record<string, number>;
  return Object.fromEntries(entries.map(([key]) => [key, values[envName(key)]])) as T;
}

function oauth(id: string | undefined, secret: string | undefined): OAuthProviderConfig | null {
  return id && secret ? { clientId: id, clientSecret: secret } : null;
}

/** The server configuration from environment variables (see README for the table). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfigInput {
  const e = readEnv(env);
  const limits: Limits = countsFromEnv(env, DEFAULT_LIMITS);
  const quotas: Quotas = countsFromEnv(env, DEFAULT_QUOTAS);
  const github = oauth(e.GITHUB_CLIENT_ID, e.GITHUB_CLIENT_SECRET);
  const google = oauth(e.GOOGLE_CLIENT_ID, e.GOOGLE_CLIENT_SECRET);
  return {
    port: e.PORT,
    host: e.HOST ?? DEFAULT_CONFIG.host,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.DATABASE_SCHEMA ? { databaseSchema: e.DATABASE_SCHEMA } : {}),
    ...(e.DATA_DIR ? { dataDir: resolve(e.DATA_DIR) } : {}),
    ...(e.EMBEDDED_DB ? { embeddedDb: e.EMBEDDED_DB } : {}),
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisPrefix: e.REDIS_PREFIX ?? DEFAULT_CONFIG.redisPrefix,
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    allowedOrigins: (e.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    ...(github ? { github } : {}),
    ...(google ? { google } : {}),
    logLevel: e.LOG_LEVEL ?? DEFAULT_CONFIG.logLevel,
    whiteboardDist: e.WHITEBOARD_DIST ?? resolve(REPO_ROOT, 'whiteboard', 'dist'),
    limits,
    quotas,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    instanceName: e.INSTANCE_NAME ?? DEFAULT_CONFIG.instanceName,
    solveBudget: { timeMs: e.SOLVE_TIME_MS, memoryMb: e.SOLVE_MEMORY_MB },
    ...(e.METRICS_TOKEN ? { metricsToken: e.METRICS_TOKEN } : {}),
    eventRetentionDays: e.EVENT_RETENTION_DAYS,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    retentionIntervalMs: e.RETENTION_INTERVAL_MS,
  };
}
