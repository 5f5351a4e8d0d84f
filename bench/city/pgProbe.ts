/**
 * What the run's PostgreSQL sessions are doing, sampled every 2 s from pg_stat_activity: busy on
 * the CPU, waiting for a lock (the event counter row every write takes), or idle. Where the time
 * goes when the nodes themselves are not busy.
 */
import pg from 'pg';

export class PgProbe {
  private timer: NodeJS.Timeout | null = null;
  private readonly client: pg.Client;
  private readonly counts = new Map<string, number>();
  private samples = 0;

  constructor(
    url: string,
    private readonly database: string,
  ) {
    this.client = new pg.Client({ connectionString: url });
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), 2000);
  }

  private async sample(): Promise<void> {
    const { rows } = await this.client
      .query<{ what: string; n: string }>(
        `SELECT coalesce(state, '?') || coalesce(' / ' || wait_event_type || ':' || wait_event, '') AS what, count(*) AS n
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1`,
        [this.database],
      )
      .catch(() => ({ rows: [] }));
    this.samples++;
    for (const r of rows) this.counts.set(r.what, (this.counts.get(r.what) ?? 0) + Number(r.n));
  }

  /** Mean number of sessions in each state over the samples, most first. */
  async stop(): Promise<Record<string, number>> {
    if (this.timer) clearInterval(this.timer);
    await this.client.end();
    return Object.fromEntries(
      [...this.counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => [what, Math.round((n / Math.max(1, this.samples)) * 10) / 10]),
    );
  }
}
