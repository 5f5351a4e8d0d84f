import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { MAX_PERIOD_DAYS, daySpan, type Day } from './period.ts';
import { isValidYmd } from './schema.ts';

/** A calendar day, `YYYY-MM-DD`, in the district's time zone (a real day, in the accepted years). */
export { DaySchema, type Day } from './period.ts';

/** A time of day, `HH:MM` (24 h), e.g. the daily-report deadline. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** The district's time zone: China has one, with no daylight saving since 1991. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The helpers below compute on real days of four-digit years from 1000 (below 100 the Date
 * constructor would read the year as 19xx) and throw a RangeError on anything else, so a
 * malformed day can never turn into a string that compares oddly and keeps a loop going.
 */
function assertDay(day: string): void {
  if (!isValidYmd(day) || day < '1000') throw new RangeError(`not a day from 1000 to 9999: ${day}`);
}

/** Most days {@link daysBetween} lists: a period's worth, so no caller can walk over centuries. */
export const MAX_DAYS_BETWEEN = MAX_PERIOD_DAYS;

/** The calendar day containing the instant, in `timeZone` (Asia/Shanghai by default). */
export function dayOf(at: Date | number | string, timeZone: string = DISTRICT_TIME_ZONE): Day {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  const d = new TZDate(ms, timeZone);
  const year = d.getFullYear();
  if (!(year >= 1000 && year <= 9999)) throw new RangeError(`no four-digit calendar day for ${String(at)}`);
  return `${year}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `[start, end)` of a calendar day as UTC milliseconds. */
export function dayBounds(day: Day, timeZone: string = DISTRICT_TIME_ZONE): { start: number; end: number } {
  assertDay(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { start: new TZDate(y, m - 1, d, timeZone).getTime(), end: new TZDate(y, m - 1, d + 1, timeZone).getTime() };
}

/** The instant `time` (`HH:MM`) on `day` in `timeZone`: e.g. the daily-report deadline. */
export function timeOnDay(day: Day, time: string, timeZone: string = DISTRICT_TIME_ZONE): Date {
  assertDay(day);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

/** The day `n` calendar days after `day` (before, for negative `n`). */
export function addDays(day: Day, n: number): Day {
  assertDay(day);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of days: ${n}`);
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  const out = Number.isFinite(t) ? new Date(t).toISOString() : '';
  // toISOString writes years past 9999 or before 0 as ±YYYYYY: refuse instead of slicing that.
  if (!/^\d{4}-/.test(out) || out < '1000') throw new RangeError(`${day} + ${n} days is not a day from 1000 to 9999`);
  return out.slice(0, 10);
}

/**
 * Every day from `from` to `to`, both included (none when `to` is before `from`). Throws a
 * RangeError past {@link MAX_DAYS_BETWEEN} days: the span is checked before the walk starts.
 */
export function daysBetween(from: Day, to: Day): Day[] {
  assertDay(from);
  assertDay(to);
  const n = daySpan(from, to);
  if (n > MAX_DAYS_BETWEEN) throw new RangeError(`${from}..${to} is ${n} days, more than ${MAX_DAYS_BETWEEN}`);
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(from, i));
}
