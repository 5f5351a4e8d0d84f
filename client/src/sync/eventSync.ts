import type { DomainEvent, IncidentEvent } from '@streetchief/shared/domain/events';
import type { Incident } from '@streetchief/shared/domain/incident';
import { PROTOCOL_VERSION, type CatchUpReply, type SocketAuth } from '@streetchief/shared/domain/socket';

/**
 * The live state of a display: every case open or active in the last `windowDays`, kept current
 * from the event log. Framework-free (React reads it through `subscribe`/`getState`, the map
 * through the change lists), and transport-free (a `SyncTransport` wraps Socket.IO; tests use a
 * fake).
 *
 * The sequence rules (docs/architecture.md "One event log"):
 * - the snapshot says which sequence number it reflects (`head`); that is `lastSeq`;
 * - every (re)connect sends `after = lastSeq`; `hello {head}` says where this connection's live
 *   stream starts: `catch_up` pages (the whole log, filtered events as `skip`) are applied in
 *   order up to it, while live events are held;
 * - then the held events, and from there on every live event with `seq > lastSeq`, are applied
 *   at once: the live stream is in sequence order and carries only what this user may see, so
 *   the numbers it jumps over were not for us;
 * - an event with `seq <= lastSeq` is old news and dropped;
 * - a `skip` only advances `lastSeq` (live, it is the server's "nothing else for you up to here");
 *   an upsert never replaces a higher `version`.
 */

export type ConnectionStatus = 'connecting' | 'live' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** When the status last changed (ms since epoch): "已断开 · 自 HH:MM:SS". */
  since: number;
}

/** What changed in one notification, so a map can apply a diff instead of redrawing. */
export interface SyncChange {
  /** Ids of cases added, updated or removed. */
  ids: readonly string[];
  /** The whole set was replaced (snapshot load): re-read everything. */
  reset: boolean;
}

/** An immutable view for renderers; a new object after every change (`revision` increments). */
export interface SyncState {
  revision: number;
  /** The cases, by id. The same Map is updated in place: compare `revision`, not identity. */
  incidents: ReadonlyMap<string, Incident>;
  lastSeq: number;
  /** The first snapshot has arrived. */
  loaded: boolean;
  connection: ConnectionState;
  /** The latest case events, newest first (bounded). */
  ticker: readonly IncidentEvent[];
  /** The last load/catch-up problem, cleared on success. */
  error: string | null;
}

export type SyncListener = (change: SyncChange) => void;

export interface TransportHandlers {
  connect(): void;
  /** `willReconnect` false: the transport gave up (server closed it); the sync retries itself. */
  disconnect(reason: string, willReconnect: boolean): void;
  connectError(message: string, willReconnect: boolean): void;
  hello(info: { protocol: number; head: number }): void;
  /** A raw `event` message; the sync validates it. */
  event(raw: unknown): void;
  /** The server showed it is still there (Socket.IO's ping): the connection is not silently dead. */
  heartbeat(): void;
}

/** The socket, reduced to what the sync needs. */
export interface SyncTransport {
  /** Connects; `auth` is called again on every reconnect attempt, so `after` is always current. */
  open(auth: () => SocketAuth, handlers: TransportHandlers): void;
  /** One `catch_up` page; rejects on timeout or when not connected. */
  catchUp(after: number, limit: number): Promise<CatchUpReply>;
  /** Connect again after the transport gave up. */
  reconnect(): void;
  close(): void;
}

export interface EventSyncOptions {
  transport: SyncTransport;
  loadSnapshot: (activeSince: Date) => Promise<{ incidents: Incident[]; head: number }>;
  /** Fills the ticker with the events just before the snapshot (optional; the ticker starts empty without it). */
  loadRecentEvents?: (after: number, limit: number) => Promise<{ events: DomainEvent[] }>;
  /** Validates a wire event; `null` drops it. Defaults to trusting the shape. */
  parseEvent?: (raw: unknown) => DomainEvent | null;
  /** Called when the server says the session is gone (snapshot 401 or socket `unauthenticated`). */
  onUnauthorized?: () => void;
  /** Called when the server speaks another protocol version (the page is older than the server). */
  onProtocolMismatch?: (serverProtocol: number) => void;
  /** Is this load error a 401? Defaults to `err.status === 401`. */
  isUnauthorized?: (err: unknown) => boolean;
  now?: () => number;
  /** Closed/voided cases untouched for longer than this are dropped. */
  windowDays?: number;
  tickerSize?: number;
  catchUpPageSize?: number;
  /** A gap this large is cheaper to fill with a fresh snapshot than with catch-up pages. */
  resnapshotGap?: number;
  /** Bound on out-of-order events held while a gap is filled. */
  maxBuffered?: number;
  /**
   * "Live" needs word from the server (hello, an event, a heartbeat) within this long. Socket.IO's
   * server pings every 25 s and allows 20 s for the answer: past that the line is dead even if no
   * close was seen yet.
   */
  quietAfterMs?: number;
}

