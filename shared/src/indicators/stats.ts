import { z } from 'zod';
import { DaySchema, periodRefinement } from '../calendar/period.ts';

/** How figures are grouped. */
export const STATS_GROUPINGS = ['street', 'community', 'grid', 'department', 'category'] as const;
export const StatsGroupingSchema = z.enum(STATS_GROUPINGS);
export type StatsGrouping = z.infer<typeof StatsGroupingSchema>;

/**
 * `GET /api/stats?from=&to=&by=`: calendar days in the district's time zone, both inclusive, a
 * real period (from ≤ to, years and length bounded, see calendar/period.ts).
 */
export const StatsQuerySchema = z
  .object({ from: DaySchema, to: DaySchema, by: StatsGroupingSchema.default('department') })
  .superRefine(periodRefinement());
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

/** The counts the engine takes from the store for one group; every rate derives from these. */
export interface StatsCounts {
  reported: number;
  registered: number;
  dispatched: number;
  /** 应结案: deadline in the period (or closed early in it), not voided, not parked. */
  due: number;
  closed: number;
  closedOnTime: number;
  handledOnTime: number;
  feedbacks: number;
  reworks: number;
  returned: number;
  extended: number;
  overdueOpen: number;
  /** Sum and count of handling times (working ms) of due cases with feedback. */
  handlingMsSum: number;
  handlingCount: number;
  /** 90th percentile (nearest rank) of those handling times, ms. */
  handlingMsP90: number | null;
  /** Grid-days in the period, and those a patrol's track crossed (巡查覆盖). 0 for department and class groupings. */
  gridDays: number;
  patrolledGridDays: number;
  /** Daily reports (日巡日报) expected of patrol and grid staff, and those filed by the deadline. */
  reportsExpected: number;
  reportsOnTime: number;
}

/** Rates in percent (two decimals), null when their denominator is 0. */
export interface StatsRates {
  closureRate: number | null;
  onTimeClosureRate: number | null;
  onTimeHandlingRate: number | null;
  reworkRate: number | null;
  returnRate: number | null;
  extensionRate: number | null;
  meanHandlingHours: number | null;
  p90HandlingHours: number | null;
  /** Patrol coverage: grid-days patrolled ÷ grid-days. */
  patrolCoverage: number | null;
  /** Daily-report timeliness: reports filed on time ÷ reports expected. */
  reportTimeliness: number | null;
  /** Combined score out of 100, see SCORE_WEIGHTS. */
  score: number | null;
}

export interface StatsRow extends StatsCounts, StatsRates {
  key: string;
  label: string;
  /** The same figures for the previous period of equal length, and the change in points. */
  previous: (StatsRates & { due: number; closed: number }) | null;
  change: Partial<Record<keyof StatsRates, number | null>>;
}

export interface StatsResult {
  from: string;
  to: string;
  by: StatsGrouping;
  /** Instants the period covers: [start, end), figures counted up to min(end, now). */
  start: string;
  end: string;
  cutoff: string;
  rows: StatsRow[];
  total: StatsRow;
}
