import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR } from '../calendar/holidays2026.ts';
import { isWorkingDay } from '../calendar/workingTime.ts';
import { checkCalendar, parseDate } from './calendar.ts';
import { sheetOf } from './columns.ts';

describe('parseDate', () => {
  it('reads the ways spreadsheets write a date', () => {
    for (const v of ['2027-10-01', '2027/10/1', '2027.10.1', '2027年10月1日', '20271001', ' 2027-10-1 '])
      expect(parseDate(v)).toBe('2027-10-01');
    expect(parseDate('2027-02-29')).toBeNull();
    expect(parseDate('10/01/2027')).toBeNull();
  });
});

describe('checkCalendar', () => {
  const rows2027 = [
    { 日期: '2027-01-01', 名称: '元旦', 类型: '放假' },
    { 日期: '2027/2/6', 名称: '春节', 类型: '放假' },
    { 日期: '2027年2月7日', 名称: '春节', 类型: '放假' },
    // 2027-02-20 is a Saturday.
    { 日期: '2027-02-20', 名称: '春节', 类型: '调休上班' },
  ];

  it('replaces the year it lists and keeps the others', () => {
    const r = checkCalendar(sheetOf(rows2027), DEFAULT_CALENDAR);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.years).toEqual([{ year: 2027, holidays: 3, makeUpWorkdays: 1 }]);
    expect(r.calendar.knownYears).toEqual([2026, 2027]);
    expect(r.calendar.holidays.filter((d) => d.date.startsWith('2026'))).toEqual(DEFAULT_CALENDAR.holidays);
    expect(r.calendar.holidays.filter((d) => d.date.startsWith('2027')).map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-06',
      '2027-02-07',
    ]);
    expect(r.calendar.periods).toEqual(DEFAULT_CALENDAR.periods);
    // The merged calendar is what deadlines use: 2027-01-01 (a Friday) is off, 2027-02-20 (a Saturday) is worked.
    expect(isWorkingDay(r.calendar, '2027-01-01')).toBe(false);
    expect(isWorkingDay(r.calendar, '2027-02-20')).toBe(true);
  });

  it('re-importing a year drops the days no longer listed', () => {
    const first = checkCalendar(sheetOf(rows2027), DEFAULT_CALENDAR);
    if (!first.ok) throw new Error('first import failed');
    const again = checkCalendar(sheetOf([{ 日期: '2027-01-01', 名称: '元旦', 类型: 'holiday' }]), first.calendar);
    expect(again.ok && again.calendar.holidays.filter((d) => d.date.startsWith('2027'))).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    expect(again.ok && again.calendar.makeUpWorkdays.filter((d) => d.date.startsWith('2027'))).toEqual([]);
  });

  it('reports bad dates, repeated dates, unknown types and make-up days on weekdays', () => {
    const r = checkCalendar(
      sheetOf([
        { 日期: '2027-13-01', 名称: '元旦', 类型: '放假' },
        { 日期: '2027-02-06', 名称: '春节', 类型: '放假' },
        { 日期: '2027-2-6', 名称: '春节', 类型: '调休上班' },
        { 日期: '2027-02-08', 名称: '', 类型: '调休' },
        // 2027-02-22 is a Monday.
        { 日期: '2027-02-22', 名称: '春节', 类型: '上班' },
      ]),
      DEFAULT_CALENDAR,
    );
    expect(r.ok ? [] : r.problems.map((p) => `${p.feature} ${p.code}`)).toEqual([
      'row 2 date_invalid',
      'row 4 date_duplicate',
      'row 5 name_missing',
      'row 5 type_invalid',
      'row 6 makeup_weekday',
    ]);
  });
});
