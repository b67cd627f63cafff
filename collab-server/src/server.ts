import { createServer as createHttpServer } from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hocuspocus } from '@hocuspocus/server';
import type { Extension } from '@hocuspocus/server';
import { getRequestListener } from '@hono/node-server';
import { Redis } from 'ioredis';
import type * as Y from 'yjs';
import { AuthLimits } from './auth/limits.ts';
import { memoryRateLimiter, redisRateLimiter } from './auth/rate-limit.ts';
import { REPO_ROOT, publicOrigin, resolveConfig } from './config.ts';
import type { ServerConfig, ServerConfigInput } from './config.ts';
import type { Database } from './db/database.ts';
import { chooseEmbedded, openDatabase } from './db/open.ts';
import { createLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { BoardAuth } from './collab/board-auth.ts';
import { BoardSchema } from './collab/board-schema.ts';
import { findBoard } from './db/boards.ts';
import { DurableStorage } from './collab/durable-storage.ts';
import { CollabMetrics, MetricsExtension } from './collab/metrics.ts';
import { ConnectionRegistry } from './collab/registry.ts';
import { CollabSockets } from './collab/sockets.ts';
import { indexEquations } from './collab/equation-index.ts';
import { RedisResync } from './collab/redis-resync.ts';
import { RedisUpdateFanout } from './collab/redis-update-fanout.ts';
import { ROOT_EQUATIONS, renameBoard as retitleBoard } from '@motionmath/protocol';
import { createApp } from './http/app.ts';
import { RetentionJob } from './maintenance/retention-job.ts';
import type { AppType } from './http/app.ts';

/** How long a graceful shutdown waits for documents to store and unload. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** Close code for "going away" (RFC 6455): providers reconnect, to another instance. */
const GOING_AWAY = 1001;
/** Redis commands fail fast instead of queueing forever while Redis is down. */
const REDIS_MAX_RETRIES_PER_REQUEST = 2;

export interface CollabServer {
  /** Starts listening; resolves to the bound port (config.port 0 → a free one). */
  listen(): Promise<number>;
  /** Graceful: refuse new connections, close the open ones, store and unload every
   * document, then release Redis and the database. */
  close(): Promise<void>;
  readonly url: string;
  readonly hocuspocus: Hocuspocus;
  readonly db: Database;
  readonly storage: DurableStorage;
  readonly metrics: CollabMetrics;
  /** Open connections by credential (tests trigger its recheck). */
  readonly registry: ConnectionRegistry;
  /** Purges expired credentials and rows past retention (hourly by default). */
  readonly retention: RetentionJob;
  readonly logger: Logger;
  readonly config: ServerConfig;
  /** The HTTP app (tests read its route table). */
  readonly app: AppType;
}

/** One process: HTTP API + Hocuspocus WebSocket on one port. */
export async function createServer(partial: ServerConfigInput = {}): Promise<CollabServer> {
  const config = resolveConfig(partial);
  const logger = createLogger(config.logLevel, config.instanceName);
  const ownsDb = config.database === undefined || config.closeDatabase === true;
  const db = config.database ?? (await openConfiguredDatabase(config, logger));

  // Named connections: `CLIENT LIST` shows which instance holds which (and tests count them).
  const redisOptions = {
    maxRetriesPerRequest: REDIS_MAX_RETRIES_PER_REQUEST,
    connectionName: `${config.redisPrefix}:${config.instanceName}`,
  };
  const redis = config.redisUrl ? new Redis(config.redisUrl, redisOptions) : null;
  redis?.on('error', (error) => logger.warn({ err: error }, 'redis error'));

  let port = config.port;
  const origin = () => publicOrigin(config, port);
  const allowedOrigins = () =>
    new Set([
      origin(),
      ...config.allowedOrigins,
      ...(config.publicUrl ? [] : [`http://localhost:${port}`, `http://127.0.0.1:${port}`]),
    ]);
  const isAllowedOrigin = (value: string | null) => value !== null && allowedOrigins().has(value);

  const metrics = new CollabMetrics(() => hocuspocus);
  // Needs the socket gate, which needs Hocuspocus: resolved lazily.
  const registry = new ConnectionRegistry({
    db,
    logger,
    socketOf: (headers) => sockets.socketOf(headers),
    recheckMs: config.limits.credentialRecheckMs,
  });
  const storage = new DurableStorage({
    db,
    logger,
    compactAfterUpdates: config.compactAfterUpdates,
    maxDocumentBytes: config.limits.maxDocumentBytes,
    maxDocumentMemoryBytes: config.limits.maxDocumentMemoryBytes,
    maxLoadedMemoryBytes: config.limits.maxLoadedMemoryBytes,
    afterStore: (name: string, doc: Y.Doc) => indexEquations(db, logger, name, doc),
    afterStoreWatches: ROOT_EQUATIONS,
  });
  const extensions: Extension[] = [
    new MetricsExtension(metrics),
    new BoardAuth({
      db,
      logger,
      isAllowedOrigin,
      maxLoadedDocuments: config.limits.maxLoadedDocuments,
      maxLoadedDocumentsPerOwner: config.limits.maxLoadedDocumentsPerOwner,
    }),
    registry,
    storage,
    new BoardSchema({
      logger,
      titleOf: async (board) => (await findBoard(db, board))?.name ?? null,
    }),
  ];
  let redisResync: RedisResync | undefined;
  if (config.redisUrl) {
    const collabClients: Redis[] = [];
    // The stock extension, except that a change reaches the other instances as the Yjs
    // update itself (one message) instead of a state-vector exchange: see
    // collab/redis-update-fanout.ts.
    const redisExtension = new RedisUpdateFanout({
      logger,
      whenStored: (name) => storage.whenStored(name),
      prefix: `${config.redisPrefix}:collab`,
      identifier: `${config.instanceName}-${crypto.randomUUID()}`,
      createClient: () => {
        const client = new Redis(config.redisUrl ?? '', redisOptions);
        client.on('error', (error) => logger.warn({ err: error }, 'redis (collab) error'));
        collabClients.push(client);
        return client;
      },
    });
    // After a Redis outage, exchange every loaded document with the other instances
    // (what was published meanwhile is lost): see collab/redis-resync.ts.
    redisResync = new RedisResync({
      extension: redisExtension,
      documents: () => hocuspocus.documents,
      logger,
    });
    for (const client of collabClients) redisResync.watch(client);
    extensions.push(redisExtension);
  }
  const hocuspocus: Hocuspocus = new Hocuspocus({
    name: config.instanceName,
    quiet: true,
    extensions,
    debounce: config.storeDebounceMs,
    maxDebounce: config.storeMaxDebounceMs,
    unloadImmediately: true,
  });

  const sockets: CollabSockets = new CollabSockets({
    hocuspocus,
    limits: config.limits,
    logger,
    metrics,
    trustedProxyHops: config.trustedProxyHops,
  });
  registry.start(hocuspocus);
  const app = createApp({
    config,
    db,
    logger,
    authLimits: new AuthLimits(
      redis ? redisRateLimiter(redis, config.redisPrefix) : memoryRateLimiter(),
      config.quotas,
    ),
    origin,
    isAllowedOrigin,
    closeBoardConnections: (boardId) => hocuspocus.closeConnections(boardId),
    closeUserConnections: (userId) => registry.closeUser(userId, 'signed out'),
    closeCredentialConnections: (kind, id) => registry.closeCredential(kind, id, 'signed out'),
    async retitleBoardDocument(boardId, title) {
      // A direct connection loads the board if no one has it open (the schema extension
      // initialises a new one) and its change reaches the durable log and, over Redis,
      // clients on every instance.
      const connection = await hocuspocus.openDirectConnection(boardId, { boardRename: true });
      try {
        await connection.transact((doc) => retitleBoard(doc, title));
      } finally {
        await connection.disconnect();
      }
    },
    async readiness() {
      const checks: Record<string, string> = {};
      checks['database'] = await db.ping().then(
        () => 'ok',
        (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (redis) {
        checks['redis'] = await redis.ping().then(
          () => 'ok',
          (error: unknown) => `error: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return checks;
    },
    async metricsText() {
      return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
    },
  });
  const retention = new RetentionJob({
    db,
    logger,
    policy: config,
    intervalMs: config.retentionIntervalMs,
  });
  const listener = getRequestListener(app.fetch);
  const httpServer = createHttpServer((req, res) => {
    metricsForResponse(res, req.method ?? 'GET');
    void listener(req, res);
  });
  const metricsForResponse = (res: ServerResponse, method: string) =>
    res.on('finish', () => metrics.httpRequests.inc({ method, status: String(res.statusCode) }));
  httpServer.on('upgrade', sockets.handleUpgrade);

  let closing: Promise<void> | undefined;
  const server: CollabServer = {
    app,
    config,
    db,
    storage,
    metrics,
    registry,
    retention,
    logger,
    hocuspocus,
    get url() {
      return origin();
    },
    listen() {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          port = (httpServer.address() as AddressInfo).port;
          logger.info(
            { url: origin(), storage: db.kind, redis: Boolean(redis) },
            'collab-server listening',
          );
          retention.start();
          resolve(port);
        });
      });
    },
    close() {
      closing ??= (async () => {
        httpServer.close();
        sockets.closeAll(GOING_AWAY, 'server shutting down');
        const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
        // Let the close handshakes finish first: each last disconnect stores (and
        // compacts) its document and unloads it.
        while (sockets.size > 0 && Date.now() < deadline - SHUTDOWN_TIMEOUT_MS / 2) {
          await new Promise((r) => setTimeout(r, 10));
        }
        sockets.terminateAll();
        while (
          (hocuspocus.getDocumentsCount() > 0 || hocuspocus.unloadingDocuments.size > 0) &&
          Date.now() < deadline
        ) {
          hocuspocus.flushPendingStores();
          await new Promise((r) => setTimeout(r, 10));
        }
        if (hocuspocus.getDocumentsCount() > 0) {
          logger.warn(
            { documents: hocuspocus.getDocumentsCount() },
            'shutdown timed out; the log holds every update',
          );
        }
        redisResync?.stop();
        await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
        await storage.flush();
        await retention.stop();
        redis?.disconnect();
        httpServer.closeAllConnections();
        if (ownsDb) await db.close();
        logger.info('collab-server stopped');
      })();
      return closing;
    },
  };
  return server;
}

/** PostgreSQL when configured, else the embedded engine and folder `chooseEmbedded` picks
 * (its notice, when an existing PGlite database decided or is left unread, is logged). */
async function openConfiguredDatabase(config: ServerConfig, logger: Logger) {
  if (config.databaseUrl)
    return openDatabase({
      url: config.databaseUrl,
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    });
  if (config.dataDir === null) return openDatabase({ embedded: config.embeddedDb ?? 'sqlite' });
  const chosen = chooseEmbedded({
    engine: config.embeddedDb,
    dataDir: config.dataDir,
    root: REPO_ROOT,
  });
  if (chosen.notice) logger.warn({ dataDir: chosen.dataDir }, chosen.notice);
  return openDatabase({ embedded: chosen.engine, dataDir: chosen.dataDir });
}
