import { MAX_POINTS_PER_BATCH, type TrackPoint } from '@streetchief/shared/domain/patrol';
import { withoutPhoto, type OutboxItem, type OutboxPayload } from './items.ts';

/** Where outbox items live: IndexedDB on the phone, memory in tests. Every method is atomic. */
export interface OutboxStore {
  /** All items in insertion order. */
  all(): Promise<OutboxItem[]>;
  /** Adds items (and the photo blobs they need) together: a report is never stored without its photos. */
  add(items: OutboxItem[], blobs: { id: string; blob: Blob }[]): Promise<void>;
  remove(seqs: number[], blobIds: string[]): Promise<void>;
  update(items: OutboxItem[]): Promise<void>;
  blob(id: string): Promise<Blob | undefined>;
}

/** `status` 0: no answer (offline, timeout). `body`: the server's answer to an accepted item, when it has one. */
export type SendResult = { ok: true; body?: unknown } | { ok: false; status: number; reason: string };

/** Sends one request for a payload; a photo payload gets its blob. */
export type Sender = (payload: OutboxPayload, blob?: Blob) => Promise<SendResult>;

export interface OutboxOptions {
  /** The server said 401: sign in again; the queue waits. */
  onUnauthorized?: () => void;
  /** Is the network there at all? Defaults to `navigator.onLine`. */
  online?: () => boolean;
  /** Retry delay after a transient failure: `min(max, base · 2^attempt)`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often queued track points go out while online. */
  trackIntervalMs?: number;
  /** Serialises flushes across tabs (Web Locks); defaults to none. */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Every request's outcome, as it happens: whether the server answered, and what it said to an accepted item. */
  onResult?: (payload: OutboxPayload, result: SendResult) => void;
}

export interface OutboxView {
  items: readonly OutboxItem[];
  /** Items still to be sent (not failed). */
  pending: number;
  failed: number;
  sending: boolean;
  /** When the queue last became empty or an item was last sent. */
  lastSentAt: number | null;
}

/**
 * The phone's outbox: everything the user did (reports, photos, track points, daily reports,
 * checks) is written here first and sent in order when the network allows. An item leaves the
 * outbox only after the server has answered 2xx, so nothing is lost; every request carries
 * client-made ids, so a resend after a lost answer is not a second case (exactly once).
 *
 * A refused item (4xx) stays, marked with the server's reason, and does not block the rest. A
 * refused photo is also taken out of its report, so a bad picture never costs the report.
 */
export class Outbox {
  private view: OutboxView = { items: [], pending: 0, failed: 0, sending: false, lastSentAt: null };
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private trackTimer: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  private stopped = true;
  private readonly onOnline = () => void this.flush();

  constructor(
    private readonly store: OutboxStore,
    private readonly send: Sender,
    private readonly opts: OutboxOptions = {},
  ) {}

  /** Loads the queue, and sends whenever the network comes back, and every `trackIntervalMs`. */
  async start(): Promise<void> {
    this.stopped = false;
    if (typeof window !== 'undefined') window.addEventListener('online', this.onOnline);
    this.trackTimer = setInterval(() => void this.flush(), this.opts.trackIntervalMs ?? 20_000);
    await this.reload();
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== 'undefined') window.removeEventListener('online', this.onOnline);
    if (this.trackTimer) clearInterval(this.trackTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.trackTimer = this.retryTimer = null;
  }

  getView = (): OutboxView => this.view;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Queues items, durably, then tries to send. Track points wait for the next round (they are many
   * and small); anything else goes at once.
   */
  async enqueue(
    payloads: { payload: OutboxPayload; label?: string }[],
    opts: { group?: string; blobs?: { id: string; blob: Blob }[] } = {},
  ): Promise<void> {
    const now = Date.now();
    const group = opts.group ?? `${now}-${Math.random().toString(36).slice(2)}`;
    const items: OutboxItem[] = payloads.map(({ payload, label }) => ({
      group,
      createdAt: now,
      attempts: 0,
      failed: null,
      lastError: null,
      label: label ?? '',
      payload,
    }));
    await this.store.add(items, opts.blobs ?? []);
    await this.reload();
    if (payloads.some((p) => p.payload.kind !== 'track')) void this.flush();
  }

  /** Removes a refused item the user has seen (and its photo). */
  async discard(seq: number): Promise<void> {
    const item = this.view.items.find((i) => i.seq === seq);
    if (!item) return;
    await this.store.remove([seq], item.payload.kind === 'photo' ? [item.payload.photoId] : []);
    await this.reload();
  }

