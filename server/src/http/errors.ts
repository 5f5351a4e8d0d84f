import type { z } from 'zod';

/** An error with an HTTP status and a JSON body the client can act on. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error: string; field?: string; reason?: string; [k: string]: unknown },
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
