import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { classifyStorageError } from '../store/storageErrors.ts';
import type { WithRollbackError } from '../store/store.ts';
import { HttpError, storageUnavailable } from './errors.ts';

/**
 * A storage failure behind `err` as a 503 with Retry-After, logged once with its real cause
 * ("storage failure: disk full (SQLITE_FULL)") and, when the ROLLBACK after it failed too, that
 * second error beside it; null when `err` is not a storage failure.
 */
export function storageFailure(err: unknown, log: Logger, url: string): HttpError | null {
  const fault = classifyStorageError(err);
  if (!fault) return null;
  const rollbackError = (err as WithRollbackError).rollbackError;
  log.error({ err, ...(rollbackError ? { rollbackError } : {}), url }, `storage failure: ${fault.reason} (${fault.code})`);
  return storageUnavailable(fault.reason, fault.retryAfterSeconds);
}

/**
 * What to answer for an error thrown while serving `url`: an HttpError as it is, body-parser and
 * Express client errors as 400/413/4xx, a storage failure as 503 with Retry-After; anything else is
 * logged and becomes 500. One classification for every error shape the server speaks (the app's
 * JSON body here, Open311's `[{code, description}]` in open311/routes.ts).
 */
export function answerOf(err: unknown, log: Logger, url: string): HttpError {
  if (err instanceof HttpError) return err;
  const e = err as { type?: string; status?: number; message?: string };
  // body-parser errors: malformed JSON, too large.
  if (e?.type === 'entity.parse.failed') return new HttpError(400, { error: 'invalid', field: 'body', reason: 'malformed JSON' });
  if (e?.type === 'entity.too.large') return new HttpError(413, { error: 'too_large', field: 'body', reason: 'body over 64 KiB' });
  // Other client errors Express or a body parser raised (a bad %-escape, an unknown encoding).
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500)
    return new HttpError(e.status, { error: 'invalid', reason: e.message ?? 'bad request' });
  const storage = storageFailure(err, log, url);
  if (storage) return storage;
  const rollbackError = (err as WithRollbackError | null)?.rollbackError;
  log.error({ err, ...(rollbackError ? { rollbackError } : {}), url }, 'request failed');
  return new HttpError(500, { error: 'server_error' });
}

function send(res: Response, e: HttpError): void {
  for (const [name, value] of Object.entries(e.headers)) res.setHeader(name, value);
  res.status(e.status).json(e.body);
}

/**
 * The one error handler: HttpErrors as they are (with their headers), body-parser errors as 400
 * and 413, storage failures as 503, anything else logged and answered 500. A response already
 * under way (an export mid-stream) cannot change its status: it is cut off instead, so the client
 * sees a broken download rather than a file that looks complete.
 */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      if (!storageFailure(err, log, req.url)) log.error({ err, url: req.url }, 'response failed mid-stream');
      res.destroy();
      return;
    }
    send(res, answerOf(err, log, req.url));
  };
}
