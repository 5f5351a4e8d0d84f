import type { Period } from '../api/stats.ts';

/** The published periods a visitor picks from. */
export const PERIOD_KINDS = ['this_month', 'last_month', 'this_year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export function isPeriodKind(s: unknown): s is PeriodKind {
  return typeof s === 'string' && (PERIOD_KINDS as readonly string[]).includes(s);
}

/** Shanghai has had no daylight saving since 1991: the district's calendar day is UTC+8. */
const OFFSET_MS = 8 * 3_600_000;

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Day count of month `m` (1–12) of year `y`. */
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Today's date in the district (Asia/Shanghai), as year, month (1–12) and day. */
export function districtToday(now: Date): { y: number; m: number; d: number } {
  const t = new Date(now.getTime() + OFFSET_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/**
 * A named period as calendar days (both inclusive). A current month or year runs to its last
 * day: the server counts figures up to now, and compares with the previous period of equal length.
 */
export function periodOf(kind: PeriodKind, now: Date): Period {
  const { y, m } = districtToday(now);
  switch (kind) {
    case 'this_month':
      return { from: ymd(y, m, 1), to: ymd(y, m, daysIn(y, m)) };
    case 'last_month': {
      const py = m === 1 ? y - 1 : y;
      const pm = m === 1 ? 12 : m - 1;
      return { from: ymd(py, pm, 1), to: ymd(py, pm, daysIn(py, pm)) };
    }
    case 'this_year':
      return { from: ymd(y, 1, 1), to: ymd(y, 12, 31) };
  }
}

/** The last `days` calendar days up to and including today (the wall's rolling window). */
export function lastDays(now: Date, days: number): Period {
  const { y, m, d } = districtToday(now);
  const start = new Date(Date.UTC(y, m - 1, d - (days - 1)));
  return { from: ymd(start.getUTCFullYear(), start.getUTCMonth() + 1, start.getUTCDate()), to: ymd(y, m, d) };
}
