import { useEffect, useRef, useState } from 'react';
import type { StatsGrouping } from '@streetchief/shared/indicators/stats';
import { getStats, type MeetingStats, type MeetingStatsRow } from '../api/meeting.ts';
import { isUnauthorized } from '../api/http.ts';

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
    getStats({ from: period.from, to: period.to }, by, controller.signal).then(
      (answer) => {
        setStats(answer);
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
