import { dayOf } from '@streetchief/shared/calendar/day';
import { addCounts, changeOf, ratesOf } from '@streetchief/shared/indicators/formulas';
import type { StatsCounts, StatsGrouping, StatsQuery, StatsResult, StatsRow } from '@streetchief/shared/indicators/stats';
import type { Reference } from '../reference.ts';
import type { Executor } from '../store/store.ts';
import { countsByGroup, p90ByGroup, type Window } from './engine.ts';
import { fieldCountsByGroup } from './field.ts';
import { periodInstants, previousPeriod } from './period.ts';

/** Add patrol coverage and report timeliness to the case counts (areas with no case get a row too). */
async function withField(
  ex: Executor,
  ref: Reference,
  by: StatsGrouping,
  from: string,
  to: string,
  w: Window,
  cases: Promise<Map<string, StatsCounts>>,
): Promise<Map<string, StatsCounts>> {
  // Field figures count whole days up to the cutoff's day.
  const lastDay = lastDayBefore(w.cutoff, ref.calendar.timeZone, to);
  const [counts, field] = await Promise.all([cases, fieldCountsByGroup(ex, ref, by, from, lastDay)]);
  for (const [key, f] of field) counts.set(key, { ...(counts.get(key) ?? emptyCounts()), ...f });
  return counts;
}

const emptyCounts = (): StatsCounts => ({ ...addCounts([]), handlingMsP90: null });

/** The calendar day of the instant just before `cutoff`, at most `to`. */
function lastDayBefore(cutoffIso: string, timeZone: string, to: string): string {
  const d = dayOf(Date.parse(cutoffIso) - 1, timeZone);
  return d < to ? d : to;
}

function windowOf(from: string, to: string, ref: Reference, now: Date): Window {
  const { start, end } = periodInstants(from, to, ref.calendar.timeZone);
  const cutoff = new Date(Math.min(end.getTime(), now.getTime()));
  return { start: start.toISOString(), end: end.toISOString(), cutoff: (cutoff < start ? start : cutoff).toISOString() };
}

/** Human labels for group keys, from the reference data. */
export function labelOf(ref: Reference, by: StatsGrouping, key: string): string {
  switch (by) {
    case 'street':
      return ref.streets.find((s) => s.code === key)?.name ?? key;
    case 'community':
      return ref.communities.find((c) => c.code === key)?.name ?? key;
    case 'grid':
      return ref.grid(key)?.name ?? key;
    case 'department':
      return key ? (ref.departments.get(key)?.name ?? key) : '未派遣';
    case 'category':
      return ref.classes.get(key)?.name ?? key;
  }
}

/**
 * The indicators for a period grouped one way, each row with the previous period of equal length
 * and the change in points, plus a total row. Rows are sorted by score, then on-time rate.
 */
export async function computeStats(ex: Executor, ref: Reference, q: StatsQuery, now: Date): Promise<StatsResult> {
  const w = windowOf(q.from, q.to, ref, now);
  const prev = previousPeriod(q.from, q.to);
  const pw = windowOf(prev.from, prev.to, ref, now);
  const [current, before, totalP90] = await Promise.all([
    withField(ex, ref, q.by, q.from, q.to, w, countsByGroup(ex, q.by, w)),
    withField(ex, ref, q.by, prev.from, prev.to, pw, countsByGroup(ex, q.by, pw)),
    p90ByGroup(ex, null, w),
  ]);
  const row = (key: string, counts: StatsCounts, prevCounts: StatsCounts | undefined): StatsRow => {
    const rates = ratesOf(counts);
    const prevRates = prevCounts ? ratesOf(prevCounts) : null;
    return {
      key,
      label: labelOf(ref, q.by, key),
      ...counts,
      ...rates,
      previous: prevRates && prevCounts ? { ...prevRates, due: prevCounts.due, closed: prevCounts.closed } : null,
      change: changeOf(rates, prevRates),
    };
  };
  const rows = [...current.entries()].map(([k, c]) => row(k, c, before.get(k)));
  rows.sort(
    (a, b) => (b.score ?? -1) - (a.score ?? -1) || (b.onTimeClosureRate ?? -1) - (a.onTimeClosureRate ?? -1) || a.key.localeCompare(b.key),
  );
  const totalCounts: StatsCounts = { ...addCounts([...current.values()]), handlingMsP90: totalP90.get('') ?? null };
  const prevTotal: StatsCounts = { ...addCounts([...before.values()]), handlingMsP90: null };
  const total = row('', totalCounts, prevTotal);
  total.label = '合计';
  return { from: q.from, to: q.to, by: q.by, start: w.start, end: w.end, cutoff: w.cutoff, rows, total };
}
