import { isCheckOverdue, isOverdue, SOURCES, type Incident, type Source } from '@streetchief/shared/domain/incident';
import type { CaseState } from '@streetchief/shared/domain/workflow';
import { computeWallKpis, countReportsTodayBy, isOpenCase, overdueMostFirst, type WallKpis } from '@streetchief/shared/indicators/wall';
import type { Lookups } from '../common/lookups.ts';

/** Open stages in workflow order, as the pipeline panel lists them. */
export const PIPELINE: readonly CaseState[] = ['reported', 'registered', 'dispatched', 'in_progress', 'handled', 'parked'];

export interface WallModel {
  kpis: WallKpis;
  bySource: { source: Source; count: number }[];
  byStreet: { code: string; name: string; count: number }[];
  pipeline: { status: CaseState; count: number }[];
  /** Most overdue first. */
  overdue: Incident[];
  /** Open and overdue cases per lead department, most overdue first. */
  byDepartment: { code: string; open: number; overdue: number }[];
  /** Handled cases whose on-site check waits past its time limit (核查超时). */
  checkOverdue: number;
}

/** Everything the panels show, derived from the cases and the time. Pure. */
export function buildWallModel(incidents: ReadonlyMap<string, Incident>, now: Date, lookups: Lookups | null): WallModel {
  const all = [...incidents.values()];
  const kpis = computeWallKpis(all, now);
  const sources = countReportsTodayBy(all, now, (c) => c.source);
  const streets = countReportsTodayBy(all, now, (c) => c.streetCode);
  const stages = new Map<CaseState, number>();
  const departments = new Map<string, { code: string; open: number; overdue: number }>();
  let checkOverdue = 0;
  for (const c of all) {
    if (!isOpenCase(c)) continue;
    if (isCheckOverdue(c, now)) checkOverdue++;
    stages.set(c.status, (stages.get(c.status) ?? 0) + 1);
    if (!c.leadDept) continue;
    let d = departments.get(c.leadDept);
    if (!d) departments.set(c.leadDept, (d = { code: c.leadDept, open: 0, overdue: 0 }));
    d.open++;
    if (isOverdue(c, now)) d.overdue++;
  }
  const knownStreets = lookups?.streets ?? [];
  const byStreet = knownStreets.map(({ code, name }) => ({ code, name, count: streets.get(code) ?? 0 }));
  // Cases in a street the grid file does not list still count (a real deployment's data can drift).
  for (const [code, count] of streets) if (!knownStreets.some((s) => s.code === code)) byStreet.push({ code, name: code, count });
  return {
    kpis,
    bySource: SOURCES.map((source) => ({ source, count: sources.get(source) ?? 0 })),
    byStreet,
    pipeline: PIPELINE.map((status) => ({ status, count: stages.get(status) ?? 0 })),
    overdue: overdueMostFirst(all, now),
    byDepartment: [...departments.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.code.localeCompare(b.code)),
    checkOverdue,
  };
}
