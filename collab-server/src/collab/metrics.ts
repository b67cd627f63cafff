import type {
  Extension,
  Hocuspocus,
  beforeHandleMessagePayload,
  afterHandleMessagePayload,
} from '@hocuspocus/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Latency buckets (seconds) for storing + applying one message: sub-millisecond on
 * PGlite up to a slow PostgreSQL round trip. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Prometheus metrics of one server instance (own registry: tests run several). */
export class CollabMetrics {
  readonly registry = new Registry();
  readonly connections: Gauge;
  readonly documents: Gauge;
  readonly messages: Counter<'type'>;
  readonly rejected: Counter<'reason'>;
  readonly updateLatency: Histogram;
  readonly httpRequests: Counter<'method' | 'status'>;

  constructor(instance: () => Hocuspocus | undefined) {
    collectDefaultMetrics({ register: this.registry });
    this.connections = new Gauge({
      name: 'motionmath_ws_connections',
      help: 'Open document connections',
      registers: [this.registry],
      collect() {
        this.set(instance()?.getConnectionsCount() ?? 0);
      },
    });
    this.documents = new Gauge({
      name: 'motionmath_documents_loaded',
      help: 'Board documents loaded in memory',
      registers: [this.registry],
      collect() {
        this.set(instance()?.getDocumentsCount() ?? 0);
      },
    });
    this.messages = new Counter({
      name: 'motionmath_ws_messages_total',
      help: 'WebSocket messages received, by type',
      labelNames: ['type'],
      registers: [this.registry],
    });
    this.rejected = new Counter({
      name: 'motionmath_ws_rejected_total',
      help: 'Connections closed for bad input or limits, by reason',
      labelNames: ['reason'],
      registers: [this.registry],
    });
    this.updateLatency = new Histogram({
      name: 'motionmath_update_latency_seconds',
      help: 'Time from receiving a document update to having stored and applied it',
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'motionmath_http_requests_total',
      help: 'HTTP requests, by method and status',
      labelNames: ['method', 'status'],
      registers: [this.registry],
    });
  }
}

/** Times each message from before storage to after it is applied. Highest priority so
 * its `beforeHandleMessage` runs first and the measurement includes storage. */
export class MetricsExtension implements Extension {
  priority = 1_000;
  extensionName = 'metrics';
  private readonly started = new WeakMap<object, number>();
  private readonly metrics: CollabMetrics;

  constructor(metrics: CollabMetrics) {
    this.metrics = metrics;
  }

  async beforeHandleMessage({ connection }: beforeHandleMessagePayload) {
    this.started.set(connection, performance.now());
  }

  async afterHandleMessage({ connection }: afterHandleMessagePayload) {
    const start = this.started.get(connection);
    if (start !== undefined) this.metrics.updateLatency.observe((performance.now() - start) / 1000);
  }
}
