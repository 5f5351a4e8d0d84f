import { isLate, isPastDeadline, type Incident } from '@streetchief/shared/domain/incident';
import { DEADLINE_STATES } from '@streetchief/shared/domain/workflow';

/**
 * Where a case stands against its deadline:
 * - `over`: the clock runs and the deadline in force has passed (`isPastDeadline`);
 * - `left`: the clock runs, `ms` remain (also for a case that went late and was given a new
 *   deadline by a meeting: its lateness is told apart by `lateMark`);
 * - `provisional`: reported, not yet registered: the class's limit counted from the report;
 * - `none`: no clock (handled, parked, finished, or no deadline).
 */
export type DeadlineState =
  { kind: 'over'; ms: number } | { kind: 'left'; ms: number } | { kind: 'provisional'; ms: number } | { kind: 'none' };

export function deadlineState(c: Pick<Incident, 'status' | 'deadline' | 'lateAt'>, now: Date): DeadlineState {
  if (!c.deadline) return { kind: 'none' };
  const ms = Date.parse(c.deadline) - now.getTime();
  if (isPastDeadline(c, now)) return { kind: 'over', ms: -ms };
  if (DEADLINE_STATES.includes(c.status)) return { kind: 'left', ms };
  if (c.status === 'reported') return { kind: 'provisional', ms };
  return { kind: 'none' };
}

/**
 * Whether a case went late (超期), a fact that stays whatever happens next:
 * - `late`: it missed the deadline it is still held to (now, or before it was handed in or closed);
 * - `wasLate`: it missed `missed`, and a joint meeting has set it a new deadline since (曾超期).
 */
export type LateMark = { kind: 'late'; missed: string } | { kind: 'wasLate'; missed: string };

export function lateMark(c: Pick<Incident, 'status' | 'deadline' | 'lateAt'>, now: Date): LateMark | null {
  if (!isLate(c, now)) return null;
  const missed = c.lateAt ?? c.deadline!;
  return c.deadline && Date.parse(c.deadline) !== Date.parse(missed) ? { kind: 'wasLate', missed } : { kind: 'late', missed };
}

/** Shanghai has had no daylight saving since 1991: the desk's clock is UTC+8, always. */
const SHANGHAI_OFFSET = '+08:00';

/** `YYYY-MM-DDTHH:mm` in Shanghai time, for a `datetime-local` input. */
export function toShanghaiLocalInput(t: number | Date): string {
  const d = new Date((t instanceof Date ? t.getTime() : t) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Shanghai time, as an ISO timestamp with offset (what the API takes). */
export function fromShanghaiLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00${SHANGHAI_OFFSET}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}
