import { dayBounds } from '@streetchief/shared/calendar/day';
import type { FilingOverview, GridFilingRow } from '../api/filing.ts';

/**
 * Daily-report filing (日巡日报) as the wall and the dispatch desk show it, from the server's
 * `GET /api/daily-reports/status`. Pure: no fetching, no clock of its own.
 */

/** A grid's mark on the wall map: every expected report is in, or not yet. */
export type FilingMark = 'done' | 'due';

/** One person's state for the day. */
export type StaffFilingState = 'on_time' | 'late' | 'missing';

type StaffRow = GridFilingRow['staff'][number];

export function staffState(s: Pick<StaffRow, 'filedAt' | 'late'>): StaffFilingState {
  if (s.filedAt === null) return 'missing';
  return s.late ? 'late' : 'on_time';
}

/** The mark of every grid where someone is expected to file; grids without anyone are left out. */
export function gridFilingMarks(overview: FilingOverview | null): Map<string, FilingMark> {
  const marks = new Map<string, FilingMark>();
  for (const g of overview?.grids ?? []) {
    if (g.expected > 0) marks.set(g.gridCode, g.filed >= g.expected ? 'done' : 'due');
  }
  return marks;
}

/**
 * What to change to go from the marks on the map to the wanted ones: `null` clears a grid (nobody
 * is expected there any more). Only grids that change are listed, so a refresh touches few.
 */
export function filingMarkChanges(
  applied: ReadonlyMap<string, FilingMark>,
  wanted: ReadonlyMap<string, FilingMark>,
): { code: string; mark: FilingMark | null }[] {
  const changes: { code: string; mark: FilingMark | null }[] = [];
  for (const code of applied.keys()) if (!wanted.has(code)) changes.push({ code, mark: null });
  for (const [code, mark] of wanted) if (applied.get(code) !== mark) changes.push({ code, mark });
  return changes;
}

export interface FilingTotals {
  /** People expected to file (each counted once, however many grids they have). */
  expected: number;
  filed: number;
  onTime: number;
  late: number;
  missing: number;
  gridsExpected: number;
  /** Grids where every expected report is in. */
  gridsComplete: number;
}

/** District (or scope) totals: people counted once, grids counted where someone is expected. */
export function filingTotals(overview: FilingOverview | null): FilingTotals {
  const people = new Map<string, StaffFilingState>();
  let gridsExpected = 0;
  let gridsComplete = 0;
  for (const g of overview?.grids ?? []) {
    if (g.expected === 0) continue;
    gridsExpected++;
    if (g.filed >= g.expected) gridsComplete++;
    for (const s of g.staff) people.set(s.userId, staffState(s));
  }
  const count = (state: StaffFilingState) => [...people.values()].filter((s) => s === state).length;
  const onTime = count('on_time');
  const late = count('late');
  return { expected: people.size, filed: onTime + late, onTime, late, missing: count('missing'), gridsExpected, gridsComplete };
}

export interface StreetFilingGroup {
  streetCode: string;
  name: string;
  filed: number;
  expected: number;
  gridsComplete: number;
  gridsExpected: number;
  /** The street's grids in code order, each with its staff: not filed first, then late, then on time. */
  grids: GridFilingRow[];
}

const STATE_ORDER: Record<StaffFilingState, number> = { missing: 0, late: 1, on_time: 2 };

/**
 * The desk's list: streets in the server's order (those where someone is expected), their grids
 * in code order, and in each grid the people who have not filed first.
 */
export function groupByStreet(overview: FilingOverview | null): StreetFilingGroup[] {
  if (!overview) return [];
  const groups = new Map<string, StreetFilingGroup>();
  for (const s of overview.streets) {
    if (s.expected > 0) groups.set(s.streetCode, { ...s, grids: [] });
  }
  for (const g of overview.grids) {
    if (g.expected === 0) continue;
    let group = groups.get(g.streetCode);
    if (!group) {
      // A grid whose street the answer does not list: still shown, never dropped.
      group = { streetCode: g.streetCode, name: g.streetCode, filed: 0, expected: 0, gridsComplete: 0, gridsExpected: 0, grids: [] };
      groups.set(g.streetCode, group);
    }
    const staff = [...g.staff].sort(
      (a, b) => STATE_ORDER[staffState(a)] - STATE_ORDER[staffState(b)] || a.name.localeCompare(b.name, 'zh-CN'),
    );
    group.grids.push({ ...g, staff });
  }
  const out = [...groups.values()].filter((s) => s.grids.length > 0);
  for (const s of out) s.grids.sort((a, b) => (a.gridCode < b.gridCode ? -1 : a.gridCode > b.gridCode ? 1 : 0));
  return out;
}

/** How long after midnight the day-change refresh waits, so a server a little behind has turned too. */
export const DAY_CHANGE_SLACK_MS = 3000;

/**
 * Milliseconds from `now` until the refresh for the next day (the end of the server's `day` in
 * the district's time zone, plus a little slack); null when that moment has passed (a client
 * clock ahead of the server's: the regular refresh brings the new day).
 */
export function dayChangeDelay(day: string, now: number, slackMs = DAY_CHANGE_SLACK_MS): number | null {
  const delay = dayBounds(day).end + slackMs - now;
  return delay > 0 ? delay : null;
}
