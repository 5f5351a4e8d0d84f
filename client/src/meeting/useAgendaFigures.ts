import { useCallback, useEffect, useRef, useState } from 'react';
import { getAgenda, type AgendaAnswer } from '../api/meeting.ts';
import { isUnauthorized } from '../api/http.ts';

/** The worst-ranked units change slowly: the figures are fetched again this often (and after a decision). */
const REFRESH_MS = 5 * 60_000;

export interface AgendaFigures {
  agenda: AgendaAnswer | null;
  error: string | null;
  refresh: () => void;
}

/**
 * `GET /api/meeting/agenda`: the period, the worst departments and grids, and the server's list of
 * agenda cases (shown until the live state has loaded; after that the live state decides).
 */
export function useAgendaFigures(onUnauthorized: () => void): AgendaFigures {
  const [agenda, setAgenda] = useState<AgendaAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;

  useEffect(() => {
    const controller = new AbortController();
    getAgenda(undefined, controller.signal).then(
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
  }, [tick]);

  const refresh = useCallback(() => setTick((t) => t + 1), []);
  return { agenda, error, refresh };
}
