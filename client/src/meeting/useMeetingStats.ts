import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { MeetingStatsRowSchema, type MeetingStatsRow } from '../api/meeting.ts';
import { isUnauthorized, requestJson } from '../api/http.ts';

const StatsAnswerSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(MeetingStatsRowSchema),
  total: MeetingStatsRowSchema,
});
export type MeetingStats = z.infer<typeof StatsAnswerSchema>;

/**
 * `GET /api/stats?from=&to=&by=`: the indicator engine's figures for the meeting's period (the same
 * engine as /api/public/stats, within the user's scope), for the district line and the rankings the
 * agenda answer does not carry. Fetched again with the agenda (`tick`).
 */
export function useMeetingStats(
  period: { from: string; to: string },
  by: StatsGrouping,
  tick: unknown,
  onUnauthorized: () => void,
): { stats: MeetingStats | null; error: string | null; rows: MeetingStatsRow[] } {
  const [stats, setStats] = useState<MeetingStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;
  useEffect(() => {
    const controller = new AbortController();
    const q = new URLSearchParams({ from: period.from, to: period.to, by });
    requestJson(`/api/stats?${q}`, { signal: controller.signal }).then(
      (body) => {
        setStats(StatsAnswerSchema.parse(body));
        setError(null);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
        if (isUnauthorized(err)) onUnauthorizedRef.current();
      },
    );
    return () => controller.abort();
  }, [period.from, period.to, by, tick]);
  return { stats, error, rows: stats?.rows ?? [] };
}
