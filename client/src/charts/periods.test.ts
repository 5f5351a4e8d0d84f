import { describe, expect, it } from 'vitest';
import { DEFAULT_CHOICE, readPeriodChoice, resolvePeriod, sameChoice, writePeriodChoice } from './periods.ts';

/** An instant given as Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('the period a screen shows, kept in its address', () => {
  it('opens on 本月 when the address names no period, or a wrong one', () => {
    expect(readPeriodChoice('')).toEqual({ kind: 'this_month' });
    expect(readPeriodChoice('?period=this_week')).toEqual(DEFAULT_CHOICE);
    // A custom period that the server would refuse is not taken from the address either.
    expect(readPeriodChoice('?period=custom&from=2026-12-05&to=2026-12-01')).toEqual(DEFAULT_CHOICE);
    expect(readPeriodChoice('?period=custom&from=2026-12-05')).toEqual(DEFAULT_CHOICE);
  });

  it('reads and writes presets and custom periods', () => {
    expect(readPeriodChoice('?period=this_quarter')).toEqual({ kind: 'this_quarter' });
    const custom = { kind: 'custom' as const, from: '2026-11-05', to: '2026-11-20' };
    const url = writePeriodChoice(new URL('http://x/public?lang=en'), custom);
    expect(url.search).toBe('?lang=en&period=custom&from=2026-11-05&to=2026-11-20');
    expect(readPeriodChoice(url.search)).toEqual(custom);
    expect(writePeriodChoice(url, { kind: 'last_month' }).search).toBe('?lang=en&period=last_month');
  });

  it('resolves a choice to named days at a moment in Shanghai', () => {
    const now = shanghai('2026-12-03T23:59');
    expect(resolvePeriod(DEFAULT_CHOICE, now)).toMatchObject({ from: '2026-12-01', to: '2026-12-03' });
    expect(resolvePeriod({ kind: 'custom', from: '2026-11-05', to: '2026-11-20' }, now).label['zh-CN']).toBe('自定义 11月5日–11月20日');
  });

  it('tells two choices apart', () => {
    expect(sameChoice({ kind: 'this_month' }, { kind: 'this_month' })).toBe(true);
    expect(
      sameChoice({ kind: 'custom', from: '2026-11-01', to: '2026-11-02' }, { kind: 'custom', from: '2026-11-01', to: '2026-11-03' }),
    ).toBe(false);
    expect(sameChoice({ kind: 'this_month' }, { kind: 'this_year' })).toBe(false);
  });
});
