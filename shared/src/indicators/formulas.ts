import type { StatsCounts, StatsRates } from './stats.ts';

/** A ratio as a percentage with two decimals (93.72), or null when nothing is due. */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 100) / 100);

/**
 * Weights of the combined department score (综合评价, out of 100), after the published practice
 * (Fuzhou: closure, on-time, rework and extension rates): on-time closure counts most; rework,
 * returns and extensions count against. They sum to 1.
 */
export const SCORE_WEIGHTS = {
  onTimeClosureRate: 0.4,
  closureRate: 0.2,
  onTimeHandlingRate: 0.15,
  reworkRate: 0.1,
  returnRate: 0.1,
  extensionRate: 0.05,
} as const;

/** Every rate from the counts. Formulas: docs/domain.md "Indicators". */
export function ratesOf(c: StatsCounts): StatsRates {
  const closureRate = percent(c.closed, c.due); // 结案率 = 结案数 ÷ 应结案数
  const onTimeClosureRate = percent(c.closedOnTime, c.due); // 按期结案率 = 按期结案数 ÷ 应结案数
  const onTimeHandlingRate = percent(c.handledOnTime, c.due);
  const reworkRate = percent(c.reworks, c.feedbacks); // 返工率 = 核查不通过 ÷ 反馈
  const returnRate = percent(c.returned, c.due);
  const extensionRate = percent(c.extended, c.due);
  return {
    closureRate,
    onTimeClosureRate,
    onTimeHandlingRate,
    reworkRate,
    returnRate,
    extensionRate,
    meanHandlingHours: c.handlingCount ? hours(c.handlingMsSum / c.handlingCount) : null,
    p90HandlingHours: hours(c.handlingMsP90),
    patrolCoverage: percent(c.patrolledGridDays, c.gridDays),
    reportTimeliness: percent(c.reportsOnTime, c.reportsExpected),
    score: scoreOf({ closureRate, onTimeClosureRate, onTimeHandlingRate, reworkRate, returnRate, extensionRate }),
  };
}

/** The combined score; a missing rework rate (no feedback yet) counts as no rework. */
export function scoreOf(r: Pick<StatsRates, keyof typeof SCORE_WEIGHTS>): number | null {
  if (r.closureRate === null || r.onTimeClosureRate === null || r.onTimeHandlingRate === null) return null;
  const good = (v: number | null) => (v ?? 0) / 100;
  const bad = (v: number | null) => 1 - (v ?? 0) / 100;
  const s =
    SCORE_WEIGHTS.onTimeClosureRate * good(r.onTimeClosureRate) +
    SCORE_WEIGHTS.closureRate * good(r.closureRate) +
    SCORE_WEIGHTS.onTimeHandlingRate * good(r.onTimeHandlingRate) +
    SCORE_WEIGHTS.reworkRate * bad(r.reworkRate) +
    SCORE_WEIGHTS.returnRate * bad(r.returnRate) +
    SCORE_WEIGHTS.extensionRate * bad(r.extensionRate);
  return Math.round(s * 10_000) / 100;
}

/** Rate changes in percentage points (current − previous). */
export function changeOf(now: StatsRates, before: StatsRates | null): Partial<Record<keyof StatsRates, number | null>> {
  if (!before) return {};
  const out: Partial<Record<keyof StatsRates, number | null>> = {};
  for (const k of Object.keys(now) as (keyof StatsRates)[]) {
    const a = now[k];
    const b = before[k];
    out[k] = a === null || b === null ? null : Math.round((a - b) * 100) / 100;
  }
  return out;
}

/** Field-work counts of a grouping they do not apply to (departments, classes). */
export const ZERO_FIELD_COUNTS = { gridDays: 0, patrolledGridDays: 0, reportsExpected: 0, reportsOnTime: 0 };

/** Sum counts of several groups (the total row); the P90 of a union is not a sum, so it is recomputed by the caller. */
export function addCounts(rows: readonly StatsCounts[]): Omit<StatsCounts, 'handlingMsP90'> {
  const t = {
    ...ZERO_FIELD_COUNTS,
    reported: 0,
    registered: 0,
    dispatched: 0,
    due: 0,
    closed: 0,
    closedOnTime: 0,
    handledOnTime: 0,
    feedbacks: 0,
    reworks: 0,
    returned: 0,
    extended: 0,
    overdueOpen: 0,
    handlingMsSum: 0,
    handlingCount: 0,
  };
  for (const r of rows) for (const k of Object.keys(t) as (keyof typeof t)[]) t[k] += r[k];
  return t;
}
