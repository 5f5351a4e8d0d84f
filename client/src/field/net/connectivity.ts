/**
 * Can the phone reach the server? `navigator.onLine` only says a network interface is up: on a
 * phone in a basement, behind a captive portal or with the server down it stays true while nothing
 * gets through. So "online" here means the server answered: a light `GET /healthz`, or any answer
 * the outbox got. A failed probe or a send with no answer flips it to offline at once.
 *
 * - `connecting`: not known yet (the page just opened, the network interface just came back);
 * - `online`: the last probe or request got an answer from the server;
 * - `offline`: the interface is down, or the last probe or request got none.
 *
 * Probes: every `idleMs` while online; after a failure sooner, backing off (`retryMs`) up to
 * `idleMs`; none while the page is hidden (a pocketed phone costs no traffic) or the interface is
 * down; at once when the page is shown again or the interface returns.
 */

export type NetState = 'connecting' | 'online' | 'offline';

/** Did the server answer? (`false` for no answer or a timeout.) */
export type Probe = (signal: AbortSignal) => Promise<boolean>;

export interface ConnectivityOptions {
  probe?: Probe;
  idleMs?: number;
  /** Delays of the probes after the 1st, 2nd, … failure in a row; the last repeats (capped at `idleMs`). */
  retryMs?: readonly number[];
  /** A probe that takes longer than this counts as no answer. */
  timeoutMs?: number;
  /** Is a network interface up at all? Defaults to `navigator.onLine`. */
  interfaceUp?: () => boolean;
}

/** `GET /healthz`: 200 after the server read its database. 503 (storage down) is not "online" either. */
export const probeHealthz: Probe = async (signal) => {
  try {
    const res = await fetch('/healthz', { cache: 'no-store', credentials: 'omit', signal });
    return res.ok;
  } catch {
    return false;
  }
};

export class Connectivity {
  private state: NetState = 'connecting';
  private readonly listeners = new Set<() => void>();
  private readonly backListeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private failures = 0;
  private started = false;
  private readonly probe: Probe;
  private readonly idleMs: number;
  private readonly retryMs: readonly number[];
  private readonly timeoutMs: number;
  private readonly interfaceUp: () => boolean;

  constructor(opts: ConnectivityOptions = {}) {
    this.probe = opts.probe ?? probeHealthz;
    this.idleMs = opts.idleMs ?? 15_000;
    this.retryMs = opts.retryMs ?? [2_000, 4_000, 8_000];
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.interfaceUp = opts.interfaceUp ?? (() => typeof navigator === 'undefined' || navigator.onLine);
  }

  getState = (): NetState => this.state;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called each time the server answers again after it did not (or for the first time): send what waits. */
  onBack(listener: () => void): () => void {
    this.backListeners.add(listener);
    return () => this.backListeners.delete(listener);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onInterfaceUp);
      window.addEventListener('offline', this.onInterfaceDown);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
    if (this.interfaceUp()) void this.check();
    else this.set('offline');
  }

  stop(): void {
    this.started = false;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onInterfaceUp);
      window.removeEventListener('offline', this.onInterfaceDown);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
    this.clearTimer();
  }

  /** Another request's outcome: `true` when the server answered (any status it sends itself), `false` for none. */
  report(reached: boolean): void {
    if (!this.started) return;
    this.record(reached);
    this.schedule();
  }

  /** Probe now (unless one is on its way). */
  async check(): Promise<void> {
    if (!this.started || this.inFlight) return;
    this.clearTimer();
    if (!this.interfaceUp()) {
      this.set('offline');
      return;
    }
    this.inFlight = true;
    let ok = false;
    try {
      ok = await this.probe(AbortSignal.timeout(this.timeoutMs));
    } catch {
      ok = false;
    } finally {
      this.inFlight = false;
    }
    if (!this.started) return;
    this.record(ok);
    this.schedule();
  }

  private record(reached: boolean): void {
    if (reached) {
      this.failures = 0;
      this.set('online');
    } else {
      this.failures++;
      this.set('offline');
    }
  }

  private set(next: NetState): void {
    if (next === this.state) return;
    const back = next === 'online';
    this.state = next;
    for (const l of this.listeners) l();
    if (back) for (const l of this.backListeners) l();
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.started || this.inFlight || !this.interfaceUp()) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    const delay =
      this.state === 'online' || this.failures === 0
        ? this.idleMs
        : Math.min(this.idleMs, this.retryMs[Math.min(this.failures, this.retryMs.length) - 1] ?? this.idleMs);
    this.timer = setTimeout(() => void this.check(), delay);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private readonly onInterfaceUp = () => {
    // The interface is back; whether the server is reachable is for the probe to say.
    this.set('connecting');
    void this.check();
  };

  private readonly onInterfaceDown = () => {
    this.clearTimer();
    this.set('offline');
  };

  private readonly onVisibility = () => {
    if (document.visibilityState === 'hidden') this.clearTimer();
    else void this.check();
  };
}

/** Whether an outbox send result means the server answered: no answer (0) and a gateway's "upstream down" do not. */
export function serverAnswered(status: number): boolean {
  return status !== 0 && status !== 502 && status !== 503 && status !== 504;
}
