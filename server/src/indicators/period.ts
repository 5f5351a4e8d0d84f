import { addDays, dayBounds, dayOf, daysBetween } from '@streetchief/shared/calendar/day';

/** The instants [start, end) of calendar days `from`..`to` (inclusive) in a time zone. */
export function periodInstants(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: new Date(dayBounds(from, timeZone).start), end: new Date(dayBounds(to, timeZone).end) };
}

/** The period of the same number of days just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const len = daysBetween(from, to).length;
  return { from: addDays(from, -len), to: addDays(from, -1) };
}

/** The last `days` calendar days up to and including today in a time zone, as from/to dates. */
export function lastDays(now: Date, days: number, timeZone: string): { from: string; to: string } {
  const today = dayOf(now, timeZone);
  return { from: addDays(today, -(days - 1)), to: today };
}