const DAY_MS = 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;
const LIVENESS_CHECK_MS = 5000;

/** Exponential backoff with a cap: 1 s, 2 s, 4 s … 60 s. */
function backoff(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(attempt, 6));
}

function defaultIsUnauthorized(err: unknown): boolean {
  return (err as { status?: unknown } | null)?.status === 401;
}

export class EventSync {
  private readonly opts: Required<Omit<EventSyncOptions, 'loadRecentEvents' | 'onUnauthorized' | 'onProtocolMismatch'>> &
    Pick<EventSyncOptions, 'loadRecentEvents' | 'onUnauthorized' | 'onProtocolMismatch'>;
  private readonly incidents = new Map<string, Incident>();
  /** Live events that arrived before this connection caught up to `liveFrom`. */
  private readonly buffer = new Map<number, DomainEvent>();
  /**
   * This connection's `hello.head`: the live stream brings everything after it, catch-up what
   * comes before. Raised when held events had to be dropped (catch-up then fetches them).
   */
  private liveFrom: number | null = null;
  private readonly listeners = new Set<SyncListener>();
  private lastSeq = 0;
  private loaded = false;
  private ticker: IncidentEvent[] = [];
  private connection: ConnectionState;
  private error: string | null = null;
  private revision = 0;
  private state: SyncState;

  private running = false;
  private transportOpen = false;
  private connected = false;
  /** `hello` with our protocol arrived on this connection: only then can the state be "live". */
  private helloSeen = false;
  /** A snapshot (re)load is in flight: events are buffered, not applied. */
  private resyncing = false;
  private catchingUp: Promise<boolean> | null = null;
  private catchUpAgain = false;
  private snapshotAttempts = 0;
  private reconnectAttempts = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  private livenessTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * Connected, greeted with our protocol and caught up to `liveFrom`: live events are applied as
   * they come, and the page is live as long as the server keeps talking.
   */
  private caughtUp = false;
  /** When the server last said anything on this connection (hello, event, heartbeat). */
  private lastHeard = 0;

  private pendingIds = new Set<string>();
  private pendingReset = false;
  private pendingNotify = false;

  constructor(options: EventSyncOptions) {
    this.opts = {
      parseEvent: (raw) => raw as DomainEvent,
      isUnauthorized: defaultIsUnauthorized,
      now: () => Date.now(),
      windowDays: 30,
      tickerSize: 50,
      catchUpPageSize: 500,
      resnapshotGap: 20_000,
      maxBuffered: 10_000,
      quietAfterMs: 50_000,
      ...options,
    };
    this.connection = { status: 'connecting', since: this.opts.now() };
    this.state = this.buildState();
  }

  /** Loads the snapshot, then connects. Safe to call once; `stop` ends it. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.bootstrap();
    this.pruneTimer = setInterval(() => this.prune(), PRUNE_EVERY_MS);
    this.livenessTimer = setInterval(() => this.checkLiveness(), LIVENESS_CHECK_MS);
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    if (this.livenessTimer) clearInterval(this.livenessTimer);
    this.livenessTimer = null;
    if (this.transportOpen) this.opts.transport.close();
    this.transportOpen = false;
    this.connected = false;
  }

  /** After signing in again: retry now instead of waiting for the backoff. */
  resume(): void {
    if (!this.running) return;
    if (!this.loaded) {
      this.clearTimers();
      void this.bootstrap();
    } else if (!this.connected) {
      this.opts.transport.reconnect();
    }
  }

