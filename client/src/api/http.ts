/** An HTTP answer that was not 2xx; `status` 0 means the server could not be reached. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** True for "the session is gone, sign in again". */
export function isUnauthorized(err: unknown): boolean {
  return err instanceof HttpError && err.status === 401;
}

/**
 * Fetches JSON from the same-origin API with the session cookie. Throws `HttpError` on a network
 * failure (status 0) or a non-2xx status, with the server's `{error, reason}` in the message.
 */
export async function requestJson(path: string, init: RequestInit & { json?: unknown } = {}): Promise<unknown> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      credentials: 'same-origin',
      ...rest,
      headers: { Accept: 'application/json', ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch (err) {
    throw new HttpError(0, err instanceof Error ? err.message : 'network error');
  }
  if (res.status === 204) return null;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page); keep the status.
  }
  if (!res.ok) {
    const b = body as { error?: unknown; reason?: unknown } | null;
    const message = [b?.error, b?.reason].filter((x) => typeof x === 'string').join(': ') || `HTTP ${res.status}`;
    throw new HttpError(res.status, message, body);
  }
  return body;
}
