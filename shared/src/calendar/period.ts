import { z } from 'zod';
import { isValidYmd } from './schema.ts';

/**
 * Bounds on every date and time that comes from outside (a query, a request body, a phone). A
 * value outside them is refused where it is parsed, so no loop over days, no SQL range and no
 * working-time walk downstream ever sees a year 0 or 9999.
 */

/** Earliest calendar year a date or instant from outside may name: no case or patrol predates it. */
export const MIN_YEAR = 2000;
/** Latest calendar year a date or instant from outside may name. */
export const MAX_YEAR = 2100;
/** Longest period (from..to, both days counted) a query may cover: three years of 366 days. */
export const MAX_PERIOD_DAYS = 3 * 366;
/** How far a phone's clock may run ahead of the server's before its times are refused. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** How many calendar days after the fact field work may still arrive (a phone offline over a long weekend). */
export const MAX_FIELD_DAYS_BACK = 7;
/** Oldest a phone's time may be on arrival: {@link MAX_FIELD_DAYS_BACK} days before today, from that day's start. */
export const MAX_FIELD_AGE_MS = (MAX_FIELD_DAYS_BACK + 1) * 86_400_000;
/** Furthest ahead a user may set a deadline (an extension, a meeting's new deadline): a year. */
export const MAX_DEADLINE_AHEAD_MS = 366 * 86_400_000;

/** The server's clock. Schemas that judge a time against "now" take it, so tests can move it. */
export type Clock = () => Date;

const DAY_MS = 86_400_000;
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const YEARS = `a year from ${MIN_YEAR} to ${MAX_YEAR}`;
const IsoWithOffset = z.iso.datetime({ offset: true });

/** What is wrong with `s` as a calendar day of MIN_YEAR..MAX_YEAR, or null when nothing is. */
export function dayProblem(s: string): string | null {
  if (!YMD.test(s)) return 'a day as YYYY-MM-DD';
  const year = Number(s.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return YEARS;
  return isValidYmd(s) ? null : `${s} is not a day of the calendar`;
}

/** Calendar days from `from` to `to`, both counted (0 or less when `to` is before `from`); O(1). */
export function daySpan(from: string, to: string): number {
  return Math.round((dayNumber(to) - dayNumber(from)) / DAY_MS) + 1;
}

/** Midnight UTC of a `YYYY-MM-DD` string, as epoch ms (NaN when malformed). */
function dayNumber(day: string): number {
  return YMD.test(day) ? Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) : NaN;
}

/** What is wrong with `s` as an instant from outside, or null when nothing is. */
export function instantProblem(s: string): string | null {
  if (!IsoWithOffset.safeParse(s).success) return 'an ISO 8601 time with a UTC offset, e.g. 2026-12-03T09:30:00+08:00';
  // The year as written, in the sender's offset: midnight of 2000-01-01 in Shanghai is in range.
  const year = Number(s.slice(0, 4));
  return Number.isFinite(Date.parse(s)) && year >= MIN_YEAR && year <= MAX_YEAR ? null : `a time in ${YEARS}`;
}

/** A calendar day, `YYYY-MM-DD`, that exists (not 2026-02-30) and lies in MIN_YEAR..MAX_YEAR. */
export const DaySchema = z.string().superRefine((s, ctx) => {
  const problem = dayProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
export type Day = z.infer<typeof DaySchema>;

/** An instant: ISO 8601 with a UTC offset (or Z), in MIN_YEAR..MAX_YEAR. */
export const InstantSchema = z.string().superRefine((s, ctx) => {
  const problem = instantProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * A time a phone recorded (a patrol start, a fix, a submission): an {@link InstantSchema} at most
 * {@link MAX_CLOCK_AHEAD_MS} ahead of `now` and at most {@link MAX_FIELD_AGE_MS} behind it.
 */
export function fieldInstantSchema(now: Clock) {
  return z.string().superRefine((s, ctx) => {
    const problem = instantProblem(s) ?? fieldTimeProblem(Date.parse(s), now().getTime());
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

function fieldTimeProblem(t: number, now: number): string | null {
  if (t > now + MAX_CLOCK_AHEAD_MS) return `more than ${MAX_CLOCK_AHEAD_MS / 60_000} minutes ahead of the server's clock`;
  if (t < now - MAX_FIELD_AGE_MS) return `older than ${MAX_FIELD_DAYS_BACK} days`;
  return null;
}

/** A deadline a user sets: an {@link InstantSchema} at most {@link MAX_DEADLINE_AHEAD_MS} after `now`. */
export function deadlineInstantSchema(now: Clock) {
  return z.string().superRefine((s, ctx) => {
    const problem = instantProblem(s) ?? (Date.parse(s) > now().getTime() + MAX_DEADLINE_AHEAD_MS ? 'at most a year ahead' : null);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** How a period's two ends must relate. */
export interface PeriodRule {
  /** Most days the period may cover (both ends counted); `null` for no limit. Default {@link MAX_PERIOD_DAYS}. */
  maxDays?: number | null;
  /** Both ends or neither (an agenda's period is optional, but half a period is a mistake). */
  paired?: boolean;
}

/**
 * The cross-field checks of a period `{from, to}` as a zod refinement: `from` ≤ `to`, at most
 * `maxDays` long, and (when `paired`) both given or neither. Issues name the field to fix; nothing
 * is said when an end is malformed, since that end's own schema already says so.
 */
export function periodRefinement(rule: PeriodRule = {}) {
  const maxDays = rule.maxDays === undefined ? MAX_PERIOD_DAYS : rule.maxDays;
  return (p: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx): void => {
    const { from, to } = p;
    if (rule.paired && (from === undefined) !== (to === undefined)) {
      const missing = from === undefined ? 'from' : 'to';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'give both from and to, or neither' });
      return;
    }
    if (from === undefined || to === undefined || dayProblem(from) || dayProblem(to)) return;
    if (from > to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'from must not be after to' });
    else if (maxDays !== null && daySpan(from, to) > maxDays) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `a period of at most ${maxDays} days` });
    }
  };
}

/** A period of calendar days, both included, from ≤ to, at most {@link MAX_PERIOD_DAYS} long. */
export const PeriodSchema = z.object({ from: DaySchema, to: DaySchema }).superRefine(periodRefinement());
export type Period = z.infer<typeof PeriodSchema>;

/** An optional period: both ends or neither, with the rules of {@link PeriodSchema}. */
export const OptionalPeriodSchema = z
  .object({ from: DaySchema.optional(), to: DaySchema.optional() })
  .superRefine(periodRefinement({ paired: true }));
