import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`, in the district's time zone. */
export const DaySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
export type Day = z.infer<typeof DaySchema>;

/** A time of day, `HH:MM` (24 h), e.g. the daily-report deadline. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** The district's time zone: China has one, with no daylight saving since 1991. */
export const DISTRICT_TIME_ZONE = 'Asia/Shanghai';

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day containing the instant, in `timeZone` (Asia/Shanghai by default). */
export function dayOf(at: Date | number | string, timeZone: string = DISTRICT_TIME_ZONE): Day {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  const d = new TZDate(ms, timeZone);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** `[start, end)` of a calendar day as UTC milliseconds. */
export function dayBounds(day: Day, timeZone: string = DISTRICT_TIME_ZONE): { start: number; end: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return { start: new TZDate(y, m - 1, d, timeZone).getTime(), end: new TZDate(y, m - 1, d + 1, timeZone).getTime() };
}

/** The instant `time` (`HH:MM`) on `day` in `timeZone`: e.g. the daily-report deadline. */
export function timeOnDay(day: Day, time: string, timeZone: string = DISTRICT_TIME_ZONE): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, timeZone).getTime());
}

/** The day `n` calendar days after `day` (before, for negative `n`). */
export function addDays(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included (none when `to` is before `from`). */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
