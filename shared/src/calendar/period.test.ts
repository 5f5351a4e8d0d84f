import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, MAX_DAYS_BETWEEN } from './day.ts';
import { DEFAULT_CALENDAR } from './holidays2026.ts';
import {
  DaySchema,
  InstantSchema,
  MAX_PERIOD_DAYS,
  OptionalPeriodSchema,
  PeriodSchema,
  daySpan,
  deadlineInstantSchema,
  fieldInstantSchema,
} from './period.ts';
import { isWorkingDay, MAX_WALK_DAYS, workingMsBetween } from './workingTime.ts';

const MIN = 60_000;
const DAY = 86_400_000;

/** The first issue's path and message, or null when the value parses. */
function issue(
  schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  v: unknown,
) {
  const r = schema.safeParse(v);
  if (r.success) return null;
  const first = r.error!.issues[0]!;
  return { path: first.path.join('.'), message: first.message };
}

describe('DaySchema', () => {
  it('accepts real days of 2000–2100, holidays and leap days included', () => {
    for (const d of ['2026-12-03', '2026-10-01', '2026-02-28', '2028-02-29', '2000-01-01', '2100-12-31']) {
      expect(issue(DaySchema, d)).toBeNull();
    }
    // 国庆 is a day off, but a day all the same: the schema knows the calendar, not the work week.
    expect(isWorkingDay(DEFAULT_CALENDAR, '2026-10-01')).toBe(false);
  });

  it('refuses days that do not exist, with a reason that says so', () => {
    expect(issue(DaySchema, '2026-02-30')?.message).toMatch(/not a day of the calendar/);
    expect(issue(DaySchema, '2027-02-29')?.message).toMatch(/not a day of the calendar/);
    expect(issue(DaySchema, '2026-04-31')).not.toBeNull();
    expect(issue(DaySchema, '2026-13-01')).not.toBeNull();
    expect(issue(DaySchema, '2026-1-1')?.message).toMatch(/YYYY-MM-DD/);
    expect(issue(DaySchema, '')).not.toBeNull();
  });

  it('refuses years 0001, 9999 and anything outside 2000–2100', () => {
    for (const d of ['0000-01-01', '0001-01-01', '1999-12-31', '2101-01-01', '9999-12-31']) {
      expect(issue(DaySchema, d)?.message).toBe('a year from 2000 to 2100');
    }
  });
});

describe('InstantSchema', () => {
  it('accepts offset times, midnight in Shanghai on the first day of 2000 too', () => {
    expect(issue(InstantSchema, '2026-12-03T00:00:00+08:00')).toBeNull();
    expect(issue(InstantSchema, '2026-12-02T16:00:00.000Z')).toBeNull();
    // 1999-12-31T16:00Z in UTC: the year as written counts, so the district's midnight is in range.
    expect(issue(InstantSchema, '2000-01-01T00:00:00+08:00')).toBeNull();
  });

  it('refuses times without an offset, impossible days and far-off years', () => {
    expect(issue(InstantSchema, '2026-12-03T09:00:00')?.message).toMatch(/UTC offset/);
    expect(issue(InstantSchema, 'yesterday')).not.toBeNull();
    expect(issue(InstantSchema, '2026-02-30T09:00:00+08:00')).not.toBeNull();
    expect(issue(InstantSchema, '0001-01-01T00:00:00Z')?.message).toMatch(/2000 to 2100/);
    expect(issue(InstantSchema, '0000-01-01T00:00:00Z')?.message).toMatch(/2000 to 2100/);
    expect(issue(InstantSchema, '9999-12-31T23:59:59Z')?.message).toMatch(/2000 to 2100/);
  });

  it('goes with dayOf: midnight in Shanghai starts the next district day', () => {
    expect(dayOf('2026-12-02T15:59:59.999Z')).toBe('2026-12-02');
    expect(dayOf('2026-12-02T16:00:00.000Z')).toBe('2026-12-03');
    expect(dayOf('2026-12-03T00:00:00+08:00')).toBe('2026-12-03');
  });
});

