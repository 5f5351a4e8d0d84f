import { describe, expect, it } from 'vitest';
import { byMonth, daysBetween, shortDate, trendOption, withinPeriod } from './trend.ts';

const days = [
  { date: '2026-11-28', reported: 30, closed: 12, closedOnTime: 8 },
  { date: '2026-11-29', reported: 26, closed: 26, closedOnTime: 22 },
];
const names = { reported: '上报', closed: '结案', closedOnTime: '按期结案' };

describe('trend chart option', () => {
  it('has one category per day and three series with stable ids', () => {
    const o = trendOption(days, { names, palette: 'light', fontSize: 16 }) as any;
    expect(o.xAxis.data).toEqual(['11-28', '11-29']);
    expect(o.series.map((s: any) => [s.id, s.type, s.name])).toEqual([
      ['reported', 'bar', '上报'],
      ['closed', 'line', '结案'],
      ['closedOnTime', 'line', '按期结案'],
    ]);
    expect(o.series[0].data).toEqual([30, 26]);
    expect(o.series[2].data).toEqual([8, 22]);
    // The two lines differ in shape as well as colour.
    expect(o.series[2].lineStyle.type).toBe('dashed');
  });

  it('scales type with the given font size and can leave the legend out', () => {
    const o = trendOption(days, { names, palette: 'dark', fontSize: 40, legend: false }) as any;
    expect(o.textStyle.fontSize).toBe(40);
    expect(o.legend.show).toBe(false);
  });

  it('shortens ISO dates only', () => {
    expect(shortDate('2026-01-05')).toBe('01-05');
    expect(shortDate('yesterday')).toBe('yesterday');
  });
});

describe('trend periods', () => {
  it('counts days inclusively and keeps the days of a period', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(365);
    expect(withinPeriod(days, { from: '2026-11-29', to: '2026-11-30' }).map((d) => d.date)).toEqual(['2026-11-29']);
  });

  it('sums days into months', () => {
    const year = [...days, { date: '2026-10-31', reported: 5, closed: 1, closedOnTime: 1 }];
    expect(byMonth(year)).toEqual([
      { date: '2026-11', reported: 56, closed: 38, closedOnTime: 30 },
      { date: '2026-10', reported: 5, closed: 1, closedOnTime: 1 },
    ]);
  });
});
