import { daySpan } from '@streetchief/shared/calendar/period';
import { PATROL_ROLES } from '@streetchief/shared/domain/patrol';
import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { ZERO_FIELD_COUNTS } from '@streetchief/shared/indicators/formulas';
import type { Reference } from '../reference.ts';
import type { Executor } from '../store/store.ts';
import { listUsers } from '../store/userRepo.ts';

export type FieldCounts = typeof ZERO_FIELD_COUNTS;

/**
 * Patrol coverage and daily-report timeliness per area (street, community or grid) for the days
 * `from`..`lastDay`: grid-days crossed by a patrol track ÷ grid-days, and reports filed by the
 * deadline ÷ reports expected of patrol and grid staff (one a day each, counted in every area
 * their grids lie in). Departments and classes have no area: an empty map.
 */
export async function fieldCountsByGroup(
  ex: Executor,
  ref: Reference,
  by: StatsGrouping,
  from: string,
  lastDay: string,
): Promise<Map<string, FieldCounts>> {
  const out = new Map<string, FieldCounts>();
  if ((by !== 'street' && by !== 'community' && by !== 'grid') || lastDay < from) return out;
  // Only the number of days matters, so it is computed rather than listed.
  const days = daySpan(from, lastDay);
  const keyOf = (gridCode: string): string | null => {
    const g = ref.grid(gridCode);
    if (!g) return null;
    return by === 'street' ? g.streetCode : by === 'community' ? g.communityCode : g.code;
  };
  const counts = (key: string) => {
    let c = out.get(key);
    if (!c) out.set(key, (c = { ...ZERO_FIELD_COUNTS }));
    return c;
  };
  for (const g of ref.grids) counts(keyOf(g.code)!).gridDays += days;

  const patrols = await ex.selectFrom('patrols').select(['day', 'data']).where('day', '>=', from).where('day', '<=', lastDay).execute();
  const crossed = new Set<string>();
  for (const p of patrols) for (const code of (JSON.parse(p.data) as { gridCodes: string[] }).gridCodes) crossed.add(`${code}|${p.day}`);
  for (const gd of crossed) {
    const key = keyOf(gd.slice(0, gd.indexOf('|')));
    if (key) counts(key).patrolledGridDays++;
  }

  const staff = (await listUsers(ex)).filter((u) => (PATROL_ROLES as readonly string[]).includes(u.role));
  const areasOf = new Map(staff.map((u) => [u.id, new Set(u.gridCodes.map(keyOf).filter((k): k is string => !!k))]));
  for (const [, areas] of areasOf) for (const key of areas) counts(key).reportsExpected += days;
  const reports = await ex
    .selectFrom('daily_reports')
    .select(['user_id', 'late'])
    .where('day', '>=', from)
    .where('day', '<=', lastDay)
    .execute();
  for (const r of reports) if (!Number(r.late)) for (const key of areasOf.get(r.user_id) ?? []) counts(key).reportsOnTime++;
  return out;
}