  /** Sends what is queued, in order, until the queue is empty or the network fails. */
  flush(): Promise<void> {
    if (this.flushing) {
      // Something arrived during a flush: go round once more when it ends.
      this.again = true;
      return this.flushing;
    }
    const run = async () => {
      do {
        this.again = false;
        await (this.opts.lock ? this.opts.lock(() => this.flushOnce()) : this.flushOnce());
      } while (this.again && !this.stopped);
    };
    this.flushing = run().finally(() => {
      this.flushing = null;
      this.setSending(false);
    });
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    if (this.stopped || !(this.opts.online?.() ?? (typeof navigator === 'undefined' || navigator.onLine))) return;
    for (;;) {
      const items = await this.store.all();
      const next = pickBatch(items);
      if (!next) break;
      this.setSending(true);
      const { first, batch, payload } = next;
      const blob = payload.kind === 'photo' ? await this.store.blob(payload.photoId) : undefined;
      let result: SendResult;
      try {
        result = await this.send(payload, blob);
      } catch (err) {
        result = { ok: false, status: 0, reason: err instanceof Error ? err.message : String(err) };
      }
      try {
        this.opts.onResult?.(payload, result);
      } catch (err) {
        // A listener's bug must not stop the queue.
        console.error('[outbox] onResult failed', err);
      }
      if (result.ok) {
        this.attempt = 0;
        await this.store.remove(
          batch.map((i) => i.seq!),
          payload.kind === 'photo' ? [payload.photoId] : [],
        );
        this.view = { ...this.view, lastSentAt: Date.now() };
      } else if (result.status === 0 || result.status >= 500 || result.status === 429 || result.status === 408) {
        await this.store.update(batch.map((i) => ({ ...i, attempts: i.attempts + 1, lastError: result.reason })));
        this.scheduleRetry();
        break;
      } else if (result.status === 401) {
        this.opts.onUnauthorized?.();
        break;
      } else {
        await this.refuse(items, first, batch, result);
      }
      await this.reload();
    }
    await this.reload();
  }

  /** A 4xx: the server will never take this item as it is. */
  private async refuse(
    items: OutboxItem[],
    first: OutboxItem,
    batch: OutboxItem[],
    result: { status: number; reason: string },
  ): Promise<void> {
    const p = first.payload;
    // Finishing a patrol that is already finished: the goal is reached.
    if (p.kind === 'patrol_action' && result.status === 409) {
      await this.store.remove([first.seq!], []);
      return;
    }
    const changed: OutboxItem[] = batch.map((i) => ({ ...i, failed: { status: result.status, reason: result.reason } }));
    if (p.kind === 'photo') {
      for (const other of items) {
        if (other.seq === first.seq || other.failed) continue;
        const patched = withoutPhoto(other.payload, p.photoId);
        if (patched) changed.push({ ...other, payload: patched });
      }
    }
    await this.store.update(changed);
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    const base = this.opts.retryBaseMs ?? 2000;
    const delay = Math.min(this.opts.retryMaxMs ?? 60_000, base * 2 ** Math.min(this.attempt++, 10));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, delay);
  }

  private async reload(): Promise<void> {
    const items = await this.store.all();
    const failed = items.filter((i) => i.failed).length;
    this.view = { ...this.view, items, failed, pending: items.length - failed };
    this.emit();
  }

  private setSending(sending: boolean): void {
    if (this.view.sending === sending) return;
    this.view = { ...this.view, sending };
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * The next request to make: the first item not refused; consecutive track items of the same patrol
 * go together as one batch (up to the server's limit).
 */
export function pickBatch(items: readonly OutboxItem[]): { first: OutboxItem; batch: OutboxItem[]; payload: OutboxPayload } | null {
  const start = items.findIndex((i) => !i.failed);
  if (start < 0) return null;
  const first = items[start]!;
  if (first.payload.kind !== 'track') return { first, batch: [first], payload: first.payload };
  const patrolId = first.payload.patrolId;
  const batch = [first];
  const points: TrackPoint[] = [...first.payload.points];
  for (let i = start + 1; i < items.length; i++) {
    const it = items[i]!;
    if (it.failed) continue;
    if (it.payload.kind !== 'track' || it.payload.patrolId !== patrolId) break;
    if (points.length + it.payload.points.length > MAX_POINTS_PER_BATCH) break;
    batch.push(it);
    points.push(...it.payload.points);
  }
  return { first, batch, payload: { kind: 'track', patrolId, points } };
}

/** The outbox kept in memory (tests, and browsers without IndexedDB). */
export class MemoryOutboxStore implements OutboxStore {
  private seq = 0;
  private items: OutboxItem[] = [];
  private readonly blobs = new Map<string, Blob>();

  async all(): Promise<OutboxItem[]> {
    return this.items.map((i) => ({ ...i }));
  }
  async add(items: OutboxItem[], blobs: { id: string; blob: Blob }[]): Promise<void> {
    for (const b of blobs) this.blobs.set(b.id, b.blob);
    for (const i of items) this.items.push({ ...i, seq: ++this.seq });
  }
  async remove(seqs: number[], blobIds: string[]): Promise<void> {
    this.items = this.items.filter((i) => !seqs.includes(i.seq!));
    for (const id of blobIds) this.blobs.delete(id);
  }
  async update(items: OutboxItem[]): Promise<void> {
    for (const u of items) this.items = this.items.map((i) => (i.seq === u.seq ? { ...u } : i));
  }
  async blob(id: string): Promise<Blob | undefined> {
    return this.blobs.get(id);
  }
}
