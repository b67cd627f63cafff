import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hocuspocus } from '@hocuspocus/server';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { Limits } from '../config.ts';
import type { Logger } from '../logger.ts';
import { CLOSE_CODES, closeReason } from './context.ts';
import { ProtocolError, parseClientFrame } from './frame.ts';
import type { CollabMetrics } from './metrics.ts';
import { TokenBucket } from './token-bucket.ts';

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

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The WebSocket side of the shared port. We attach Hocuspocus to `ws` ourselves (instead
 * of its crossws-based `Server`, which owns its own HTTP server) so the HTTP API and the
 * WebSocket share one port, and so every frame passes our gate first: a size cap (ws
 * `maxPayload`, close 1009), a per-connection token bucket (close 4429), and full
 * protocol validation (close 4400 with the reason). Bad input closes that connection
 * only; Hocuspocus never sees it.
 */
export class CollabSockets {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly hocuspocus: Hocuspocus;
  private readonly limits: Limits;
  private readonly logger: Logger;
  private readonly metrics: CollabMetrics;
  private accepting = true;

  constructor(options: {
    hocuspocus: Hocuspocus;
    limits: Limits;
    logger: Logger;
    metrics: CollabMetrics;
  }) {
    this.hocuspocus = options.hocuspocus;
    this.limits = options.limits;
    this.logger = options.logger;
    this.metrics = options.metrics;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes });
  }

  get size(): number {
    return this.sockets.size;
  }

  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, req));
  };

  private attach(ws: WebSocket, req: IncomingMessage) {
    this.sockets.add(ws);
    const client = this.hocuspocus.handleConnection(ws, toWebRequest(req));
    const bucket = new TokenBucket(
      this.limits.messagesPerSecond,
      this.limits.messageBurst,
      performance.now(),
    );
    const reject = (code: number, reason: string, label: string) => {
      this.metrics.rejected.inc({ reason: label });
      this.logger.warn({ code, reason }, 'closing a WebSocket connection');
      ws.close(code, closeReason(reason));
    };
    ws.on('message', (data, isBinary) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!isBinary)
        return reject(CLOSE_CODES.malformed, 'text frames are not part of the protocol', 'text');
      if (!bucket.take(performance.now()))
        return reject(CLOSE_CODES.rateLimited, 'rate limit exceeded', 'rate');
      const bytes = toBytes(data);
      try {
        this.metrics.messages.inc({ type: parseClientFrame(bytes).typeName });
      } catch (error) {
        const reason = error instanceof ProtocolError ? error.message : 'malformed frame';
        return reject(CLOSE_CODES.malformed, reason, 'malformed');
      }
      client.handleMessage(bytes);
    });
    ws.on('close', (code, reason) => {
      this.sockets.delete(ws);
      client.handleClose({ code, reason: reason.toString() });
    });
    ws.on('error', (error) => {
      // ws closes the socket itself (e.g. 1009 when a frame exceeds maxPayload).
      this.metrics.rejected.inc({ reason: 'socket-error' });
      this.logger.warn({ err: error }, 'WebSocket error');
    });
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