describe('periods', () => {
  it('accepts an ordered period up to the maximum, a single day and one over a holiday week', () => {
    expect(issue(PeriodSchema, { from: '2026-12-03', to: '2026-12-03' })).toBeNull();
    expect(issue(PeriodSchema, { from: '2026-09-30', to: '2026-10-08' })).toBeNull();
    expect(daySpan('2026-09-30', '2026-10-08')).toBe(9);
    const to = addDays('2024-01-01', MAX_PERIOD_DAYS - 1);
    expect(daySpan('2024-01-01', to)).toBe(MAX_PERIOD_DAYS);
    expect(issue(PeriodSchema, { from: '2024-01-01', to })).toBeNull();
  });

  it('refuses a reversed period, one a day over the maximum and one of malformed ends, naming the field', () => {
    expect(issue(PeriodSchema, { from: '2026-12-03', to: '2026-12-02' })).toEqual({ path: 'to', message: 'from must not be after to' });
    expect(issue(PeriodSchema, { from: '2024-01-01', to: addDays('2024-01-01', MAX_PERIOD_DAYS) })?.path).toBe('to');
    expect(issue(PeriodSchema, { from: '0001-01-01', to: '0002-12-31' })?.path).toBe('from');
    expect(issue(PeriodSchema, { from: '2026-01-01', to: '9999-12-31' })?.path).toBe('to');
    expect(issue(PeriodSchema, { from: '2026-02-30', to: '2026-03-01' })?.path).toBe('from');
  });

  it('takes an optional period whole or not at all', () => {
    expect(issue(OptionalPeriodSchema, {})).toBeNull();
    expect(issue(OptionalPeriodSchema, { from: '2026-11-01', to: '2026-11-30' })).toBeNull();
    expect(issue(OptionalPeriodSchema, { from: '2026-11-01' })?.path).toBe('to');
    expect(issue(OptionalPeriodSchema, { to: '2026-11-30' })?.path).toBe('from');
    expect(issue(OptionalPeriodSchema, { from: '2020-01-01', to: '2026-11-30' })?.path).toBe('to');
  });
});

describe('phone times and deadlines against the server clock', () => {
  const now = new Date('2026-12-03T00:00:00+08:00');
  const field = fieldInstantSchema(() => now);
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

  it('accepts a phone a few minutes fast and work up to seven days late', () => {
    expect(issue(field, at(4 * MIN))).toBeNull();
    expect(issue(field, at(-7 * DAY))).toBeNull();
    expect(issue(field, '2026-11-25T00:00:00+08:00')).toBeNull();
  });

  it('refuses times from the future, from long ago and from year 0001 or 9999', () => {
    expect(issue(field, at(6 * MIN))?.message).toMatch(/ahead of the server's clock/);
    expect(issue(field, at(-8 * DAY - MIN))?.message).toMatch(/older than 7 days/);
    expect(issue(field, '0001-01-01T00:00:00Z')?.message).toMatch(/2000 to 2100/);
    expect(issue(field, '9999-12-31T00:00:00Z')?.message).toMatch(/2000 to 2100/);
  });

  it('bounds a deadline a user sets to a year ahead', () => {
    const deadline = deadlineInstantSchema(() => now);
    expect(issue(deadline, at(300 * DAY))).toBeNull();
    expect(issue(deadline, at(400 * DAY))?.message).toBe('at most a year ahead');
    expect(issue(deadline, '9999-12-31T00:00:00Z')).not.toBeNull();
  });
});

describe('day loops are bounded by construction', () => {
  it('daysBetween lists a period, refuses centuries and years it cannot write, at once', () => {
    expect(daysBetween('2026-09-30', '2026-10-02')).toEqual(['2026-09-30', '2026-10-01', '2026-10-02']);
    expect(daysBetween('2026-10-02', '2026-09-30')).toEqual([]);
    expect(daysBetween('9999-12-30', '9999-12-31')).toEqual(['9999-12-30', '9999-12-31']);
    const t0 = performance.now();
    expect(() => daysBetween('2000-01-01', '2100-12-31')).toThrow(RangeError);
    expect(() => daysBetween('0001-01-01', '0002-12-31')).toThrow(RangeError);
    expect(() => daysBetween('2026-02-30', '2026-03-02')).toThrow(RangeError);
    expect(performance.now() - t0).toBeLessThan(50);
    expect(daysBetween('2024-01-01', addDays('2024-01-01', MAX_DAYS_BETWEEN - 1))).toHaveLength(MAX_DAYS_BETWEEN);
  });

  it('addDays refuses to step past 9999 or before 1000 instead of writing ±YYYYYY', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('1000-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', 1)).toThrow(RangeError);
  });

  it('workingMsBetween refuses a span of centuries before walking it', () => {
    const t0 = performance.now();
    expect(() => workingMsBetween(DEFAULT_CALENDAR, new Date('2026-12-03T00:00:00Z'), new Date('9999-12-31T00:00:00Z'))).toThrow(
      RangeError,
    );
    expect(performance.now() - t0).toBeLessThan(50);
    const ninish = new Date(Date.parse('2026-01-01T00:00:00Z') + (MAX_WALK_DAYS - 10) * DAY);
    expect(workingMsBetween(DEFAULT_CALENDAR, new Date('2026-01-01T00:00:00Z'), ninish)).toBeGreaterThan(0);
  });
});
