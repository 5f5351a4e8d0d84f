import { useEffect, useState } from 'react';
import { z } from 'zod';
import { requestJson } from '../api/http.ts';
import { PublicStatsRowSchema, type PublicGrouping, type PublicStatsRow } from '../api/stats.ts';
import { presetPeriod } from '@streetchief/shared/calendar/presets';

/** The figures are fetched again this often, and soon after case events (see `EVENT_DEBOUNCE_MS`). */
export const STATS_REFRESH_MS = 60_000;
/** Case events within this long of each other cause one refresh. */
export const EVENT_DEBOUNCE_MS = 5_000;
/** After a failed fetch, try again this soon (the last figures stay on the screen meanwhile). */
const RETRY_MS = 15_000;

const StatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(PublicStatsRowSchema),
  total: PublicStatsRowSchema,
});

export interface WallStats {
  /** The period the figures are for (本月 to date), once fetched. */
  period: { from: string; to: string } | null;
  /** The district's total row: closure and on-time closure rates. */
  total: PublicStatsRow | null;
  departments: PublicStatsRow[];
  streets: PublicStatsRow[];
  /** When the figures on screen were fetched (ms), or null before the first answer. */
  fetchedAt: number | null;
  /** The last refresh failed: the figures are from `fetchedAt`. */
  stale: boolean;
}

/** Anything that says when cases changed (the live sync). */
export interface ChangeFeed {
  subscribe(listener: () => void): () => void;
}

/**
 * The published indicators of 本月 from the server's one indicator engine, the very answer
 * /public shows (`GET /api/public/stats`, by street for the total row and the street ranking, by
 * department for the department ranking). Refreshed every minute and within seconds of case
 * events; the browser revalidates instead of reusing its cached copy. A failed refresh keeps the
 * last figures (and says since when): the wall never goes blank after a network blip.
 */
export function useWallStats(feed: ChangeFeed): WallStats {
  const [stats, setStats] = useState<WallStats>({ period: null, total: null, departments: [], streets: [], fetchedAt: null, stale: false });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let soon: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    let controller: AbortController | null = null;

    const get = (period: { from: string; to: string }, by: PublicGrouping, signal: AbortSignal) => {
      const q = new URLSearchParams({ ...period, by });
      return requestJson(`/api/public/stats?${q}`, { credentials: 'omit', cache: 'no-cache', signal }).then((b) => StatsSchema.parse(b));
    };
    const load = async () => {
      if (running) return void (again = true);
      running = true;
      clearTimeout(timer);
      controller = new AbortController();
      // 本月 (month to date) from the presets every screen shares.
      const period = presetPeriod('this_month', new Date());
      let next = STATS_REFRESH_MS;
      try {
        const [streets, departments] = await Promise.all([
          get(period, 'street', controller.signal),
          get(period, 'department', controller.signal),
        ]);
        if (stopped) return;
        setStats({
          period,
          total: streets.total,
          streets: streets.rows,
          departments: departments.rows,
          fetchedAt: Date.now(),
          stale: false,
        });
      } catch (err) {
        if (stopped) return;
        console.warn('[wall] indicators not refreshed', err);
        setStats((s) => (s.stale ? s : { ...s, stale: true }));
        next = RETRY_MS;
      } finally {
        running = false;
      }
      if (stopped) return;
      timer = setTimeout(() => void load(), next);
      if (again) {
        again = false;
        void load();
      }
    };
    const unsubscribe = feed.subscribe(() => {
      // The first event of a burst schedules one refresh; the ones after it ride along.
      soon ??= setTimeout(() => {
        soon = undefined;
        void load();
      }, EVENT_DEBOUNCE_MS);
    });
    void load();
    return () => {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      clearTimeout(soon);
      controller?.abort();
    };
  }, [feed]);
  return stats;
}
