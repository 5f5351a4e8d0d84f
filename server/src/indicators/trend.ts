import { dayOf, daysBetween } from '@streetchief/shared/calendar/day';
import { lastDays, periodInstants } from './period.ts';
import type { Executor } from '../store/store.ts';

export interface TrendDay {
  date: string;
  reported: number;
  closed: number;
  closedOnTime: number;
}

/** Per calendar day (in the district's zone) for the last `days` days up to `now`: reported, closed, closed on time. */
export async function dailyTrend(ex: Executor, now: Date, days: number, timeZone: string): Promise<TrendDay[]> {
  const { from, to } = lastDays(now, days, timeZone);
  const start = periodInstants(from, to, timeZone).start.toISOString();
  const out = new Map<string, TrendDay>(daysBetween(from, to).map((d) => [d, { date: d, reported: 0, closed: 0, closedOnTime: 0 }]));
  const rows = await ex
    .selectFrom('incidents')
    .select(['reported_at', 'closed_at', 'deadline', 'late_at'])
    .where((eb) => eb.or([eb('reported_at', '>=', start), eb('closed_at', '>=', start)]))
    .execute();
  for (const r of rows) {
    if (r.reported_at >= start) {
      const t = out.get(dayOf(r.reported_at, timeZone));
      if (t) t.reported++;
    }
    if (r.closed_at && r.closed_at >= start) {
      const t = out.get(dayOf(r.closed_at, timeZone));
      if (t) {
        t.closed++;
        if (r.deadline && r.closed_at <= r.deadline && !r.late_at) t.closedOnTime++;
      }
    }
  }
  return [...out.values()];
}
