import { isCheckOverdue, isWarning, type Incident } from '@streetchief/shared/domain/incident';
import { computeWallKpis, overdueMostFirst, type WallKpis } from '@streetchief/shared/indicators/wall';

export interface WallModel {
  /** 今日上报 (today), 在办 and 超期未结 (now), by the shared definitions. */
  kpis: WallKpis;
  /** 超期未结, most overdue first. */
  overdue: Incident[];
  /** 预警: past the warning share of their time, not yet overdue; nearest deadline first. */
  warnings: Incident[];
  /** Handled cases whose on-site check waits past its time limit (核查超时). */
  checkOverdue: number;
}

/** Warnings, nearest deadline first; ties by report time. */
export function warningsNearestFirst<T extends Incident>(incidents: Iterable<T>, now: Date): T[] {
  const list: T[] = [];
  for (const c of incidents) if (isWarning(c, now)) list.push(c);
  const due = (c: T) => (c.deadline ? Date.parse(c.deadline) : Infinity);
  return list.sort((a, b) => due(a) - due(b) || Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
}

/** Everything the wall's panels show from the cases it holds, at `now`. Pure. */
export function buildWallModel(incidents: ReadonlyMap<string, Incident>, now: Date): WallModel {
  const all = [...incidents.values()];
  let checkOverdue = 0;
  for (const c of all) if (isCheckOverdue(c, now)) checkOverdue++;
  return {
    kpis: computeWallKpis(all, now),
    overdue: overdueMostFirst(all, now),
    warnings: warningsNearestFirst(all, now),
    checkOverdue,
  };
}
