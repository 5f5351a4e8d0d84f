import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { headSeq } from '../store/eventLog.ts';
import type { Executor } from '../store/store.ts';
import { storageUnavailable } from './errors.ts';
import { storageFailure } from './errorHandler.ts';

/**
 * GET /healthz: 200 `{ok: true, head}` after reading the database, so a node whose store is gone
 * reports unhealthy: 503 `{ok: false, error: 'storage_unavailable', reason}` with Retry-After,
 * whatever the failure (a health check that answers 500 tells a load balancer less).
 */
export function healthz(db: Executor, log: Logger) {
  return async (req: Request, res: Response) => {
    try {
      res.json({ ok: true, head: await headSeq(db) });
    } catch (err) {
      let answer = storageFailure(err, log, req.url);
      if (!answer) {
        log.error({ err, url: req.url }, 'health check failed');
        answer = storageUnavailable('the database did not answer', 5);
      }
      for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
      res.status(503).json({ ok: false, ...answer.body });
    }
  };
}
