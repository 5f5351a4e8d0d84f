import { TZDate } from '@date-fns/tz';
import type { Executor } from '../store/store.ts';

export interface TrendDay {
  date: string;
  reported: number;
  closed: number;
  closedOnTime: number;
}

/** Per calendar day (in the district's zone) for the last `days` days up to `now`: reported, closed, closed on time. */
export async function dailyTrend(ex: Executor, now: Date, days: number, timeZone: string): Promise<TrendDay[]> {
  const dayOf = (iso: string) => {
    const d = new TZDate(Date.parse(iso), timeZone);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const today = new TZDate(now.getTime(), timeZone);
  const start = new Date(
    new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1), 0, 0, 0, timeZone).getTime(),
  ).toISOString();
  const out = new Map<string, TrendDay>();
  for (let i = 0; i < days; i++) {
    const d = dayOf(new Date(Date.parse(start) + i * 86_400_000 + 12 * 3_600_000).toISOString());
    out.set(d, { date: d, reported: 0, closed: 0, closedOnTime: 0 });
  }
  const rows = await ex
    .selectFrom('incidents')
    .select(['reported_at', 'closed_at', 'deadline'])
    .where((eb) => eb.or([eb('reported_at', '>=', start), eb('closed_at', '>=', start)]))
    .execute();
  for (const r of rows) {
    if (r.reported_at >= start) {
      const t = out.get(dayOf(r.reported_at));
      if (t) t.reported++;
    }
    if (r.closed_at && r.closed_at >= start) {
      const t = out.get(dayOf(r.closed_at));
      if (t) {
        t.closed++;
        if (r.deadline && r.closed_at <= r.deadline) t.closedOnTime++;
      }
    }
  }
  return [...out.values()];
}
