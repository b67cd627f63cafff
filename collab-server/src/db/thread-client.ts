import { Worker } from 'node:worker_threads';
import type { Database, Queryable, QueryResult } from './database.ts';

/**
 * A `Database` whose engine runs in its own worker thread (the embedded PGlite and
 * SQLite; see pglite-thread.ts and sqlite-thread.ts for why). The main thread only posts
 * a message per statement and awaits the answer; the group-committed update log keeps
 * batching behind the statement in flight, and an update is still acknowledged only once
 * its INSERT has committed.
 *
 * Protocol (structured clone over the worker's port): requests carry an id and get one
 * reply with that id. A transaction is `begin` (the worker opens its transaction and
 * parks it), queries tagged with its `tx`, then `end` with commit or rollback. The
 * worker's database serializes everything else behind an open transaction, as in one
 * process (thread-server.ts).
 */
export type Request =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin'; txId: number; tx?: undefined }
  | { id: number; op: 'end'; txId: number; commit: boolean; tx?: undefined }
  | { id: number; op: 'ping' | 'close'; tx?: undefined };

export type Reply =
  | { id: number; result: unknown; error?: undefined }
  | { id: number; error: Record<string, string | number>; result?: undefined };

type Body = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** Starts `workerUrl` (a module calling `serveDatabase`) and resolves once it is open. */
export async function openDatabaseThread(
  workerUrl: URL,
  workerData: unknown,
  identity: Pick<Database, 'kind' | 'dialect'>,
): Promise<Database> {
  const worker = new Worker(workerUrl, { workerData });
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  let nextId = 1;
  let nextTx = 1;
  let failure: Error | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    waiting.set(0, { resolve: () => resolve(), reject });
  });
  worker.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.id);
    if (!pending) return;
    waiting.delete(reply.id);
    if (reply.error)
      pending.reject(Object.assign(new Error(String(reply.error['message'])), reply.error));
    else pending.resolve(reply.result);
  });
  const failAll = (error: Error) => {
    failure = error;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the ${identity.kind} thread exited (${code})`)));

  const call = (body: Body): Promise<unknown> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...body, id });
    });
  };
  const queryable = (tx?: number): Queryable => ({
    dialect: identity.dialect,
    query: async <Row>(sql: string, params?: unknown[]) =>
      (await call({
        op: 'query',
        sql,
        ...(params ? { params } : {}),
        ...(tx ? { tx } : {}),
      })) as QueryResult<Row>,
    exec: async (sql) => {
      await call({ op: 'exec', sql, ...(tx ? { tx } : {}) });
    },
  });

  await ready;
  return {
    kind: identity.kind,
    ...queryable(),
    async transaction(fn) {
      const txId = nextTx++;
      await call({ op: 'begin', txId });
      let result;
      try {
        result = await fn(queryable(txId));
      } catch (error) {
        await call({ op: 'end', txId, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', txId, commit: true });
      return result;
    },
    async ping() {
      await call({ op: 'ping' });
    },
    async close() {
      if (failure) return;
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}
