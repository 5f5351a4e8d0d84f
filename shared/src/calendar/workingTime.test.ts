import { describe, it, expect } from 'vitest';
import {
  DEFAULT_CALENDAR,
  WorkCalendarSchema,
  addWorkingTime,
  isWorkingDay,
  nextWorkingInstant,
  workingDayMs,
  workingMsBetween,
} from './index.ts';

const cal = DEFAULT_CALENDAR;
const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const hours = (value: number) => ({ value, unit: 'hours' as const });
const days = (value: number) => ({ value, unit: 'days' as const });

/** Deadline from `iso` + limit, compared as an instant. */
function deadline(iso: string, limit: { value: number; unit: 'hours' | 'days' }): Date {
  return addWorkingTime(cal, at(iso), limit).deadline;
}

describe('isWorkingDay', () => {
  it('follows weekends, holidays and make-up days', () => {
    expect(isWorkingDay(cal, '2026-12-04')).toBe(true); // Friday
    expect(isWorkingDay(cal, '2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-10-01')).toBe(false); // Thursday, 国庆
    expect(isWorkingDay(cal, '2026-02-23')).toBe(false); // Monday, last day of 春节
    expect(isWorkingDay(cal, '2026-02-14')).toBe(true); // Saturday make-up
    expect(isWorkingDay(cal, '2026-01-04')).toBe(true); // Sunday make-up
    expect(isWorkingDay(cal, '2026-09-20')).toBe(true); // Sunday make-up
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
  });
});

describe('addWorkingTime', () => {
  it('carries over the weekend: Fri 16:00 + 4 h → Mon 10:30', () => {
    const r = addWorkingTime(cal, at('2026-12-04T16:00:00+08:00'), hours(4));
    expect(r.deadline).toEqual(at('2026-12-07T10:30:00+08:00'));
    expect(r.fallback).toBe(false);
  });

  it('skips a holiday week: Wed 2026-09-30 16:00 + 4 h → Thu 2026-10-08 10:30', () => {
    expect(deadline('2026-09-30T16:00:00+08:00', hours(4))).toEqual(at('2026-10-08T10:30:00+08:00'));
  });

  it('counts a Saturday make-up day', () => {
    expect(deadline('2026-02-13T16:00:00+08:00', hours(4))).toEqual(at('2026-02-14T10:30:00+08:00'));
    // Feb 15–23 are 春节, so the next working day is Tuesday Feb 24.
    expect(deadline('2026-02-14T16:00:00+08:00', hours(4))).toEqual(at('2026-02-24T10:30:00+08:00'));
  });

  it('starts counting at the next period when `from` is outside working time', () => {
    expect(deadline('2026-12-05T09:00:00+08:00', hours(2))).toEqual(at('2026-12-07T10:00:00+08:00'));
    expect(deadline('2026-12-08T06:00:00+08:00', hours(1))).toEqual(at('2026-12-08T09:00:00+08:00'));
    expect(deadline('2026-12-08T13:00:00+08:00', hours(1))).toEqual(at('2026-12-08T15:30:00+08:00'));
  });

  it('skips the lunch break: 11:00 + 2 h → 15:30', () => {
    expect(deadline('2026-12-08T11:00:00+08:00', hours(2))).toEqual(at('2026-12-08T15:30:00+08:00'));
  });

  it('counts days as working-day lengths of working time', () => {
    expect(workingDayMs(cal)).toBe(7 * HOUR);
    expect(deadline('2026-12-07T10:00:00+08:00', days(1))).toEqual(at('2026-12-08T10:00:00+08:00'));
    expect(deadline('2026-11-30T10:00:00+08:00', days(5))).toEqual(at('2026-12-07T10:00:00+08:00'));
  });

  it('keeps a deadline that lands exactly on a period end on that end', () => {
    expect(deadline('2026-12-08T08:00:00+08:00', hours(4))).toEqual(at('2026-12-08T12:00:00+08:00'));
    expect(deadline('2026-12-08T14:30:00+08:00', hours(3))).toEqual(at('2026-12-08T17:30:00+08:00'));
    expect(deadline('2026-12-08T08:00:00+08:00', days(1))).toEqual(at('2026-12-08T17:30:00+08:00'));
  });

  it('flags fallback only when the walk enters a year outside knownYears', () => {
    const inside = addWorkingTime(cal, at('2026-12-31T16:00:00+08:00'), hours(1));
    expect(inside).toEqual({
      deadline: at('2026-12-31T17:00:00+08:00'),
      fallback: false,
    });
    // 2027 holidays are unknown, so Fri 2027-01-01 counts as a plain weekday.
    const across = addWorkingTime(cal, at('2026-12-31T16:00:00+08:00'), hours(4));
    expect(across).toEqual({
      deadline: at('2027-01-01T10:30:00+08:00'),
      fallback: true,
    });
    const later = addWorkingTime(cal, at('2027-03-05T16:00:00+08:00'), hours(4));
    expect(later).toEqual({
      deadline: at('2027-03-08T10:30:00+08:00'),
      fallback: true,
    });
  });

  it('follows a DST zone across the spring-forward weekend', () => {
    const berlin = WorkCalendarSchema.parse({ timeZone: 'Europe/Berlin' });
    // Clocks go forward on Sunday 2026-03-29; Monday is +02:00 while Friday was +01:00.
    const from = at('2026-03-27T16:00:00+01:00');
    const r = addWorkingTime(berlin, from, hours(4));
    expect(r).toEqual({
      deadline: at('2026-03-30T10:30:00+02:00'),
      fallback: true,
    });
    expect(workingMsBetween(berlin, from, r.deadline)).toBe(4 * HOUR);
  });

  it('uses the calendar time zone, not the host one', () => {
    // 2026-12-04T08:00Z is 16:00 in Shanghai.
    expect(deadline('2026-12-04T08:00:00Z', hours(4))).toEqual(at('2026-12-07T10:30:00+08:00'));
  });
});

