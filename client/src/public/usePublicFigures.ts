import { useCallback, useEffect, useState } from 'react';
import { getPublicStats, getPublicTrend, type Period, type PublicStats, type TrendDay } from '../api/stats.ts';
import { daysBetween } from '../charts/trend.ts';

export interface PublicFigures {
  departments: PublicStats | null;
  streets: PublicStats | null;
  grids: PublicStats | null;
  /** By case class: fetched only once the visitor asks for that view. */
  categories: PublicStats | null;
  /** The daily trend, from the period's first day (or 366 days back at most) to today. */
  trend: TrendDay[] | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

/** The trend endpoint serves at most this many days back from today. */
const MAX_TREND_DAYS = 366;

/**
 * Everything `/public` shows for a period, from the public endpoints only. While a new period
 * loads, the last figures stay (each answer carries its own from–to, which the tables name).
 */
export function usePublicFigures(period: Period, today: string, wantCategories: boolean): PublicFigures {
  const [state, setState] = useState<Omit<PublicFigures, 'retry'>>({
    departments: null,
    streets: null,
    grids: null,
    categories: null,
    trend: null,
    loading: true,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setState((s) => ({ ...s, loading: true, error: null }));
    const trendDays = Math.min(MAX_TREND_DAYS, Math.max(1, daysBetween(period.from, today)));
    Promise.all([
      getPublicStats(period, 'department', signal),
      getPublicStats(period, 'street', signal),
      period.from <= today ? getPublicTrend(trendDays, signal) : Promise.resolve([]),
    ]).then(
      ([departments, streets, trend]) => {
        setState((s) => ({ ...s, departments, streets, trend, loading: false }));
        // The map's figures come second: the tables should not wait for 165 grids.
        getPublicStats(period, 'grid', signal).then(
          (grids) => setState((s) => ({ ...s, grids })),
          () => {},
        );
      },
      (err: unknown) => {
        if (signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }));
      },
    );
    return () => controller.abort();
  }, [period.from, period.to, today, attempt]);

  useEffect(() => {
    if (!wantCategories) return;
    const controller = new AbortController();
    getPublicStats(period, 'category', controller.signal).then(
      (categories) => setState((s) => ({ ...s, categories })),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      },
    );
    return () => controller.abort();
  }, [period.from, period.to, wantCategories, attempt]);

  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  return { ...state, retry };
}
