import fs from 'node:fs';
import path from 'node:path';
import compression from 'compression';
import express from 'express';
import type { Logger } from 'pino';
import type { RateLimiter } from '../auth/rateLimit.ts';
import type { Sessions } from '../auth/sessions.ts';
import type { CommandContext } from '../commands/context.ts';
import { HttpError } from './errors.ts';
import { errorHandler } from './errorHandler.ts';
import { healthz } from './healthz.ts';
import { heavyLimit } from './heavyLimit.ts';
import { resolveUser } from './auth.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { tokenMetricsRoute } from '../metrics/metricsServer.ts';
import { open311Routes } from '../open311/routes.ts';
import { adminAuditRoutes } from './routes/adminAudit.ts';
import { apiDocRoutes } from './routes/apiDocs.ts';
import { adminDisplayRoutes } from './routes/adminDisplays.ts';
import { adminImportRoutes } from './routes/adminImport.ts';
import { adminUserRoutes } from './routes/adminUsers.ts';
import { checkerRoutes } from './routes/checkers.ts';
import { dailyReportRoutes } from './routes/dailyReports.ts';
import { displayRoutes } from './routes/displays.ts';
import { eventRoutes } from './routes/events.ts';
import { geographyRoutes } from './routes/geography.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { patrolRoutes } from './routes/patrols.ts';
import { photoRoutes } from './routes/photos.ts';
import { statsRoutes } from './routes/stats.ts';
import { exportRoutes } from './routes/exports.ts';
import { meetingRoutes } from './routes/meeting.ts';
import { sessionRoutes } from './routes/session.ts';
import { security, type SecurityOptions } from './security.ts';
import type { TrustProxy } from './trustProxy.ts';

export interface AppDeps {
  ctx: CommandContext;
  sessions: Sessions;
  loginLimiter: RateLimiter;
  /** Express `trust proxy` (TRUST_PROXY): which proxies may name the client in X-Forwarded-For. */
  trustProxy: TrustProxy;
  log: Logger;
  clientDir: string;
  basemapStyleUrl: string | null;
  /** Protective headers (CSP, HSTS on HTTPS) and the origin check on state-changing requests. */
  security: SecurityOptions;
  disclaimer: () => string;
  /** Counted requests; /metrics on this port only with a token (METRICS_TOKEN). */
  metrics?: { metrics: Metrics; token: string | null };
}

/** The Express app: thin routes over commands, one error handler, the built client. */
export function buildApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  // Phones on bad signal load the app: compress text (JS, CSS, JSON); images are already compressed.
  if (deps.metrics) app.use(deps.metrics.metrics.http());
  app.use(compression());
  app.use(security(deps.security));
  // Open311 first: its own parsers (form posts) and its own error shape, never the app's page.
  app.use('/open311', open311Routes(deps.ctx, deps.log));
  // Before the JSON parser: an import's body is the raw file (up to 20 MiB), not a 64 KiB JSON request.
  app.use(adminImportRoutes(deps.ctx, deps.sessions));
  app.use(express.json({ limit: '64kb' }));
  app.get('/healthz', healthz(deps.ctx.store.db, deps.log));
  if (deps.metrics?.token) app.get('/metrics', tokenMetricsRoute(deps.metrics.metrics, deps.metrics.token));
  app.use(apiDocRoutes());
  app.use('/api', resolveUser(deps.sessions));
  app.use(sessionRoutes(deps.ctx.store, deps.sessions, deps.loginLimiter));
  app.use(displayRoutes(deps.ctx, deps.sessions));
  app.use(adminUserRoutes(deps.ctx, deps.sessions));
  app.use(adminDisplayRoutes(deps.ctx, deps.sessions));
  app.use(adminAuditRoutes(deps.ctx));
  app.use(geographyRoutes(deps.ctx.store, () => deps.ctx.ref, deps.disclaimer));
  app.use(incidentRoutes(deps.ctx));
  app.use(checkerRoutes(deps.ctx));
  app.use(photoRoutes(deps.ctx));
  app.use(statsRoutes(deps.ctx));
  app.use('/api/exports', heavyLimit());
  app.use(exportRoutes(deps.ctx));
  app.use(meetingRoutes(deps.ctx));
  app.use(eventRoutes(deps.ctx.store));
  app.use(patrolRoutes(deps.ctx));
  app.use(dailyReportRoutes(deps.ctx));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, { error: 'not_found', reason: 'no such endpoint' })));

  app.get('/config.js', (_req, res) => {
    res.type('application/javascript').send(`window.__STREETCHIEF_CONFIG__=${JSON.stringify({ basemapStyle: deps.basemapStyleUrl })};`);
  });
  if (fs.existsSync(deps.clientDir)) {
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/wall, /field, ...) all load the same page.
    const indexHtml = path.join(deps.clientDir, 'index.html');
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => res.sendFile(indexHtml));
  }

  app.use(errorHandler(deps.log));
  return app;
}
