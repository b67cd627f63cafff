/**
 * The worker side of `openDatabaseThread`: answers the main thread's requests with the
 * `Database` opened in this thread (see thread-client.ts for the protocol).
 */
import { parentPort } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { Database } from './database.ts';
import type { Reply, Request } from './thread-client.ts';

/** Open transactions: their query target, and how to end them. */
interface OpenTransaction {
  tx: Parameters<Parameters<Database['transaction']>[0]>[0];
  end(commit: boolean): void;
  done: Promise<void>;
}
const ROLLBACK = Symbol('rollback');

export function serveDatabase(db: Database): void {
  const port = parentPort as MessagePort;
  const transactions = new Map<number, OpenTransaction>();

  /** Opens a transaction and parks it until `end`; resolves once it is open. */
  const begin = (txId: number): Promise<void> =>
    new Promise((ready, fail) => {
      let end!: (commit: boolean) => void;
      const finished = new Promise<void>((resolve, reject) => {
        end = (commit) => (commit ? resolve() : reject(ROLLBACK));
      });
      let opened = false;
      const done = db
        .transaction(async (tx) => {
          transactions.set(txId, { tx, end, done });
          opened = true;
          ready();
          await finished;
        })
        .catch((error: unknown) => {
          if (!opened) fail(error);
          else if (error !== ROLLBACK) throw error;
        })
        .finally(() => transactions.delete(txId));
      // Awaited by `end`; a failure before that is reported through `fail` above.
      done.catch(() => {});
    });

  const handle = async (request: Request): Promise<unknown> => {
    const target = request.tx === undefined ? db : transactions.get(request.tx)?.tx;
    if (!target) throw new Error(`transaction ${request.tx} is not open`);
    switch (request.op) {
      case 'query':
        return target.query(request.sql, request.params);
      case 'exec':
        return target.exec(request.sql);
      case 'begin':
        return begin(request.txId);
      case 'end': {
        const open = transactions.get(request.txId);
        if (!open) throw new Error(`transaction ${request.txId} is not open`);
        open.end(request.commit);
        return open.done;
      }
      case 'ping':
        return db.ping();
      case 'close':
        return db.close();
    }
  };

  port.on('message', (request: Request) => {
    handle(request).then(
      (result) => port.postMessage({ id: request.id, result } satisfies Reply),
      (error: unknown) =>
        port.postMessage({ id: request.id, error: serializeError(error) } satisfies Reply),
    );
  });
  port.postMessage({ id: 0, result: 'ready' } satisfies Reply);
}

/** An error as plain data (the engine's fields such as PostgreSQL's `code` and `detail`,
 * or SQLite's `errcode`, kept). */
function serializeError(error: unknown): Record<string, string | number> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields: Record<string, string | number> = { name: error.name, message: error.message };
  for (const [key, value] of Object.entries(error))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return fields;
}
