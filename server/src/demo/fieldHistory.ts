import type { District, User } from '@streetchief/shared';
import { addDays, dayOf, timeOnDay } from '@streetchief/shared/calendar/day';
import { PATROL_ROLES, type Patrol } from '@streetchief/shared/domain/patrol';
import { Rng } from '@streetchief/shared/district/index';
import { emptyChecklist, type DailyReport } from '@streetchief/shared/field/dailyReport';

/** The instant of a time of day (in hours, 8.5 = 08:30) on a day, district time. */
function at(day: string, hours: number): string {
  const minutes = Math.round(hours * 60);
  const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return timeOnDay(day, hhmm).toISOString();
}

/**
 * Field work for the demo's past days (not today, which belongs to the people using the demo):
 * each community's grid manager patrols most of its grids every day, and the demo patrol and grid
 * staff accounts file their daily reports, a few late, a few not at all. So coverage and report
 * timeliness have a history in the indicators from the first start.
 */
export function sampleFieldHistory(
  district: District,
  accounts: readonly User[],
  now: Date,
  days: number,
): { patrols: Patrol[]; reports: DailyReport[] } {
  const rng = new Rng('demo-field');
  const patrols: Patrol[] = [];
  const reports: DailyReport[] = [];
  const managers = new Map(district.staff.filter((s) => s.post === 'manager').map((s) => [s.gridCode, s]));
  const filers = accounts.filter((u) => (PATROL_ROLES as readonly string[]).includes(u.role));
  let n = 0;
  const id = () => `00000000-0000-4000-9000-${String(++n).padStart(12, '0')}`;
  for (let d = days; d >= 1; d--) {
    const day = addDays(dayOf(now), -d);
    for (const c of district.communities) {
      const grids = district.grids.filter((g) => g.communityCode === c.code);
      const walker = managers.get(grids[0]!.code);
      const crossed = grids.filter(() => rng.next() < 0.85).map((g) => g.code);
      if (!walker || !crossed.length) continue;
      patrols.push({
        id: id(),
        userId: `staff:${walker.id}`,
        userName: walker.name,
        status: 'finished',
        day,
        startedAt: at(day, 8.5),
        endedAt: at(day, 11.5),
        pauses: [],
        pointCount: 0,
        distanceM: Math.round(rng.float(2500, 6000)),
        gridCodes: crossed,
        last: null,
        updatedAt: at(day, 11.5),
      });
    }
    for (const u of filers) {
      const r = rng.next();
      if (r < 0.05) continue; // not filed
      const late = r < 0.1;
      const submittedAt = at(day, late ? 20.6 : 17.5 + rng.next() * 2);
      reports.push({
        id: id(),
        userId: u.id,
        userName: u.displayName,
        day,
        submittedAt,
        receivedAt: submittedAt,
        deadline: at(day, 20),
        late,
        gridsCovered: u.gridCodes,
        gridsMissed: [],
        patrolIds: [],
        distanceM: 0,
        incidentIds: [],
        checklist: emptyChecklist(),
        notes: '',
      });
    }
  }
  return { patrols, reports };
}
