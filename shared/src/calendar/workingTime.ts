import { TZDate } from '@date-fns/tz';
import type { TimeLimit } from '../domain/catalogue.ts';
import { hhmmToMinutes, isValidYmd, type WorkCalendar } from './schema.ts';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/**
 * Safety stop for every day walk, about ten years. A valid calendar always has a working day
 * within a couple of weeks, and deadlines from outside lie at most a year ahead; this only trips on
 * pathological data (e.g. years of holidays, an instant in year 9999) instead of hanging.
 */
export const MAX_WALK_DAYS = 3660;

/** A civil day as a whole number of days since 1970-01-01, so "next day" is just `+ 1`. */
type DayNum = number;

/** Lookup structures built once per public call; cheap (tens of entries), so no cache to go stale. */
interface Compiled {
  timeZone: string;
  holidays: Set<string>;
  makeUp: Set<string>;
  weekend: Set<number>;
  knownYears: Set<number>;
  /** [start, end) minutes after local midnight. */
  periods: [number, number][];
}

function compile(cal: WorkCalendar): Compiled {
  return {
    timeZone: cal.timeZone,
    holidays: new Set(cal.holidays.map((h) => h.date)),
    makeUp: new Set(cal.makeUpWorkdays.map((d) => d.date)),
    weekend: new Set(cal.weekend),
    knownYears: new Set(cal.knownYears),
    periods: cal.periods.map((p) => [hhmmToMinutes(p.start), hhmmToMinutes(p.end)]),
  };
}

function dayToYmd(day: DayNum): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function ymdToDay(ymd: string): DayNum {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))) / DAY_MS;
}

/**
 * Memo of wall-clock → instant conversions, per zone, keyed by `day * 1441 + minutes`.
 * TZDate resolves offsets through Intl (tens of µs a call), which dominated bulk use; the
 * mapping is a fixed fact of the zone data, so memoising keeps the functions pure in effect.
 * Bounded so a long-running server cannot grow it without limit.
 */
const instantMemo = new Map<string, Map<number, number>>();
const MEMO_LIMIT = 200_000;

/** The instant at `minutes` after local midnight of `day`; TZDate resolves the zone's offset. */
function instantAt(timeZone: string, day: DayNum, minutes: number): number {
  let zone = instantMemo.get(timeZone);
  if (!zone) instantMemo.set(timeZone, (zone = new Map()));
  const key = day * 1441 + minutes;
  const hit = zone.get(key);
  if (hit !== undefined) return hit;
  // Normalise 24:00 to 00:00 of the next day rather than relying on field overflow.
  const d = new Date((day + Math.floor(minutes / 1440)) * DAY_MS);
  const m = minutes % 1440;
  const t = new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.floor(m / 60), m % 60, timeZone).getTime();
  if (zone.size >= MEMO_LIMIT) zone.clear();
  zone.set(key, t);
  return t;
}

/**
 * The local civil day that contains instant `t`. UTC offsets stay within ±14 h, so it is the
 * UTC day or a neighbour; comparing with (memoised) local midnights avoids an Intl call per use.
 */
function localDay(timeZone: string, t: number): DayNum {
  const g = Math.floor(t / DAY_MS);
  if (t < instantAt(timeZone, g, 0)) return g - 1;
  if (t >= instantAt(timeZone, g + 1, 0)) return g + 1;
  return g;
}

function workingDay(c: Compiled, day: DayNum): boolean {
  const ymd = dayToYmd(day);
  // Make-up days win over weekends, holidays win over weekdays; listed dates apply in any year.
  if (c.makeUp.has(ymd)) return true;
  if (c.holidays.has(ymd)) return false;
  const isoWeekday = ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
  return !c.weekend.has(isoWeekday);
}

function unknownYear(c: Compiled, day: DayNum): boolean {
  return !c.knownYears.has(new Date(day * DAY_MS).getUTCFullYear());
}

/** The working periods of `day` as [start, end) epoch-ms pairs; empty on a day off. */
function windows(c: Compiled, day: DayNum): [number, number][] {
  if (!workingDay(c, day)) return [];
  return c.periods.map(([s, e]) => [instantAt(c.timeZone, day, s), instantAt(c.timeZone, day, e)]);
}

