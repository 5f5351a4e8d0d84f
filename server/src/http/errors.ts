import type { z } from 'zod';

/** An error with an HTTP status, a JSON body the client can act on and headers to send with it (Retry-After). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; field?: string; reason?: string; [k: string]: unknown },
    readonly headers: Record<string, string> = {},
  ) {
    super(body.reason ?? body.error);
  }
}

export const badRequest = (field: string, reason: string) => new HttpError(400, { error: 'invalid', field, reason });
export const unauthorized = () => new HttpError(401, { error: 'unauthenticated', reason: 'sign in first' });
export const forbidden = (reason: string) => new HttpError(403, { error: 'forbidden', reason });
export const notFound = (reason: string) => new HttpError(404, { error: 'not_found', reason });
export const conflict = (reason: string, extra: Record<string, unknown> = {}) =>
  new HttpError(409, { error: 'conflict', reason, ...extra });
/** 429: come back in `retryAfterSeconds` (a limit on concurrent work, not a judgement on the request). */
export const tooManyRequests = (reason: string, retryAfterSeconds: number) =>
  new HttpError(429, { error: 'too_many_requests', reason }, { 'Retry-After': String(retryAfterSeconds) });
/** 503: the database cannot serve now (disk full, read-only, locked, unreachable); the same request may succeed later. */
export const storageUnavailable = (reason: string, retryAfterSeconds: number) =>
  new HttpError(503, { error: 'storage_unavailable', reason }, { 'Retry-After': String(retryAfterSeconds) });

/** Parse with a schema or throw a 400 naming the first offending field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue && issue.path.length ? issue.path.join('.') : 'body';
  throw new HttpError(400, {
    error: 'invalid',
    field,
    reason: issue?.message ?? 'invalid input',
    issues: r.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })),
  });
}
