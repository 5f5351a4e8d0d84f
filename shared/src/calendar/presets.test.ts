import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PERIOD_PRESET,
  PERIOD_PRESETS,
  customPeriodProblem,
  districtDay,
  isPeriodKind,
  lastDaysPeriod,
  namedCustom,
  namedPreset,
  periodDays,
  presetPeriod,
} from './presets.ts';

/** An instant given as Shanghai wall-clock time (UTC+8, no daylight saving). */
const shanghai = (local: string) => new Date(`${local}+08:00`);

const all = (now: Date) => Object.fromEntries(PERIOD_PRESETS.map((p) => [p, presetPeriod(p, now)]));

describe('period presets (calendar days in Asia/Shanghai)', () => {
  it('opens on 本月, month to date', () => {
    expect(DEFAULT_PERIOD_PRESET).toBe('this_month');
    expect(namedPreset('this_month', shanghai('2026-12-03T10:00'))).toEqual({
      kind: 'this_month',
      from: '2026-12-01',
      to: '2026-12-03',
      label: { 'zh-CN': '本月 12月1日–12月3日', en: 'This month, 1 Dec – 3 Dec' },
    });
  });

  it('takes the day at 00:00 and 23:59 in Shanghai, not in UTC', () => {
    // 00:00 on 1 December in Shanghai is still 30 November in UTC.
    expect(districtDay(shanghai('2026-12-01T00:00'))).toBe('2026-12-01');
    expect(presetPeriod('this_month', shanghai('2026-12-01T00:00'))).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetPeriod('last_month', shanghai('2026-12-01T00:00'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    // 23:59 on 30 November in Shanghai is 15:59 UTC the same day; one minute later it is December.
    expect(presetPeriod('this_month', shanghai('2026-11-30T23:59'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetPeriod('this_month', shanghai('2026-11-30T23:59:59.999'))).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('on 1 January: last month is last December, the year and quarter are one day long', () => {
    const now = shanghai('2027-01-01T00:00');
    expect(all(now)).toEqual({
      this_month: { from: '2027-01-01', to: '2027-01-01' },
      last_month: { from: '2026-12-01', to: '2026-12-31' },
      this_quarter: { from: '2027-01-01', to: '2027-01-01' },
      last_30_days: { from: '2026-12-03', to: '2027-01-01' },
      this_year: { from: '2027-01-01', to: '2027-01-01' },
    });
    expect(namedPreset('last_month', now).label).toEqual({
      'zh-CN': '上月 2026年12月1日–12月31日',
      en: 'Last month, 1 Dec – 31 Dec 2026',
    });
    expect(namedPreset('last_30_days', now).label).toEqual({
      'zh-CN': '近30天 2026年12月3日–2027年1月1日',
      en: 'Last 30 days, 3 Dec 2026 – 1 Jan 2027',
    });
    expect(namedPreset('this_year', now).label).toEqual({ 'zh-CN': '本年 1月1日', en: 'This year, 1 Jan' });
  });

  it('on 31 December at 23:59: the whole year and the fourth quarter', () => {
    const now = shanghai('2026-12-31T23:59');
    expect(all(now)).toEqual({
      this_month: { from: '2026-12-01', to: '2026-12-31' },
      last_month: { from: '2026-11-01', to: '2026-11-30' },
      this_quarter: { from: '2026-10-01', to: '2026-12-31' },
      last_30_days: { from: '2026-12-02', to: '2026-12-31' },
      this_year: { from: '2026-01-01', to: '2026-12-31' },
    });
    expect(namedPreset('this_quarter', now).label['zh-CN']).toBe('本季度 10月1日–12月31日');
  });

  it('knows 29 February 2028 and the month after it', () => {
    const leap = shanghai('2028-02-29T12:00');
    expect(presetPeriod('this_month', leap)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('last_30_days', leap)).toEqual({ from: '2028-01-31', to: '2028-02-29' });
    expect(presetPeriod('this_quarter', leap)).toEqual({ from: '2028-01-01', to: '2028-02-29' });
    expect(presetPeriod('last_month', shanghai('2028-03-01T00:00'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('last_month', shanghai('2027-03-15T08:00'))).toEqual({ from: '2027-02-01', to: '2027-02-28' });
  });

  it('counts holidays as calendar days: 国庆节 does not shorten a period', () => {
    // 2026-10-01 to 10-07 are days off; the periods are calendar days all the same.
    const nationalDay = shanghai('2026-10-03T09:00');
    expect(presetPeriod('this_month', nationalDay)).toEqual({ from: '2026-10-01', to: '2026-10-03' });
    expect(presetPeriod('this_quarter', nationalDay)).toEqual({ from: '2026-10-01', to: '2026-10-03' });
    expect(presetPeriod('last_month', nationalDay)).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(presetPeriod('last_30_days', nationalDay)).toEqual({ from: '2026-09-04', to: '2026-10-03' });
  });

  it('a rolling window counts today in', () => {
    expect(lastDaysPeriod(shanghai('2026-03-01T08:00'), 3)).toEqual({ from: '2026-02-27', to: '2026-03-01' });
    expect(lastDaysPeriod(shanghai('2026-03-01T08:00'), 30)).toEqual(presetPeriod('last_30_days', shanghai('2026-03-01T08:00')));
  });

  it('names a custom period, with the year when it is not this one', () => {
    const now = shanghai('2026-12-03T10:00');
    expect(namedCustom({ from: '2026-11-05', to: '2026-11-20' }, now).label).toEqual({
      'zh-CN': '自定义 11月5日–11月20日',
      en: 'Custom, 5 Nov – 20 Nov',
    });
    expect(periodDays({ from: '2025-03-01', to: '2025-03-31' }, 'zh-CN', now)).toBe('2025年3月1日–3月31日');
    expect(periodDays({ from: '2025-03-01', to: '2025-03-31' }, 'en', now)).toBe('1 Mar – 31 Mar 2025');
    expect(periodDays({ from: '2025-03-01', to: '2025-03-01' }, 'en', now)).toBe('1 Mar 2025');
  });

  it('checks a typed period with the server’s rules, naming the field', () => {
    expect(customPeriodProblem('2026-11-01', '2026-11-30')).toBeNull();
    expect(customPeriodProblem('2026-11-01', '2026-11-01')).toBeNull();
    expect(customPeriodProblem('2026-11-31', '2026-12-01')).toEqual({
      field: 'from',
      code: 'not_a_day',
      reason: '2026-11-31 is not a day of the calendar',
    });
    expect(customPeriodProblem('', '2026-12-01')).toMatchObject({ field: 'from', code: 'missing' });
    expect(customPeriodProblem('2026-11-01', '')).toMatchObject({ field: 'to', code: 'missing' });
    expect(customPeriodProblem('2026-11-01', '1999-12-01')).toMatchObject({ field: 'to', code: 'out_of_years' });
    expect(customPeriodProblem('2026-12-02', '2026-12-01')).toEqual({ field: 'to', code: 'reversed', reason: 'from must not be after to' });
    expect(customPeriodProblem('2020-01-01', '2026-12-01')).toMatchObject({ field: 'to', code: 'too_long' });
    // Three years of 366 days is the longest the server takes.
    expect(customPeriodProblem('2024-01-01', '2026-12-31')).toBeNull();
  });

  it('tells a kind from anything else', () => {
    expect(isPeriodKind('custom')).toBe(true);
    expect(isPeriodKind('this_quarter')).toBe(true);
    expect(isPeriodKind('this_week')).toBe(false);
    expect(isPeriodKind(undefined)).toBe(false);
  });
});