  /**
   * Applies a case as the server returned it for this user's own action (`POST …/actions` answers
   * with it), so the page shows the result at once. The matching event may never reach this user
   * when the action took the case out of their rooms (a department's 回退 clears its department).
   * The version check makes the later event, or an older echo, a no-op; the sequence is untouched.
   */
  applyLocal(incident: Incident): void {
    if (!this.running) return;
    this.upsert(incident);
    this.flush();
  }

  subscribe(listener: SyncListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  getState = (): SyncState => this.state;

  // ---- loading ----------------------------------------------------------------------------

  private async bootstrap(): Promise<void> {
    const ok = await this.reloadSnapshot();
    if (!this.running) return;
    if (!ok) {
      this.later(() => void this.bootstrap(), backoff(this.snapshotAttempts++));
      return;
    }
    this.snapshotAttempts = 0;
    if (!this.transportOpen) {
      this.transportOpen = true;
      this.opts.transport.open(() => ({ protocol: PROTOCOL_VERSION, after: this.lastSeq }), this.handlers);
      void this.prefillTicker(this.lastSeq);
    }
  }

  /**
   * Replaces the state with a fresh snapshot. Events arriving meanwhile are buffered and applied
   * on top (the version check discards what the snapshot already has).
   */
  private async reloadSnapshot(): Promise<boolean> {
    this.resyncing = true;
    this.caughtUp = false;
    try {
      const now = this.opts.now();
      const snap = await this.opts.loadSnapshot(new Date(now - this.opts.windowDays * DAY_MS));
      if (!this.running) return false;
      for (const id of this.incidents.keys()) this.pendingIds.add(id);
      this.incidents.clear();
      for (const inc of snap.incidents) this.upsert(inc);
      // After a server reset (head went back) ticker entries past the new head are from another log.
      if (this.ticker.some((e) => e.seq > snap.head)) this.ticker = this.ticker.filter((e) => e.seq <= snap.head);
      this.lastSeq = snap.head;
      this.loaded = true;
      this.error = null;
      this.pendingReset = true;
      this.resyncing = false;
      this.flush();
      // Connected: catch up to this connection's live start again (at once if the snapshot is past it).
      if (this.connected && this.liveFrom !== null) void this.catchUp();
      return true;
    } catch (err) {
      this.resyncing = false;
      this.error = err instanceof Error ? err.message : String(err);
      if (this.opts.isUnauthorized(err)) this.opts.onUnauthorized?.();
      if (this.connection.status !== 'offline') this.connection = { status: 'offline', since: this.opts.now() };
      this.pendingNotify = true;
      this.flush();
      return false;
    }
  }

  /** The ticker shows the last events before the snapshot too, so it is not empty after a reload. */
  private async prefillTicker(head: number): Promise<void> {
    if (!this.opts.loadRecentEvents || head === 0) return;
    try {
      const n = this.opts.tickerSize;
      const { events } = await this.opts.loadRecentEvents(Math.max(0, head - n), n);
      const older = events.filter((e): e is IncidentEvent => e.type === 'incident' && e.seq <= head);
      if (older.length === 0) return;
      this.addToTicker(older);
      this.flush();
    } catch (err) {
      // Cosmetic only: the ticker fills with live events anyway.
      console.warn('[sync] could not prefill the ticker', err);
    }
  }

  // ---- transport events -------------------------------------------------------------------

  private readonly handlers: TransportHandlers = {
    connect: () => {
      this.connected = true;
      this.endLiveStream();
      this.reconnectAttempts = 0;
    },
    disconnect: (_reason, willReconnect) => {
      this.connected = false;
      this.endLiveStream();
      this.setConnection('offline');
      if (!willReconnect) this.scheduleReconnect();
    },
    connectError: (message, willReconnect) => {
      // A refused handshake (signed out, revoked display) is offline, whatever was shown before.
      this.connected = false;
      this.endLiveStream();
      this.setConnection('offline');
      if (/unauthenticated|unauthori[sz]ed/i.test(message)) this.opts.onUnauthorized?.();
      if (!willReconnect) this.scheduleReconnect();
    },
    hello: (info) => {
      this.connected = true;
      this.heard();
      if (info.protocol !== PROTOCOL_VERSION) {
        this.setConnection('offline');
        this.opts.onProtocolMismatch?.(info.protocol);
        return;
      }
      this.helloSeen = true;
      this.liveFrom = info.head;
      void this.afterHello();
    },
    event: (raw) => {
      this.heard();
      const e = this.opts.parseEvent(raw);
      if (e) this.receive(e);
    },
    heartbeat: () => this.heard(),
  };

  /**
   * A connection's live stream ends with it: what it held is dropped (the next connection's
   * catch-up and live stream cover all of it).
   */
  private endLiveStream(): void {
    this.helloSeen = false;
    this.caughtUp = false;
    this.liveFrom = null;
    this.buffer.clear();
  }

  /** The server spoke: a live connection that had gone quiet is live again. */
  private heard(): void {
    this.lastHeard = this.opts.now();
    if (this.caughtUp && this.connected && this.connection.status !== 'live') this.setConnection('live');
  }

  /** Connected, greeted and caught up: say "live" if the server spoke recently. */
  private markLive(): void {
    if (!this.connected || !this.helloSeen) return;
    this.caughtUp = true;
    if (this.opts.now() - this.lastHeard <= this.opts.quietAfterMs) this.setConnection('live');
  }

  /**
   * A connection that stopped hearing from the server is not live, even before the transport
   * notices: the page says so and keeps its data. Runs on a timer; public for tests.
   */
  checkLiveness(): void {
    if (this.connection.status === 'live' && this.opts.now() - this.lastHeard > this.opts.quietAfterMs) this.setConnection('offline');
  }

  private async afterHello(): Promise<void> {
    const head = this.liveFrom;
    if (head === null || !this.connected) return;
    let reload = head - this.lastSeq > this.opts.resnapshotGap; // a snapshot is cheaper than thousands of catch-up pages
    if (!reload && head < this.lastSeq) {
      // This node has broadcast less than we applied: it is a moment behind the node we heard
      // before, or the log was reset (a new database) and our state is from another world. The
      // database's head tells which.
      const reply = await this.opts.transport.catchUp(this.lastSeq, 1).catch(() => null);
      if (!this.running || this.liveFrom !== head) return;
      if (!reply?.ok) {
        this.later(() => void this.afterHello(), 3000);
        return;
      }
      reload = reply.head < this.lastSeq;
    }
    if (reload) {
      if (!(await this.reloadSnapshot())) {
        this.later(() => void this.afterHello(), backoff(this.snapshotAttempts++));
        return;
      }
      this.snapshotAttempts = 0;
    }
    await this.catchUp();
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    this.later(() => {
      if (this.running && !this.connected) this.opts.transport.reconnect();
    }, backoff(this.reconnectAttempts++));
  }

  // ---- applying events --------------------------------------------------------------------

  /** One event from the live stream: applied at once when caught up, held until then. */
  private receive(e: DomainEvent): void {
    // Before `hello` no stream has started (the server sends it first); nothing to place an event by.
    if (e.seq <= this.lastSeq || this.liveFrom === null) return;
    if (!this.caughtUp || this.resyncing) {
      this.hold(e);
      return;
    }
    this.apply(e);
    this.flush();
  }

  private hold(e: DomainEvent): void {
    if (this.buffer.size >= this.opts.maxBuffered && this.liveFrom !== null) {
      // Holding more only costs memory: catch-up fetches these instead, up to the newest dropped.
      this.liveFrom = Math.max(this.liveFrom, ...this.buffer.keys());
      this.buffer.clear();
    }
    this.buffer.set(e.seq, e);
  }

  /** Caught up to `liveFrom`: applies the held live events in order, and from now on each as it comes. */
  private goLive(): void {
    if (!this.connected || !this.helloSeen) return;
    const held = [...this.buffer.values()].sort((a, b) => a.seq - b.seq);
    this.buffer.clear();
    for (const e of held) if (e.seq > this.lastSeq) this.apply(e);
    this.pendingNotify = true;
    this.flush();
    this.markLive();
  }

  /** Applies an event; callers check the sequence. */
  private apply(e: DomainEvent): void {
    this.lastSeq = e.seq;
    switch (e.type) {
      case 'skip':
        return;
      case 'incident':
        this.upsert(e.incident);
        this.addToTicker([e]);
        return;
      default: {
        const never: never = e;
        console.warn('[sync] unknown event type', never);
      }
    }
  }

  /** Keeps the higher version; records the id when something changed. */
  private upsert(inc: Incident): void {
    const current = this.incidents.get(inc.id);
    if (current && current.version >= inc.version) return;
    this.incidents.set(inc.id, inc);
    this.pendingIds.add(inc.id);
  }

  private addToTicker(events: IncidentEvent[]): void {
    const bySeq = new Map<number, IncidentEvent>();
    for (const e of this.ticker) bySeq.set(e.seq, e);
    for (const e of events) bySeq.set(e.seq, e);
    this.ticker = [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, this.opts.tickerSize);
    this.pendingNotify = true;
  }

  /**
   * Pages through `catch_up` until this connection's live start (`liveFrom`), then goes live.
   * Concurrent calls share one run; a call during a run schedules one more pass.
   * @returns whether it finished caught up.
   */
  private catchUp(): Promise<boolean> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const run = this.catchUpLoop().finally(() => {
      this.catchingUp = null;
      if (this.catchUpAgain && this.running) {
        this.catchUpAgain = false;
        void this.catchUp();
      }
    });
    this.catchingUp = run;
    return run;
  }

