import { useCallback, useEffect, useRef, useState } from 'react';
import { getAgenda, type AgendaAnswer } from '../api/meeting.ts';
import { isUnauthorized } from '../api/http.ts';

/** The worst-ranked units change slowly: the figures are fetched again this often (and after a decision). */
const REFRESH_MS = 5 * 60_000;

export interface AgendaFigures {
  agenda: AgendaAnswer | null;
  error: string | null;
  refresh: () => void;
  /** Counts the fetches: figures that go with the agenda refresh when it changes. */
  revision: number;
}

/**
 * `GET /api/meeting/agenda?from=&to=`: the worst departments and grids of the chosen period, and
 * the server's list of agenda cases (shown until the live state has loaded; after that the live
 * state decides). The period is always sent: the screen's picker, 本月 by default like every screen.
 */
export function useAgendaFigures(onUnauthorized: () => void, period: { from: string; to: string }): AgendaFigures {
  const [agenda, setAgenda] = useState<AgendaAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;

  useEffect(() => {
    const controller = new AbortController();
    getAgenda({ from: period.from, to: period.to }, controller.signal).then(
      (a) => {
        setAgenda(a);
        setError(null);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err instanceof Error ? err.message : String(err));
        if (isUnauthorized(err)) onUnauthorizedRef.current();
      },
    );
    const timer = setTimeout(() => setTick((t) => t + 1), REFRESH_MS);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [tick, period.from, period.to]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { agenda, error, refresh, revision: tick };
}
