import type { IncidentEvent } from '@streetchief/shared';
import type { Logger } from 'pino';

/** How often the head is read as a backstop for a missed wake-up (a lost LISTEN, another process on SQLite). */
export const TAIL_POLL_MS = 1000;
/** How often sockets hear the cursor ("nothing else for you up to N") while it moves. */
export const TAIL_HEARTBEAT_MS = 2000;
/**
 * How long a hole waits for the hand-off that fills it before the log is read. Concurrent commits
 * on one node hand their events over in whatever order their COMMITs answer, and a node's own
 * NOTIFY can arrive just before its hand-off: a moment's wait saves a read of what is about to
 * arrive anyway.
 */
export const TAIL_GRACE_MS = 2;
const PAGE = 500;

export interface EventTailOptions {
  /** The log after a sequence number, in order, at most `limit` (eventsAfter). */
  readAfter: (after: number, limit: number) => Promise<IncidentEvent[]>;
  /** The newest committed sequence number (headSeq). */
  readHead: () => Promise<number>;
  /** Each run of events, in sequence order, called as the cursor passes them. */
  deliver: (events: readonly IncidentEvent[]) => void;
  /** Every `heartbeatMs` while the cursor moved since the last call. */
  heartbeat: (cursor: number) => void;
  log: Logger;
  pollMs?: number;
  heartbeatMs?: number;
  graceMs?: number;
}

/** What the tail did, for tests and the bench: events handed over by local commits and events read from the log. */
export interface TailStats {
  handed: number;
  read: number;
  reads: number;
}

/**
 * One node's ordered view of the event log. The cursor is the last sequence number this node has
 * delivered to its sockets; everything after it is delivered exactly once and strictly in order.
 *
 * Commit order is sequence order (the counter row, appendEvents), so the log read from the cursor
 * is always a gap-free prefix of what will ever commit. Events committed here arrive by hand-off
 * (`offer`, no read); anything else (another node, another process, a hand-off that lost the race
 * with the next one) is read from the log when a wake-up (`wake`: NOTIFY, the head poll) or a
 * hole says there is more. No node waits on another being alive: each reads the shared log.
 */
export class EventTail {
  private cursor: number;
  /** Handed-over events beyond a hole, waiting for the hole to fill. */
  private readonly pending = new Map<number, IncidentEvent>();
  /** The log may hold events past the cursor that neither `pending` nor a hand-off will bring. */
  private behind = false;
  private reading = false;
  private readTimer: ReturnType<typeof setTimeout> | null = null;
  private polling = false;
  private beaten: number;
  private stopped = false;
  private readonly timers: ReturnType<typeof setInterval>[];
  private readonly graceMs: number;
  readonly stats: TailStats = { handed: 0, read: 0, reads: 0 };

  private constructor(
    private readonly opts: EventTailOptions,
    head: number,
  ) {
    this.cursor = head;
    this.beaten = head;
    this.graceMs = opts.graceMs ?? TAIL_GRACE_MS;
    this.timers = [
      setInterval(() => void this.poll(), opts.pollMs ?? TAIL_POLL_MS),
      setInterval(() => this.beat(), opts.heartbeatMs ?? TAIL_HEARTBEAT_MS),
    ];
    for (const t of this.timers) t.unref();
  }

  /** Starts at the log's head: what committed before this node ran had no socket here to reach. */
  static async start(opts: EventTailOptions): Promise<EventTail> {
    return new EventTail(opts, await opts.readHead());
  }

  /** The last sequence number delivered. A socket that joins its rooms now gets every event after it live. */
  get position(): number {
    return this.cursor;
  }

  /** Events this node just committed, in any order. */
  offer(events: readonly IncidentEvent[]): void {
    if (this.stopped) return;
    for (const e of events) {
      if (e.seq <= this.cursor || this.pending.has(e.seq)) continue;
      this.pending.set(e.seq, e);
      this.stats.handed++;
    }
    this.advance();
  }

  /** The log holds `seq` (a NOTIFY, the head poll): read up to it unless a hand-off brings it first. */
  wake(seq: number): void {
    if (this.stopped || seq <= this.cursor) return;
    this.behind = true;
    this.scheduleRead(this.graceMs);
  }

  /** Reads the head now (after a LISTEN reconnect: notifications sent meanwhile are gone). */
  check(): void {
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
    this.pending.clear();
  }

  /** Delivers the handed-over run that starts right after the cursor; a hole waits for a read. */
  private advance(): void {
    const run: IncidentEvent[] = [];
    for (let e = this.pending.get(this.cursor + 1); e; e = this.pending.get(this.cursor + 1)) {
      this.pending.delete(e.seq);
      run.push(e);
      this.cursor = e.seq;
    }
    if (run.length > 0) this.opts.deliver(run);
    if (this.pending.size > 0) {
      this.behind = true;
      this.scheduleRead(this.graceMs);
    }
  }

  private scheduleRead(ms: number): void {
    if (this.reading || this.readTimer || this.stopped) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      void this.read();
    }, ms);
  }

  /**
   * Reads while the log may be ahead of the cursor. With hand-offs held beyond a hole it reads only
   * the hole; otherwise from the cursor on, which answers every wake-up that came before it.
   */
  private async read(): Promise<void> {
    if (this.reading || this.stopped) return;
    this.reading = true;
    try {
      while (!this.stopped) {
        const hole = this.pending.size > 0;
        if (!hole && !this.behind) break;
        const after = this.cursor;
        const firstHeld = hole ? Math.min(...this.pending.keys()) : Infinity;
        const limit = Math.min(PAGE, firstHeld - after - 1);
        if (limit <= 0) {
          this.advance();
          continue;
        }
        if (!hole) this.behind = false;
        this.stats.reads++;
        const events = await this.opts.readAfter(after, limit);
        if (this.stopped) return;
        const run = events.filter((e) => e.seq > this.cursor);
        for (const e of run) this.pending.delete(e.seq);
        if (run.length > 0) {
          this.cursor = run.at(-1)!.seq;
          this.stats.read += run.length;
          this.opts.deliver(run);
        }
        if (!hole && events.length === limit) this.behind = true;
        if (hole && events.length < limit && this.cursor < firstHeld - 1) {
          // The log has nothing between what it returned and a held hand-off: impossible while the
          // counter row orders commits, so say so loudly and go on past it rather than stall.
          this.opts.log.error({ cursor: this.cursor, held: firstHeld }, 'event log has a hole; delivering past it');
          this.cursor = firstHeld - 1;
        }
        this.advance();
      }
      this.reading = false;
    } catch (err) {
      this.opts.log.warn({ err, cursor: this.cursor }, 'event tail read failed; retrying');
      this.behind = true;
      this.reading = false;
      this.scheduleRead(this.opts.pollMs ?? TAIL_POLL_MS);
    }
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      this.wake(await this.opts.readHead());
    } catch (err) {
      this.opts.log.warn({ err }, 'event tail head poll failed');
    } finally {
      this.polling = false;
    }
  }

  private beat(): void {
    if (this.stopped || this.cursor === this.beaten) return;
    this.beaten = this.cursor;
    this.opts.heartbeat(this.cursor);
  }
}
