import pg from 'pg';
import type { Logger } from 'pino';

/** Waits between reconnect attempts of the LISTEN connection: 1 s doubling to 30 s. */
const retryDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

export interface CommitListenerOptions {
  url: string;
  /** The channel appendEvents notifies (eventChannel). */
  channel: string;
  /** A transaction that appended events up to `seq` has committed, on any node. */
  onCommit: (seq: number) => void;
  /** Listening (again): notifications sent while it was not are gone, so look at the head. */
  onListening: () => void;
  log: Logger;
}

/**
 * One dedicated PostgreSQL connection per node that LISTENs for appended events (a pooled
 * connection cannot: LISTEN belongs to its session). It reconnects by itself; meanwhile the event
 * tail's head poll keeps delivery going, only slower.
 */
export class CommitListener {
  private client: pg.Client | null = null;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  private constructor(private readonly opts: CommitListenerOptions) {}

  /** Starts listening; a failure to connect now is retried in the background, never fatal. */
  static async start(opts: CommitListenerOptions): Promise<CommitListener> {
    const l = new CommitListener(opts);
    await l.connect();
    return l;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    let failed = false;
    const lost = (err?: Error) => {
      if (failed) return;
      failed = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => {});
      if (this.stopped) return;
      this.opts.log.warn({ err, channel: this.opts.channel }, 'event LISTEN connection lost; reconnecting');
      this.retry = setTimeout(() => {
        this.retry = null;
        void this.connect();
      }, retryDelay(this.attempt++));
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      const seq = Number(n.payload);
      if (n.channel === this.opts.channel && Number.isSafeInteger(seq)) this.opts.onCommit(seq);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.opts.channel)}`);
    } catch (err) {
      lost(err as Error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempt = 0;
    this.opts.onListening();
  }
}
