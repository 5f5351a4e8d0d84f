import { z } from 'zod';

/** `HH:MM` on a 24-hour clock; `24:00` is allowed so a period can run to midnight. */
const HHMM = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight for a validated `HH:MM` string. */
export function hhmmToMinutes(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** True when `ymd` is `YYYY-MM-DD` and names a real day (rejects 2026-02-30). */
export function isValidYmd(ymd: string): boolean {
  const m = YMD.exec(ymd);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    // Intl throws RangeError on unknown zones; this is the only portable check on Node 20.
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export const WorkPeriodSchema = z
  .object({ start: z.string().regex(HHMM), end: z.string().regex(HHMM) })
  .refine((p) => hhmmToMinutes(p.start) < hhmmToMinutes(p.end), {
    message: 'a working period must end after it starts (no periods across midnight)',
  });
/** One working period of a working day, in local wall-clock time. */
export type WorkPeriod = z.infer<typeof WorkPeriodSchema>;

export const CalendarDaySchema = z.object({
  date: z.string().refine(isValidYmd, { message: 'expected a real YYYY-MM-DD date' }),
  name: z.string().min(1),
});
/** A named calendar day (a public holiday or a make-up working day). */
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

const DEFAULT_PERIODS: WorkPeriod[] = [
  { start: '08:00', end: '12:00' },
  { start: '14:30', end: '17:30' },
];

function hasDuplicates(values: readonly (string | number)[]): boolean {
  return new Set(values).size !== values.length;
}

export const WorkCalendarSchema = z
  .object({
    timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }).default('Asia/Shanghai'),
    periods: z
      .array(WorkPeriodSchema)
      .min(1)
      // Ordered and non-overlapping lets the calculators walk periods in one pass per day.
      .refine(
        (ps) =>
          ps.every((p, i) => {
            const next = ps[i + 1];
            return next === undefined || hhmmToMinutes(p.end) <= hhmmToMinutes(next.start);
          }),
        { message: 'working periods must be in order and must not overlap' },
      )
      .default(() => DEFAULT_PERIODS.map((p) => ({ ...p }))),
    weekend: z
      .array(z.number().int().min(1).max(7))
      // Seven weekend days would leave no working time and the calculators would never finish.
      .max(6)
      .refine((w) => !hasDuplicates(w), { message: 'duplicate weekend day' })
      .default(() => [6, 7]),
    holidays: z
      .array(CalendarDaySchema)
      .refine((hs) => !hasDuplicates(hs.map((h) => h.date)), {
        message: 'duplicate holiday date',
      })
      .default(() => []),
    makeUpWorkdays: z
      .array(CalendarDaySchema)
      .refine((ds) => !hasDuplicates(ds.map((d) => d.date)), {
        message: 'duplicate make-up workday date',
      })
      .default(() => []),
    knownYears: z.array(z.number().int().min(1970).max(9999)).default(() => []),
  })
  .refine(
    (c) => {
      const off = new Set(c.holidays.map((h) => h.date));
      return c.makeUpWorkdays.every((d) => !off.has(d.date));
    },
    {
      message: 'a date cannot be both a holiday and a make-up workday',
      path: ['makeUpWorkdays'],
    },
  );

/**
 * A working-time calendar: the local working periods of a working day, the weekend, public
 * holidays and make-up working days (调休上班), and the years whose holiday list is complete.
 */
export type WorkCalendar = z.output<typeof WorkCalendarSchema>;
/** What an administrator may submit: every field is optional and defaults as documented. */
export type WorkCalendarInput = z.input<typeof WorkCalendarSchema>;
