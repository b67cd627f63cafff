import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { clientAddress } from '../auth/client-address.ts';
import type { Limits } from '../config.ts';
import type { Logger } from '../logger.ts';
import { CLOSE_CODES, closeReason } from './context.ts';
import { ProtocolError, parseClientFrame } from './frame.ts';
import type { ParsedFrame } from './frame.ts';
import { FullStateCache } from './full-state.ts';
import type { CollabMetrics } from './metrics.ts';
import { TokenBucket } from './token-bucket.ts';

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A frame's document name without the provider's multiplexing suffix (`name\0session`). */
const plainName = (address: string) => address.split('\0', 1)[0] ?? address;

/** What the gate knows about one socket. */
export interface SocketState {
  readonly ws: WebSocket;
  readonly address: string;
  /** Documents this socket has authenticated (set by the connection registry). */
  readonly documents: Set<string>;
  readonly messages: TokenBucket;
  readonly bytesIn: TokenBucket;
  readonly bytesOut: TokenBucket;
  readonly awareness: TokenBucket;
  /** The one Yjs client id this socket speaks for, per document (awareness). */
  readonly presence: Map<string, number>;
  /** Sync step 1 frames forwarded per document while it was not loaded (see below). */
  readonly earlyFullState: Map<string, number>;
  authTimer: NodeJS.Timeout | undefined;
}

/**
 * Sync step 1 frames a socket may send for a document that is not loaded yet: Hocuspocus
 * queues them and then answers each with a fresh encoding of the whole document, which
 * our byte budget cannot charge (the size is unknown before the load). A provider sends
 * one when it connects and may send one more after authentication; an attacker who
 * opened an unloaded 4 MiB board and sent 50 made the server encode it 50 times in a row
 * (the event loop stalled ~0.8 s for every board). More than this is cut off like an
 * over-budget reader.
 */
export const EARLY_FULL_STATE_MAX = 2;

/**
 * The WebSocket side of the shared port. We attach Hocuspocus to `ws` ourselves (instead
 * of its crossws-based `Server`, which owns its own HTTP server) so the HTTP API and the
 * WebSocket share one port, and so every frame passes our gate first:
 * - per address: at most `maxConnectionsPerAddress` sockets (HTTP 429 on upgrade);
 * - per socket: authenticate within `authTimeoutMs`, a size cap (ws `maxPayload`, close
 *   1009), token buckets for messages and bytes in (close 4429), full-state requests
 *   charged by the document's size (close 4429) and answered from one cached encoding,
 *   awareness rate (excess dropped), unread output capped (`maxBufferedBytes`, the slow
 *   reader is cut off), and full protocol validation (close 4400 with the reason).
 * Bad input closes that connection only; Hocuspocus never sees it.
 */
export class CollabSockets {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly perAddress = new Map<string, number>();
  /** Keyed by the Headers object Hocuspocus hands to every hook of the connection. */
  private readonly byHeaders = new WeakMap<Headers, SocketState>();
  private readonly fullState = new FullStateCache();
  /** Which socket holds which awareness client id, per document. */
  private readonly presenceOwners = new Map<string, Map<number, SocketState>>();
  private readonly options: {
    hocuspocus: Hocuspocus;
    limits: Limits;
    logger: Logger;
    metrics: CollabMetrics;
    trustedProxyHops: number;
  };
  private accepting = true;