  private async catchUpLoop(): Promise<boolean> {
    let stalls = 0;
    let reloads = 0;
    try {
      for (;;) {
        if (!this.running || !this.connected || this.resyncing || this.liveFrom === null) return false;
        if (this.lastSeq >= this.liveFrom) {
          this.goLive();
          return true;
        }
        const after = this.lastSeq;
        const reply = await this.opts.transport.catchUp(after, this.opts.catchUpPageSize);
        if (!reply.ok) throw new Error(`catch_up refused: ${reply.error}`);
        if (this.lastSeq !== after) continue; // a snapshot reload moved us meanwhile
        // A page is the log itself, every number present (filtered ones as skip): apply in order.
        for (const raw of reply.events) {
          const e = this.opts.parseEvent(raw);
          if (e && e.seq === this.lastSeq + 1) this.apply(e);
        }
        this.error = null;
        this.pendingNotify = true;
        this.flush();
        if (this.lastSeq > after) {
          stalls = 0;
          continue;
        }
        if (++stalls >= 3) {
          // The log has a hole catch-up cannot fill (e.g. pruned history): start again from a snapshot.
          if (++reloads > 2) throw new Error(`catch-up stuck at ${after} (head ${reply.head})`);
          console.warn(`[sync] catch-up stuck at ${after} (head ${reply.head}); reloading the snapshot`);
          if (!(await this.reloadSnapshot())) throw new Error('snapshot reload failed');
          stalls = 0;
        }
      }
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
      this.pendingNotify = true;
      this.flush();
      // Retry while connected; a reconnect triggers its own catch-up after `hello`.
      this.later(() => {
        if (this.connected) void this.catchUp();
      }, 3000);
      return false;
    }
  }

