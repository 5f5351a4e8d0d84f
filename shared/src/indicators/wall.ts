import { dayBounds, dayOf, DISTRICT_TIME_ZONE } from '../calendar/day.ts';
import { isOverdue, judgedDeadline, type Incident } from '../domain/incident.ts';

/**
 * The wall's headline indicators (the KPI tiles of `/wall`), computed from the cases a client holds.
 * Pure: no I/O, `now` is an argument, so a test (or a replay) gives the same numbers every time.
 */

/** The calendar the wall counts "today" in. China has one time zone and no DST since 1991. */
export const WALL_TIME_ZONE = DISTRICT_TIME_ZONE;

/** The fields the indicators read, so callers (and tests) need not build whole cases. */
export type WallIncident = Pick<Incident, 'status' | 'deadline' | 'lateAt' | 'reportedAt' | 'closedAt'>;

export interface WallKpis {
  /** Cases reported on the current calendar day (in `WALL_TIME_ZONE`). */
  reportsToday: number;
  /** Cases not closed and not voided (parked cases are open). */
  open: number;
  /** Open cases past their deadline, as `isOverdue` decides. */
  overdue: number;
  /** Closed cases (numerator of the closure rate). */
  closed: number;
  /** Cases due for closure (denominator of the closure rate). */
  dueForClosure: number;
  /** closed ÷ due for closure, in [0, 1]; `null` when nothing is due yet. */
  closureRate: number | null;
}

/** Half-open UTC millisecond range `[start, end)` of the calendar day containing `now`. */
export interface DayRange {
  start: number;
  end: number;
}

/** The calendar day containing `now` in `timeZone`, as UTC milliseconds. */
export function dayRange(now: Date, timeZone: string = WALL_TIME_ZONE): DayRange {
  return dayBounds(dayOf(now, timeZone), timeZone);
}

/** Is the ISO timestamp inside the day range? Unparseable timestamps are not. */
export function inDay(iso: string | null, day: DayRange): boolean {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= day.start && t < day.end;
}

/** Not closed and not voided. */
export function isOpenCase(c: Pick<Incident, 'status'>): boolean {
  return c.status !== 'closed' && c.status !== 'voided';
}

/**
 * Due for closure: a case that has been registered (not voided, not still an unverified report),
 * is not parked (挂账 leaves the denominator), and is either closed or past the deadline it is
 * judged by (the one it missed, if it went late).
 */
export function isDueForClosure(c: Pick<Incident, 'status' | 'deadline' | 'lateAt'>, now: Date): boolean {
  if (c.status === 'voided' || c.status === 'reported' || c.status === 'parked') return false;
  if (c.status === 'closed') return true;
  const due = judgedDeadline(c);
  return due !== null && Date.parse(due) < now.getTime();
}

/** The KPI tiles of the wall, in one pass over the cases. */
export function computeWallKpis(incidents: Iterable<WallIncident>, now: Date, timeZone: string = WALL_TIME_ZONE): WallKpis {
  const today = dayRange(now, timeZone);
  let reportsToday = 0;
  let open = 0;
  let overdue = 0;
  let closed = 0;
  let dueForClosure = 0;
  for (const c of incidents) {
    if (inDay(c.reportedAt, today)) reportsToday++;
    if (isOpenCase(c)) open++;
    if (isOverdue(c, now)) overdue++;
    if (c.status === 'closed') closed++;
    if (isDueForClosure(c, now)) dueForClosure++;
  }
  return { reportsToday, open, overdue, closed, dueForClosure, closureRate: dueForClosure === 0 ? null : closed / dueForClosure };
}

/** Counts today's reports by a key (source, street …); keys with no report are absent. */
export function countReportsTodayBy<T extends WallIncident>(
  incidents: Iterable<T>,
  now: Date,
  key: (c: T) => string,
  timeZone: string = WALL_TIME_ZONE,
): Map<string, number> {
  const today = dayRange(now, timeZone);
  const counts = new Map<string, number>();
  for (const c of incidents) {
    if (!inDay(c.reportedAt, today)) continue;
    const k = key(c);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * Overdue cases, most overdue first: by the deadline each missed (a re-dated case keeps its place),
 * ties by report time, then stable.
 */
export function overdueMostFirst<T extends WallIncident>(incidents: Iterable<T>, now: Date): T[] {
  const list: T[] = [];
  for (const c of incidents) if (isOverdue(c, now)) list.push(c);
  // isOverdue guarantees a judged deadline.
  const due = (c: T) => Date.parse(judgedDeadline(c)!);
  return list.sort((a, b) => due(a) - due(b) || Date.parse(a.reportedAt) - Date.parse(b.reportedAt));
}

/** Open and overdue counts per grid, for shading the map. Grids with no open case are absent. */
export function countOpenByGrid<T extends WallIncident & Pick<Incident, 'gridCode'>>(
  incidents: Iterable<T>,
  now: Date,
): Map<string, { open: number; overdue: number }> {
  const counts = new Map<string, { open: number; overdue: number }>();
  for (const c of incidents) {
    if (!isOpenCase(c)) continue;
    let entry = counts.get(c.gridCode);
    if (!entry) counts.set(c.gridCode, (entry = { open: 0, overdue: 0 }));
    entry.open++;
    if (isOverdue(c, now)) entry.overdue++;
  }
  return counts;
}
