import { describe, expect, it } from 'vitest';
import { districtToday, lastDays, periodOf } from './periods.ts';

describe('published periods (Asia/Shanghai calendar days)', () => {
  // 2026-11-29T17:00Z is already 30 November 01:00 in Shanghai.
  const lateSunday = new Date('2026-11-29T17:00:00Z');

  it('takes the day in Shanghai, not in UTC', () => {
    expect(districtToday(lateSunday)).toEqual({ y: 2026, m: 11, d: 30 });
    expect(districtToday(new Date('2026-11-29T15:59:59Z'))).toEqual({ y: 2026, m: 11, d: 29 });
  });

  it('names this month, last month and this year as whole calendar periods', () => {
    expect(periodOf('this_month', lateSunday)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(periodOf('last_month', lateSunday)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(periodOf('this_year', lateSunday)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('crosses the year boundary and knows February', () => {
    const jan = new Date('2027-01-10T04:00:00Z');
    expect(periodOf('last_month', jan)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(periodOf('this_month', new Date('2028-02-10T04:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodOf('this_month', new Date('2026-02-10T04:00:00Z'))).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('counts a rolling window back from today, today included', () => {
    expect(lastDays(lateSunday, 30)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(lastDays(new Date('2026-03-01T02:00:00Z'), 3)).toEqual({ from: '2026-02-27', to: '2026-03-01' });
    expect(lastDays(lateSunday, 1)).toEqual({ from: '2026-11-30', to: '2026-11-30' });
  });
});
