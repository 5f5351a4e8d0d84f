import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What operations watches, in Prometheus form (prom-client): request rates and latency by route,
 * live sockets, events published, catch-up pages served, scheduler scans, the database's write
 * queue and connections, and the process's own figures (event-loop lag, memory, CPU, GC) from
 * prom-client's defaults. One registry per server, so tests and several nodes in one process
 * never mix their counts. Served off the public surface (metricsServer.ts).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'streetchief_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpSeconds = new Histogram({
    name: 'streetchief_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being sent, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'streetchief_events_published_total',
    help: 'Case events this node broadcast to its sockets (in sequence order)',
    registers: [this.registry],
  });

  readonly catchUpPages = new Counter({
    name: 'streetchief_catch_up_pages_total',
    help: 'catch_up pages served to sockets, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly schedulerScans = new Counter({
    name: 'streetchief_scheduler_scans_total',
    help: 'Deadline scans run by this node (as the leader), by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** `processFigures`: also the process's own (event-loop lag, memory, GC): only where /metrics is served. */
  constructor(sources: MetricSources, processFigures: boolean) {
    if (processFigures) collectDefaultMetrics({ register: this.registry, prefix: 'streetchief_' });
    new Gauge({
      name: 'streetchief_socket_clients',
      help: 'Socket.IO clients connected to this node',
      registers: [this.registry],
      collect() {
        this.set(sources.socketClients());
      },
    });
    new Gauge({
      name: 'streetchief_event_cursor',
      help: 'The last event sequence number this node has broadcast',
      registers: [this.registry],
      collect() {
        this.set(sources.eventCursor());
      },
    });
    new Gauge({
      name: 'streetchief_db_pending_transactions',
      help: 'Transactions waiting for the next group commit (queued, not yet running)',
      registers: [this.registry],
      collect() {
        this.set(sources.db().pending);
      },
    });
    new Gauge({
      name: 'streetchief_db_connections',
      help: 'Database connections of this node, by state (PostgreSQL pool; SQLite: one writer and one reader)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const d = sources.db();
        this.set({ state: 'total' }, d.connections.total);
        this.set({ state: 'idle' }, d.connections.idle);
        this.set({ state: 'waiting' }, d.connections.waiting);
      },
    });
  }

  /** Express middleware: counts and times every answer by its route pattern (never the raw URL). */
  http() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpSeconds.startTimer();
      res.once('finish', () => {
        // The pattern the request matched (`/api/incidents/:id`), so ids do not make new series.
        const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
        const labels = { method: req.method, route };
        end(labels);
        this.httpRequests.inc({ ...labels, status: `${Math.floor(res.statusCode / 100)}xx` });
      });
      next();
    };
  }
}

/** Readings the gauges take at scrape time. */
export interface MetricSources {
  socketClients: () => number;
  eventCursor: () => number;
  db: () => { pending: number; connections: { total: number; idle: number; waiting: number } };
}
