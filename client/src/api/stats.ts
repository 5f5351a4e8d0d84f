import { z } from 'zod';
import { requestJson } from './http.ts';

const rate = z.number().nullable();

/**
 * One published row (监督公示): figures and the name of a unit, nothing about people. The same
 * shape is a subset of a signed-in `StatsRow`, so signed-in screens parse theirs with it too.
 */
export const PublicStatsRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  reported: z.number(),
  due: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
  overdueOpen: z.number(),
  closureRate: rate,
  onTimeClosureRate: rate,
  reworkRate: rate,
  extensionRate: rate,
  score: rate,
  /** Change against the previous period of equal length, in percentage points. */
  change: z.record(z.string(), z.number().nullable()).default({}),
});
export type PublicStatsRow = z.infer<typeof PublicStatsRowSchema>;

export const PUBLIC_GROUPINGS = ['department', 'street', 'grid', 'category'] as const;
export type PublicGrouping = (typeof PUBLIC_GROUPINGS)[number];

const PublicStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(PublicStatsRowSchema),
  total: PublicStatsRowSchema,
});
export type PublicStats = z.infer<typeof PublicStatsSchema>;

export interface Period {
  /** Calendar days in the district's time zone, both inclusive: YYYY-MM-DD. */
  from: string;
  to: string;
}

/**
 * Public requests go without the session cookie: a signed-in visitor of a public screen gets
 * exactly what an anonymous one gets (the grids answer carries staff names only with a session).
 */
const PUBLIC_INIT: RequestInit = { credentials: 'omit' };

/** `GET /api/public/stats`: the published indicators of a period (no sign-in). */
export async function getPublicStats(period: Period, by: PublicGrouping, signal?: AbortSignal): Promise<PublicStats> {
  const q = new URLSearchParams({ from: period.from, to: period.to, by });
  return PublicStatsSchema.parse(await requestJson(`/api/public/stats?${q}`, { ...PUBLIC_INIT, ...(signal ? { signal } : {}) }));
}

export const TrendDaySchema = z.object({
  date: z.string(),
  reported: z.number(),
  closed: z.number(),
  closedOnTime: z.number(),
});
export type TrendDay = z.infer<typeof TrendDaySchema>;
const TrendSchema = z.object({ days: z.array(TrendDaySchema) });

/** `GET /api/public/trend?days=`: reported, closed and closed-on-time per day, oldest first (no sign-in). */
export async function getPublicTrend(days: number, signal?: AbortSignal): Promise<TrendDay[]> {
  const body = TrendSchema.parse(
    await requestJson(`/api/public/trend?days=${encodeURIComponent(days)}`, { ...PUBLIC_INIT, ...(signal ? { signal } : {}) }),
  );
  return body.days;
}
