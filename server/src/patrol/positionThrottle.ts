import type { PatrolPosition } from '@streetchief/shared';

/** At most one position per patrol officer this often (a wall gains nothing from more). */
export const POSITION_THROTTLE_MS = 5_000;

/**
 * Throttles live positions per user: the first goes out at once, later ones within the window are
 * coalesced and the newest is sent when the window ends (leading + trailing edge). Positions are
 * volatile, so nothing here is retried or stored.
 */
export class PositionThrottle {
  private readonly lastSent = new Map<string, number>();
  private readonly pending = new Map<string, { position: PatrolPosition; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly send: (p: PatrolPosition) => void,
    private readonly intervalMs = POSITION_THROTTLE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  offer(p: PatrolPosition): void {
    const key = p.userId;
    const waiting = this.pending.get(key);
    if (waiting) {
      // Keep the newer fix (and always a finish, which removes the marker).
      if (p.status === 'finished' || Date.parse(p.at) >= Date.parse(waiting.position.at)) waiting.position = p;
      return;
    }
    const since = this.now() - (this.lastSent.get(key) ?? -Infinity);
    if (since >= this.intervalMs) return this.emit(p);
    const timer = setTimeout(() => {
      const entry = this.pending.get(key);
      this.pending.delete(key);
      if (entry) this.emit(entry.position);
    }, this.intervalMs - since);
    timer.unref?.();
    this.pending.set(key, { position: p, timer });
  }

  /** Drop what is waiting (server shutdown). */
  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private emit(p: PatrolPosition): void {
    this.lastSent.set(p.userId, this.now());
    // The map only grows with the number of patrol staff; finished patrols free their slot.
    if (p.status === 'finished') this.lastSent.delete(p.userId);
    this.send(p);
  }
}
