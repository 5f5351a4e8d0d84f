import { useCallback, useEffect, useRef, useState } from 'react';
import { getFilingStatus, type FilingOverview } from '../api/filing.ts';
import { isUnauthorized } from '../api/http.ts';
import { dayChangeDelay } from './filing.ts';

/** Filing is re-read this often (a daily report is no case event: nothing pushes it). */
export const FILING_REFRESH_MS = 60_000;

export interface FilingStatus {
  /** The last answer; kept through failed refreshes, so a network blip never blanks a screen. */
  overview: FilingOverview | null;
  /** The last refresh's failure, cleared by the next success. */
  error: string | null;
  /** When the last answer arrived (client clock). */
  loadedAt: number | null;
  /** Re-read now. */
  refresh: () => void;
}

/**
 * Today's daily-report filing (日巡日报), read on mount, every minute, when the server's day
 * ends (so a screen left on overnight turns to the new day) and when the browser comes back
 * online. `enabled: false` reads nothing (a desk without the view).
 */
export function useFilingStatus(onUnauthorized: () => void, enabled = true): FilingStatus {
  const [state, setState] = useState<Omit<FilingStatus, 'refresh'>>({ overview: null, error: null, loadedAt: null });
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;
  const loadRef = useRef<() => void>(() => {});

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let seq = 0;
    let dayTimer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    const load = async () => {
      const mine = ++seq;
      try {
        const overview = await getFilingStatus(controller.signal);
        // A slower, older answer must not overwrite a newer one.
        if (cancelled || mine !== seq) return;
        setState({ overview, error: null, loadedAt: Date.now() });
        clearTimeout(dayTimer);
        const delay = dayChangeDelay(overview.day, Date.now());
        if (delay !== null) dayTimer = setTimeout(() => void load(), delay);
      } catch (err) {
        if (cancelled || mine !== seq) return;
        if (isUnauthorized(err)) onUnauthorizedRef.current();
        setState((s) => ({ ...s, error: err instanceof Error ? err.message : String(err) }));
      }
    };
    loadRef.current = () => void load();

    void load();
    const interval = setInterval(() => void load(), FILING_REFRESH_MS);
    const online = () => void load();
    window.addEventListener('online', online);
    return () => {
      cancelled = true;
      controller.abort();
      clearInterval(interval);
      clearTimeout(dayTimer);
      window.removeEventListener('online', online);
      loadRef.current = () => {};
    };
  }, [enabled]);

  const refresh = useCallback(() => loadRef.current(), []);
  return { ...state, refresh };
}
