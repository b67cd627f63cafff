import { resolve } from 'node:path';
import { DEFAULT_CONFIG, DEFAULT_LIMITS, REPO_ROOT } from './config.ts';
import type { Limits, OAuthProviderConfig, ServerConfig } from './config.ts';

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function oauth(
  env: NodeJS.ProcessEnv,
  prefix: 'GITHUB' | 'GOOGLE',
): OAuthProviderConfig | undefined {
  const clientId = env[`${prefix}_CLIENT_ID`];
  const clientSecret = env[`${prefix}_CLIENT_SECRET`];
  if (!clientId || !clientSecret) return undefined;
  return { clientId, clientSecret };
}

/** The server configuration from environment variables (see README for the table). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ServerConfig> {
  const limits: Limits = {
    maxMessageBytes: integer(env, 'MAX_MESSAGE_BYTES', DEFAULT_LIMITS.maxMessageBytes),
    maxDocumentBytes: integer(env, 'MAX_DOCUMENT_BYTES', DEFAULT_LIMITS.maxDocumentBytes),
    messagesPerSecond: integer(env, 'MESSAGES_PER_SECOND', DEFAULT_LIMITS.messagesPerSecond),
    messageBurst: integer(env, 'MESSAGE_BURST', DEFAULT_LIMITS.messageBurst),
  };
  const whiteboardDist = env['WHITEBOARD_DIST'] ?? resolve(REPO_ROOT, 'whiteboard', 'dist');
  const github = oauth(env, 'GITHUB');
  const google = oauth(env, 'GOOGLE');
  return {
    port: integer(env, 'PORT', DEFAULT_CONFIG.port),
    host: env['HOST'] || DEFAULT_CONFIG.host,
    ...(env['DATABASE_URL'] ? { databaseUrl: env['DATABASE_URL'] } : {}),
    ...(env['DATABASE_SCHEMA'] ? { databaseSchema: env['DATABASE_SCHEMA'] } : {}),
    dataDir: env['DATA_DIR'] ? resolve(env['DATA_DIR']) : DEFAULT_CONFIG.dataDir,
    ...(env['REDIS_URL'] ? { redisUrl: env['REDIS_URL'] } : {}),
    redisPrefix: env['REDIS_PREFIX'] || DEFAULT_CONFIG.redisPrefix,
    ...(env['PUBLIC_URL'] ? { publicUrl: env['PUBLIC_URL'] } : {}),
    allowedOrigins: (env['ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    ...(github ? { github } : {}),
    ...(google ? { google } : {}),
    logLevel: env['LOG_LEVEL'] || DEFAULT_CONFIG.logLevel,
    whiteboardDist,
    limits,
    instanceName: env['INSTANCE_NAME'] || DEFAULT_CONFIG.instanceName,
  };
}