  constructor(options: CollabSockets['options']) {
    this.options = options;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxMessageBytes });
  }

  get size(): number {
    return this.sockets.size;
  }

  /** The socket behind a hook payload's `requestHeaders`. */
  socketOf(headers: Headers): SocketState | undefined {
    return this.byHeaders.get(headers);
  }

  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = clientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for']?.toString(),
      this.options.trustedProxyHops,
    );
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.options.limits.maxConnectionsPerAddress) {
      this.options.metrics.rejected.inc({ reason: 'connections-per-address' });
      socket.end(
        'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n' +
          'too many open connections from this address\n',
      );
      return;
    }
    this.perAddress.set(address, open + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    };
    socket.once('close', release);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, req, address));
  };

  private attach(ws: WebSocket, req: IncomingMessage, address: string) {
    const { limits, logger, metrics, hocuspocus } = this.options;
    this.sockets.add(ws);
    const request = toWebRequest(req);
    const now = performance.now();
    const state: SocketState = {
      ws,
      address,
      documents: new Set(),
      messages: new TokenBucket(limits.messagesPerSecond, limits.messageBurst, now),
      bytesIn: new TokenBucket(limits.bytesInPerSecond, limits.bytesInBurst, now),
      bytesOut: new TokenBucket(limits.bytesOutPerSecond, limits.bytesOutBurst, now),
      awareness: new TokenBucket(limits.awarenessPerSecond, limits.awarenessBurst, now),
      presence: new Map(),
      earlyFullState: new Map(),
      authTimer: undefined,
    };
    this.byHeaders.set(request.headers, state);
    const reject = (code: number, reason: string, label: string) => {
      metrics.rejected.inc({ reason: label });
      logger.warn({ code, reason, address }, 'closing a WebSocket connection');
      ws.close(code, closeReason(reason));
    };
    // An idle socket that never signs in holds a file descriptor: give it a short while.
    state.authTimer = setTimeout(() => {
      if (state.documents.size === 0)
        reject(CLOSE_CODES.unauthorized, 'authentication timed out', 'auth-timeout');
    }, limits.authTimeoutMs);
    // Output a client does not read piles up in memory: cut a slow reader off instead.
    const send = ws.send.bind(ws) as (data: Uint8Array) => void;
    ws.send = ((data: Uint8Array) => {
      send(data);
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        metrics.rejected.inc({ reason: 'slow-reader' });
        logger.warn({ address, buffered: ws.bufferedAmount }, 'cutting off a slow reader');
        ws.terminate();
      }
    }) as WebSocket['send'];
    const client = hocuspocus.handleConnection(ws, request);
    ws.on('message', (data, isBinary) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!isBinary)
        return reject(CLOSE_CODES.malformed, 'text frames are not part of the protocol', 'text');
      const bytes = toBytes(data);
      const t = performance.now();
      if (!state.messages.take(t))
        return reject(CLOSE_CODES.rateLimited, 'rate limit exceeded', 'rate');
      if (!state.bytesIn.take(t, bytes.byteLength))
        return reject(CLOSE_CODES.rateLimited, 'byte rate limit exceeded', 'bytes-in');
      let parsed: ParsedFrame;
      try {
        parsed = parseClientFrame(bytes);
      } catch (error) {
        const reason = error instanceof ProtocolError ? error.message : 'malformed frame';
        return reject(CLOSE_CODES.malformed, reason, 'malformed');
      }
      metrics.messages.inc({ type: parsed.typeName });
      if (parsed.awarenessClients) {
        if (!state.awareness.take(t)) {
          metrics.rejected.inc({ reason: 'awareness-rate' });
          return; // presence is refreshed by the next update; dropping one is harmless
        }
        const refusal = this.bindPresence(
          state,
          plainName(parsed.documentName),
          parsed.awarenessClients,
        );
        if (refusal) return reject(CLOSE_CODES.malformed, refusal, 'awareness-spoof');
      }
      if (parsed.stateVector && this.answerFullState(state, parsed, t) !== 'forward') return;
      client.handleMessage(bytes);
    });
    ws.on('close', (code, reason) => {
      clearTimeout(state.authTimer);
      for (const [name, id] of state.presence) {
        const owners = this.presenceOwners.get(name);
        if (owners?.get(id) === state) owners.delete(id);
        if (owners?.size === 0) this.presenceOwners.delete(name);
      }
      this.sockets.delete(ws);
      client.handleClose({ code, reason: reason.toString() });
    });
    ws.on('error', (error) => {
      // ws closes the socket itself (e.g. 1009 when a frame exceeds maxPayload).
      metrics.rejected.inc({ reason: 'socket-error' });
      logger.warn({ err: error }, 'WebSocket error');
    });
  }

  /**
   * Presence is bound to the connection: a socket speaks for one Yjs client id per
   * document, the first it sets, and never for one another socket holds. (A viewer
   * rewrote the owner's name under the owner's id, and added fake participants.)
   * Returns why a frame is refused, or null.
   */
  private bindPresence(state: SocketState, name: string, ids: number[]): string | null {
    let owners = this.presenceOwners.get(name);
    for (const id of ids) {
      const bound = state.presence.get(name);
      if (bound === undefined) {
        if (!owners) this.presenceOwners.set(name, (owners = new Map()));
        const holder = owners.get(id);
        if (holder && holder !== state) return 'awareness for a client id of another connection';
        state.presence.set(name, id);
        owners.set(id, state);
      } else if (bound !== id) {
        return 'awareness may only describe this connection’s own client';
      }
    }
    return null;
  }

  /**
   * A sync step 1 costs a whole document: charged by its size against the socket's
   * byte budget, and, on a document this socket already authenticated, answered here
   * from the cached encoding. The first one (before authentication) goes to Hocuspocus,
   * which queues it until the connection is authorized.
   */
  private answerFullState(state: SocketState, parsed: ParsedFrame, now: number) {
    const name = plainName(parsed.documentName);
    const doc = this.options.hocuspocus.documents.get(name);
    if (!doc || doc.isLoading) {
      const early = (state.earlyFullState.get(name) ?? 0) + 1;
      state.earlyFullState.set(name, early);
      if (early <= EARLY_FULL_STATE_MAX) return 'forward';
      return this.#cutFullState(state);
    }
    // Counted per loading: a socket that re-attaches to a board later starts afresh.
    state.earlyFullState.delete(name);
    if (!state.bytesOut.take(now, this.fullState.sizeOf(doc))) return this.#cutFullState(state);
    if (!state.documents.has(name) || !parsed.stateVector) return 'forward';
    for (const frame of this.fullState.reply(doc, parsed.documentName, parsed.stateVector))
      state.ws.send(frame);
    return 'answered';
  }

  #cutFullState(state: SocketState): 'closed' {
    this.options.metrics.rejected.inc({ reason: 'full-state-rate' });
    this.options.logger.warn({ address: state.address }, 'too many full-state requests');
    // Terminated, not closed: a closing handshake would wait behind the unread replies.
    state.ws.terminate();
    return 'closed';
  }

  /** Stops accepting and closes every connection with `code`. */
  closeAll(code: number, reason: string) {
    this.accepting = false;
    for (const ws of this.sockets) ws.close(code, reason);
  }

  /** Force-closes whatever did not finish its closing handshake. */
  terminateAll() {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}

/** Node's http headers → a web `Headers` (what Hocuspocus' hooks read). */
function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
    headers,
  });
}
