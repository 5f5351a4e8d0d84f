import { useEffect, useState } from 'react';
import { getPublicStats, getPublicTrend, type PublicStats, type TrendDay } from '../api/stats.ts';
import { lastDays } from '../charts/periods.ts';

/** Rankings and the trend move slowly: fetched again this often. */
export const FIGURES_REFRESH_MS = 5 * 60_000;
/** After a failed fetch, try again sooner (the last figures stay on the screen meanwhile). */
const RETRY_MS = 30_000;
export const WALL_TREND_DAYS = 30;

export interface WallFigures {
  departments: PublicStats | null;
  streets: PublicStats | null;
  trend: TrendDay[] | null;
  /** When the figures were last fetched (ms), or null before the first answer. */
  fetchedAt: number | null;
}

/**
 * The bottom strip's figures for the last 30 days: departments and streets (published figures, the
 * same the public page shows) and the daily trend. A failed refresh keeps the last figures: the
 * wall never goes blank after a network blip.
 */
export function useWallFigures(): WallFigures {
  const [figures, setFigures] = useState<WallFigures>({ departments: null, streets: null, trend: null, fetchedAt: null });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | null = null;
    let stopped = false;
    const load = async () => {
      controller = new AbortController();
      const { signal } = controller;
      const period = lastDays(new Date(), WALL_TREND_DAYS);
      let next = FIGURES_REFRESH_MS;
      try {
        const [departments, streets, trend] = await Promise.all([
          getPublicStats(period, 'department', signal),
          getPublicStats(period, 'street', signal),
          getPublicTrend(WALL_TREND_DAYS, signal),
        ]);
        if (stopped) return;
        setFigures({ departments, streets, trend, fetchedAt: Date.now() });
      } catch (err) {
        if (stopped) return;
        console.warn('[wall] rankings and trend not refreshed', err);
        next = RETRY_MS;
      }
      timer = setTimeout(() => void load(), next);
    };
    void load();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    };
  }, []);
  return figures;
}