  // ---- housekeeping -----------------------------------------------------------------------

  /** Drops finished cases older than the window, so weeks of uptime do not grow the state. */
  prune(): void {
    const cutoff = this.opts.now() - this.opts.windowDays * DAY_MS;
    for (const [id, inc] of this.incidents) {
      if ((inc.status === 'closed' || inc.status === 'voided') && Date.parse(inc.updatedAt) < cutoff) {
        this.incidents.delete(id);
        this.pendingIds.add(id);
      }
    }
    this.flush();
  }

  private setConnection(status: ConnectionStatus): void {
    if (this.connection.status === status) return;
    this.connection = { status, since: this.opts.now() };
    this.pendingNotify = true;
    this.flush();
  }

  private later(fn: () => void, ms: number): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.running) fn();
    }, ms);
    this.timers.add(t);
  }

  private clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private buildState(): SyncState {
    return {
      revision: this.revision,
      incidents: this.incidents,
      lastSeq: this.lastSeq,
      loaded: this.loaded,
      connection: this.connection,
      ticker: this.ticker,
      error: this.error,
    };
  }

  /** Publishes a new state and tells listeners which ids changed. */
  private flush(): void {
    const seqMoved = this.state.lastSeq !== this.lastSeq;
    if (this.pendingIds.size === 0 && !this.pendingReset && !this.pendingNotify && !seqMoved) return;
    const change: SyncChange = { ids: [...this.pendingIds], reset: this.pendingReset };
    this.pendingIds = new Set();
    this.pendingReset = false;
    this.pendingNotify = false;
    this.revision++;
    this.state = this.buildState();
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (err) {
        // One broken view must not stop the others or the sync.
        console.error('[sync] listener failed', err);
      }
    }
  }
}