function assertValidDate(d: Date, what: string): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${what} is an invalid Date`);
  return t;
}

/** Length of one working day in ms (sum of the periods, e.g. 7 h); the unit of a 'days' limit. */
export function workingDayMs(cal: WorkCalendar): number {
  return cal.periods.reduce((sum, p) => sum + (hhmmToMinutes(p.end) - hhmmToMinutes(p.start)), 0) * MINUTE_MS;
}

/**
 * Whether local date `ymd` (YYYY-MM-DD) is a working day: a make-up day (调休上班) is one even
 * on a weekend; a holiday is not even on a weekday; otherwise the weekend decides.
 * For years outside `knownYears` only weekends and whatever dates happen to be listed apply.
 */
export function isWorkingDay(cal: WorkCalendar, ymd: string): boolean {
  if (!isValidYmd(ymd)) throw new RangeError(`not a YYYY-MM-DD date: ${ymd}`);
  return workingDay(compile(cal), ymdToDay(ymd));
}

/** Result of {@link addWorkingTime}. */
export interface WorkingDeadline {
  deadline: Date;
  /**
   * True when the walk visited a day in a year missing from `knownYears`: holidays there are
   * unknown, so the deadline counts plain weekends only and the caller should say so.
   */
  fallback: boolean;
}

/**
 * Adds a working-time limit to `from`. 'hours' adds N working hours; 'days' adds N working days
 * of working time (N × {@link workingDayMs}), so Monday 10:00 + 1 day = Tuesday 10:00.
 * If `from` is outside working time, counting starts at the next period start (Saturday 09:00 +
 * 2 h → Monday 10:00 with 08:00–12:00 / 14:30–17:30). A deadline that lands exactly on a period
 * end stays on that end (08:00 + 4 h → 12:00, not 14:30).
 */
export function addWorkingTime(cal: WorkCalendar, from: Date, limit: TimeLimit): WorkingDeadline {
  if (!Number.isFinite(limit.value) || limit.value < 0) {
    throw new RangeError(`time limit must be a non-negative number, got ${limit.value}`);
  }
  const c = compile(cal);
  let remaining = limit.unit === 'days' ? limit.value * workingDayMs(cal) : limit.value * 3_600_000;
  let cursor = assertValidDate(from, 'from');
  let fallback = false;
  let day = localDay(c.timeZone, cursor);
  // Step per period, not per minute: each working period either absorbs the rest or is consumed whole.
  for (let i = 0; i < MAX_WALK_DAYS; i++, day++) {
    if (unknownYear(c, day)) fallback = true;
    for (const [s, e] of windows(c, day)) {
      if (cursor >= e) continue;
      const begin = Math.max(cursor, s);
      const available = e - begin;
      // `<=` keeps a deadline that ends exactly at a period end on that end.
      if (remaining <= available) return { deadline: new Date(begin + remaining), fallback };
      remaining -= available;
      cursor = e;
    }
  }
  throw new RangeError(`no working time found within ${MAX_WALK_DAYS} days of ${from.toISOString()}`);
}

/**
 * Working milliseconds in [a, b): the overlap of the interval with the calendar's working
 * periods. 0 when b <= a. Inverse of {@link addWorkingTime} for starts inside working time.
 * @throws RangeError when the interval spans more than {@link MAX_WALK_DAYS} days.
 */
export function workingMsBetween(cal: WorkCalendar, a: Date, b: Date): number {
  const from = assertValidDate(a, 'a');
  const to = assertValidDate(b, 'b');
  if (to <= from) return 0;
  const c = compile(cal);
  const first = localDay(c.timeZone, from);
  const last = localDay(c.timeZone, to);
  // Checked before the walk, so a far-off instant fails at once rather than after millions of days.
  if (last - first > MAX_WALK_DAYS) throw new RangeError(`${a.toISOString()}..${b.toISOString()} spans more than ${MAX_WALK_DAYS} days`);
  let total = 0;
  for (let day = first; day <= last; day++) {
    for (const [s, e] of windows(c, day)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/**
 * `at` itself when it falls inside a working period, otherwise the start of the next one.
 * A period end is not working time (periods are half-open), so 12:00 maps to 14:30.
 */
export function nextWorkingInstant(cal: WorkCalendar, at: Date): Date {
  const c = compile(cal);
  const t = assertValidDate(at, 'at');
  let day = localDay(c.timeZone, t);
  for (let i = 0; i < MAX_WALK_DAYS; i++, day++) {
    for (const [s, e] of windows(c, day)) {
      if (t < e) return new Date(Math.max(t, s));
    }
  }
  throw new RangeError(`no working time found within ${MAX_WALK_DAYS} days of ${at.toISOString()}`);
}
