/**
 * A minimal WebDriver BiDi client (https://w3c.github.io/webdriver-bidi/) over Node's
 * built-in WebSocket: commands with ids, their answers, and events. Enough to drive
 * Firefox, which speaks BiDi natively; playwright-core's BiDi Firefox cannot install a
 * web extension, so the tests talk to Firefox directly.
 */

type Json = Record<string, unknown>;

interface Pending {
  method: string;
  resolve(result: Json): void;
  reject(error: Error): void;
}

export interface BidiClient {
  /** Sends a command; resolves with its `result`, rejects with BiDi's error and message. */
  send<T = Json>(method: string, params?: Json): Promise<T>;
  /** Calls `listener` with the params of every `method` event (after `session.subscribe`). */
  on(method: string, listener: (params: Json) => void): void;
  close(): void;
}

export async function connectBidi(url: string): Promise<BidiClient> {
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), {
      once: true,
    });
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, ((params: Json) => void)[]>();
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as Json;
    if (message['type'] === 'event') {
      const method = String(message['method']);
      for (const listener of listeners.get(method) ?? []) listener(message['params'] as Json);
      return;
    }
    const waiting = pending.get(Number(message['id']));
    if (!waiting) return;
    pending.delete(Number(message['id']));
    if (message['type'] === 'success') waiting.resolve(message['result'] as Json);
    else
      waiting.reject(
        new Error(`${waiting.method}: ${String(message['error'])}: ${String(message['message'])}`),
      );
  });
  socket.addEventListener('close', () => {
    for (const waiting of pending.values())
      waiting.reject(new Error(`${waiting.method}: the BiDi connection closed`));
    pending.clear();
  });
  return {
    send<T>(method: string, params: Json = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (r: Json) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(method, listener) {
      listeners.set(method, [...(listeners.get(method) ?? []), listener]);
    },
    close: () => socket.close(),
  };
}
