/** The load generators' requests: JSON POSTs with a session cookie, timed, never thrown. */
import { setMaxListeners } from 'node:events';
import { Histogram } from './histogram.ts';

export const SESSION_COOKIE = 'sc_session';

/** Status 0: no answer (connection failed); -1: still unanswered when the generator gave up waiting. */
export const NO_ANSWER = 0;
export const GAVE_UP = -1;

/** Status codes and response times of one generator's requests, and what the failures said. */
export class RequestLog {
  readonly statuses: Record<string, number> = {};
  readonly latency = new Histogram();
  /** Failures by status and reason (`503 storage_unavailable: database is locked`), counted. */
  readonly failures: Record<string, number> = {};
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor() {
    // One signal for every request in flight (thousands when the nodes fall behind).
    setMaxListeners(0, this.abort.signal);
  }

  private fail(kind: string): void {
    this.failures[kind] = (this.failures[kind] ?? 0) + 1;
  }

  post(url: string, token: string, body: unknown, ok: (status: number) => boolean = (s) => s < 300): Promise<number> {
    const started = performance.now();
    const p = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
      body: JSON.stringify(body),
      signal: this.abort.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        if (!ok(res.status)) this.fail(`${res.status} ${text.replace(/[{}"]/g, '').slice(0, 120)}`);
        return res.status;
      })
      .catch((err: Error) => {
        if (this.abort.signal.aborted) return GAVE_UP;
        const cause = (err.cause as { code?: string; message?: string } | undefined) ?? {};
        this.fail(`no answer: ${err.message} (${cause.code ?? cause.message ?? '?'})`);
        return NO_ANSWER;
      })
      .then((status) => {
        if (status !== GAVE_UP) this.latency.add(performance.now() - started);
        this.statuses[status] = (this.statuses[status] ?? 0) + 1;
        this.inFlight.delete(p);
        return status;
      });
    this.inFlight.add(p);
    return p;
  }

  /**
   * Wait for every request already sent, at most `timeoutMs`; then stop waiting for the rest
   * (counted as GAVE_UP: they may still commit, which the run's checks allow for).
   */
  async settle(timeoutMs: number): Promise<void> {
    const timer = setTimeout(() => this.abort.abort(), timeoutMs);
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
    clearTimeout(timer);
  }

  summary() {
    return {
      statuses: this.statuses,
      p50Ms: this.latency.quantile(0.5),
      p99Ms: this.latency.quantile(0.99),
      maxMs: this.latency.max(),
      failures: this.failures,
    };
  }
}

export type RequestSummary = ReturnType<RequestLog['summary']>;

/**
 * Calls `fire(k)` for k = 0, 1, … at `perSecond`, on schedule even when answers are slow (an open
 * loop: a slow server does not slow the load down and hide its own latency). Returns a stop function.
 */
export function atRate(perSecond: number, fire: (k: number) => void): () => void {
  const start = performance.now();
  let k = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1000) * perSecond);
    while (k <= due) fire(k++);
  }, 5);
  return () => clearInterval(timer);
}