describe('nextWorkingInstant', () => {
  it('returns working instants unchanged and moves others to the next period start', () => {
    expect(nextWorkingInstant(cal, at('2026-12-08T09:15:00+08:00'))).toEqual(at('2026-12-08T09:15:00+08:00'));
    expect(nextWorkingInstant(cal, at('2026-12-08T12:00:00+08:00'))).toEqual(at('2026-12-08T14:30:00+08:00'));
    expect(nextWorkingInstant(cal, at('2026-12-04T18:00:00+08:00'))).toEqual(at('2026-12-07T08:00:00+08:00'));
    expect(nextWorkingInstant(cal, at('2026-09-30T17:30:00+08:00'))).toEqual(at('2026-10-08T08:00:00+08:00'));
  });
});

describe('workingMsBetween', () => {
  it('counts only working periods', () => {
    const ms = workingMsBetween(cal, at('2026-12-04T16:00:00+08:00'), at('2026-12-07T10:30:00+08:00'));
    expect(ms).toBe(4 * HOUR);
    expect(workingMsBetween(cal, at('2026-09-30T00:00:00+08:00'), at('2026-10-09T00:00:00+08:00'))).toBe(14 * HOUR);
    expect(workingMsBetween(cal, at('2026-12-08T10:00:00+08:00'), at('2026-12-08T10:00:00+08:00'))).toBe(0);
    expect(workingMsBetween(cal, at('2026-12-08T11:00:00+08:00'), at('2026-12-08T10:00:00+08:00'))).toBe(0);
  });

  it('inverts addWorkingTime for starts inside working time', () => {
    // Deterministic LCG so the property check is reproducible without a seed library.
    let seed = 20260101;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    const base = at('2026-01-01T00:00:00+08:00').getTime();
    let checked = 0;
    while (checked < 300) {
      // Any minute of 2026; project onto working time so every sample is a valid start.
      const from = nextWorkingInstant(cal, new Date(base + Math.floor(rand() * 365 * 1440) * 60_000));
      const n = 1 + Math.floor(rand() * 40);
      const { deadline: d } = addWorkingTime(cal, from, hours(n));
      expect(workingMsBetween(cal, from, d)).toBe(n * HOUR);
      checked++;
    }
  });
});

describe('WorkCalendarSchema', () => {
  it('applies the documented defaults', () => {
    const c = WorkCalendarSchema.parse({});
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.periods).toEqual([
      { start: '08:00', end: '12:00' },
      { start: '14:30', end: '17:30' },
    ]);
    expect(c.weekend).toEqual([6, 7]);
  });

  it('rejects overlapping or unordered periods', () => {
    const overlap = [
      { start: '08:00', end: '12:00' },
      { start: '11:30', end: '17:30' },
    ];
    expect(WorkCalendarSchema.safeParse({ periods: overlap }).success).toBe(false);
    const unordered = [
      { start: '14:30', end: '17:30' },
      { start: '08:00', end: '12:00' },
    ];
    expect(WorkCalendarSchema.safeParse({ periods: unordered }).success).toBe(false);
    expect(
      WorkCalendarSchema.safeParse({
        periods: [{ start: '12:00', end: '08:00' }],
      }).success,
    ).toBe(false);
  });

  it('rejects bad time zones, dates and a date both off and on', () => {
    expect(WorkCalendarSchema.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      WorkCalendarSchema.safeParse({
        holidays: [{ date: '2026-02-30', name: 'x' }],
      }).success,
    ).toBe(false);
    const both = { date: '2026-10-01', name: '国庆节' };
    expect(WorkCalendarSchema.safeParse({ holidays: [both], makeUpWorkdays: [both] }).success).toBe(false);
  });

  it('accepts edited copies of the default and honours other hours', () => {
    const summer = WorkCalendarSchema.parse({
      ...DEFAULT_CALENDAR,
      periods: [
        { start: '08:00', end: '12:00' },
        { start: '15:00', end: '18:00' },
      ],
    });
    const r = addWorkingTime(summer, at('2026-07-03T16:00:00+08:00'), hours(4)); // Friday
    expect(r.deadline).toEqual(at('2026-07-06T10:00:00+08:00'));
    expect(Object.isFrozen(DEFAULT_CALENDAR.holidays)).toBe(true);
  });
});
