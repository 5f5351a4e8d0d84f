import { addDays, dayBounds, dayOf } from '@streetchief/shared/calendar/day';
import { daySpan } from '@streetchief/shared/calendar/period';

/** The instants [start, end) of calendar days `from`..`to` (inclusive) in a time zone. */
export function periodInstants(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: new Date(dayBounds(from, timeZone).start), end: new Date(dayBounds(to, timeZone).end) };
}

/**
 * The period of the same number of days just before [from, to]. Its length is computed, not
 * counted by walking the days (a walk over a malformed year once spun until the heap ran out).
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = daySpan(from, to);
  if (!(len >= 1)) throw new RangeError(`not a period: ${from}..${to}`);
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/** The last `days` calendar days up to and including today in a time zone, as from/to dates. */
export function lastDays(now: Date, days: number, timeZone: string): { from: string; to: string } {
  const today = dayOf(now, timeZone);
  return { from: addDays(today, -(days - 1)), to: today };
}
