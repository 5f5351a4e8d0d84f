/** The load generators' requests: JSON POSTs with a session cookie, timed, never thrown. */
import { Histogram } from './histogram.ts';

export const SESSION_COOKIE = 'sc_session';

/** Status codes (0: no answer) and response times of one generator's requests. */
export class RequestLog {
  readonly statuses: Record<string, number> = {};
  readonly latency = new Histogram();
  private inFlight = new Set<Promise<unknown>>();
  /** The first few failures, for the report. */
  readonly failures: string[] = [];

  post(url: string, token: string, body: unknown, ok: (status: number) => boolean = (s) => s < 300): Promise<number> {
    const started = performance.now();
    const p = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${token}` },
      body: JSON.stringify(body),
    })
      .then(async (res) => {
        const text = await res.text();
        if (!ok(res.status) && this.failures.length < 5) this.failures.push(`${res.status} ${url}: ${text.slice(0, 200)}`);
        return res.status;
      })
      .catch((err: Error) => {
        if (this.failures.length < 5) this.failures.push(`no answer ${url}: ${err.message}`);
        return 0;
      })
      .then((status) => {
        this.latency.add(performance.now() - started);
        this.statuses[status] = (this.statuses[status] ?? 0) + 1;
        this.inFlight.delete(p);
        return status;
      });
    this.inFlight.add(p);
    return p;
  }

  /** Wait for every request already sent. */
  async settle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
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
