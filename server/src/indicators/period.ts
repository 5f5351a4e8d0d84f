import { TZDate } from '@date-fns/tz';

/** The instants [start, end) of calendar days `from`..`to` (inclusive) in a time zone. */
export function periodInstants(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  const at = (ymd: string, plusDays: number) => {
    const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, d + plusDays, 0, 0, 0, timeZone).getTime());
  };
  return { start: at(from, 0), end: at(to, 1) };
}

/** The period of the same number of days just before [from, to]. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const day = 86_400_000;
  const f = Date.parse(`${from}T00:00:00Z`);
  const t = Date.parse(`${to}T00:00:00Z`);
  const len = Math.round((t - f) / day) + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(f - len * day), to: iso(f - day) };
}

/** The last `days` calendar days up to and including today in a time zone, as from/to dates. */
export function lastDays(now: Date, days: number, timeZone: string): { from: string; to: string } {
  const ymd = (d: TZDate) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const today = new TZDate(now.getTime(), timeZone);
  const first = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - (days - 1), 12, 0, 0, timeZone);
  return { from: ymd(first), to: ymd(today) };
}
