import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import pino, { type Logger } from 'pino';
import { Server } from 'socket.io';
import { SignInLimiter, type RateLimiter } from './auth/rateLimit.ts';
import { Sessions } from './auth/sessions.ts';
import type { CommandContext } from './commands/context.ts';
import type { ServerConfig } from './config.ts';
import { refusePublishedPasswords } from './admin/productionGuard.ts';
import { seedDemo } from './demo/seed.ts';
import { buildApp } from './http/app.ts';
import { socketOriginCheck } from './http/security.ts';
import { Metrics } from './metrics/metrics.ts';
import { startMetricsServer } from './metrics/metricsServer.ts';
import { Broadcaster } from './realtime/broadcaster.ts';
import { CommitListener } from './realtime/commitListener.ts';
import { EventTail } from './realtime/eventTail.ts';
import { sessionDisconnector } from './realtime/sessionSockets.ts';
import { attachSockets } from './realtime/socketServer.ts';
import type { IoServer } from './realtime/types.ts';
import { Reference, REFERENCE_CHECK_MS, watchReference } from './reference.ts';
import { LocalLock, RedisLock, type JobLock } from './scheduler/lock.ts';
import { DeadlineScheduler } from './scheduler/scheduler.ts';
import { eventChannel, eventsAfter, headSeq } from './store/eventLog.ts';
import { DatabasePhotoStorage } from './store/photoStorage.ts';
import { Store } from './store/store.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** The Express app serving HTTP (tests walk its routes). */
  app: Express;
  store: Store;
  ctx: CommandContext;
  io: IoServer;
  /** This node's ordered broadcast of the event log (tests read its cursor and stats). */
  tail: EventTail;
  log: Logger;
  scheduler: DeadlineScheduler;
  /** The port /metrics is served on when METRICS_PORT is set, else null. */
  metricsPort: number | null;
  close: () => Promise<void>;
}

/** Open the store (migrating, seeding the demo if asked and empty), then serve HTTP and sockets. */
export async function startServer(cfg: ServerConfig, opts: { now?: () => Date; log?: Logger } = {}): Promise<RunningServer> {
  const log = opts.log ?? pino({ level: cfg.logLevel });
  const now = opts.now ?? (() => new Date());
  const store = await Store.open(cfg.db);
  if (cfg.seed === 'demo') await seedDemo(store, { now: now(), log });
  // A live district never runs with an account anyone who read the README can sign in to.
  if (cfg.production) {
    try {
      await refusePublishedPasswords(store, log);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const ref = await Reference.load(store);

  // The request listener must exist before Socket.IO attaches: it wraps the listeners present then
  // and keeps its own path (/socket.io) away from Express. The app itself is built below.
  let app: Express | null = null;
  const httpServer = http.createServer((req, res) => app?.(req, res));
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 1e6,
    // A page on another site must not open a socket with the user's cookie: same rule as for POSTs.
    allowRequest: socketOriginCheck(cfg.allowedOrigins, () => app),
  });
  // Imported only with Redis: the redis packages would add a quarter of a second to every start
  // of a single node (issue 11).
  const closeRedis = cfg.redisUrl
    ? await (await import('./realtime/redisAdapter.ts')).attachRedisAdapter(io, cfg.redisUrl, cfg.redisPrefix)
    : async () => {};
  const broadcaster = new Broadcaster(io);
  // The tail is made below; the gauges read it at scrape time.
  let cursor = () => 0;
  const metrics = new Metrics(
    { socketClients: () => io.engine.clientsCount, eventCursor: () => cursor(), db: () => store.stats() },
    !!cfg.metrics,
  );
  // Live events leave every node in log order, from this node's own read of the log: its own
  // commits are handed over, the others' are read when a NOTIFY (PostgreSQL) or the head poll
  // says the log grew.
  const tail = await EventTail.start({
    readAfter: (after, limit) => eventsAfter(store.db, after, limit),
    readHead: () => headSeq(store.db),
    deliver: (events) => {
      broadcaster.send(events);
      metrics.eventsPublished.inc(events.length);
    },
    heartbeat: (seq) => broadcaster.mark(seq),
    log,
  });
  const listener =
    cfg.db.dialect === 'postgres'
      ? await CommitListener.start({
          url: cfg.db.url,
          channel: await eventChannel(store.db),
          onCommit: (seq) => tail.wake(seq),
          onListening: () => tail.check(),
          log,
        })
      : null;
  cursor = () => tail.position;
  const ctx: CommandContext = {
    store,
    ref,
    now,
    photos: new DatabasePhotoStorage(),
    publish: (events) => tail.offer(events),
    publishPositions: (positions) => broadcaster.publishPositions(positions),
  };
  const sessions = new Sessions(store, { days: cfg.sessionDays, secure: cfg.cookieSecure, now, disconnect: sessionDisconnector(io) });
  const loginLimiter: RateLimiter = cfg.redisUrl
    ? await SignInLimiter.connect(cfg.redisUrl, `${cfg.redisPrefix}ratelimit:`, log)
    : SignInLimiter.memory();
  app = buildApp({
    ctx,
    sessions,
    loginLimiter,
    trustProxy: cfg.trustProxy,
    log,
    clientDir: cfg.clientDir,
    basemapStyleUrl: cfg.basemapStyleUrl,
    security: { cookieSecure: cfg.cookieSecure, allowedOrigins: cfg.allowedOrigins, basemapStyleUrl: cfg.basemapStyleUrl },
    disclaimer: () => ctx.ref.disclaimer,
    metrics: { metrics, token: cfg.metrics?.token ?? null },
  });
  attachSockets(io, { store, sessions, log, position: () => tail.position, metrics });
  const lock: JobLock = cfg.redisUrl ? await RedisLock.connect(cfg.redisUrl, `${cfg.redisPrefix}lock:scheduler`, 60_000) : new LocalLock();
  const scheduler = new DeadlineScheduler(ctx, cfg.deadlinePolicy, lock, cfg.schedulerIntervalMs, log, metrics);
  if (cfg.schedulerIntervalMs > 0) scheduler.start();
  // Imports on another node or from the CLI: reload reference data when its stored version moves on.
  const referenceWatch = watchReference(ctx, REFERENCE_CHECK_MS, log);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(cfg.port, cfg.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const metricsServer = cfg.metrics?.port != null ? await startMetricsServer(metrics, cfg.metrics.port, cfg.metrics.host) : null;
  log.info({ port, db: cfg.db.dialect, redis: !!cfg.redisUrl }, 'StreetChief listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    store,
    ctx,
    io,
    tail,
    log,
    scheduler,
    metricsPort: metricsServer?.port ?? null,
    close: async () => {
      await metricsServer?.close();
      await referenceWatch.stop();
      await scheduler.stop();
      tail.stop();
      await listener?.stop();
      await io.close();
      httpServer.closeAllConnections();
      await closeRedis();
      await loginLimiter.close();
      await store.close();
    },
  };
}
