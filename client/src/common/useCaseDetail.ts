import { useCallback, useEffect, useRef, useState } from 'react';
import { getCase, type CaseDetail } from '../api/cases.ts';
import { isUnauthorized } from '../api/http.ts';

export interface CaseDetailState {
  detail: CaseDetail | null;
  loading: boolean;
  error: string | null;
  /** Fetch again now (after an action, or a 409). Resolves with the fresh detail, or null on failure. */
  reload: () => Promise<CaseDetail | null>;
}

/**
 * A case's full record and history (`GET /api/incidents/:id`), fetched when the case is opened and
 * again whenever the live state holds a newer version of it (an event for that case arrived), so
 * the timeline follows what other people do without a reload.
 */
export function useCaseDetail(id: string | null, liveVersion: number | undefined, onUnauthorized: () => void): CaseDetailState {
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onUnauthorizedRef = useRef(onUnauthorized);
  onUnauthorizedRef.current = onUnauthorized;
  const request = useRef(0);

  const load = useCallback(async (caseId: string): Promise<CaseDetail | null> => {
    const mine = ++request.current;
    setLoading(true);
    try {
      const d = await getCase(caseId);
      if (mine !== request.current) return d;
      setDetail(d);
      setError(null);
      return d;
    } catch (err) {
      if (mine === request.current) setError(err instanceof Error ? err.message : String(err));
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      return null;
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, []);

  // A different case: forget the old one at once (never show case A's timeline under case B).
  useEffect(() => {
    setDetail(null);
    setError(null);
    if (id) void load(id);
    else request.current++;
  }, [id, load]);

  // The same case moved on (live event, or our own action applied locally): fetch its history.
  const shownVersion = detail?.incident.id === id ? detail?.incident.version : undefined;
  useEffect(() => {
    if (id && liveVersion !== undefined && shownVersion !== undefined && liveVersion > shownVersion) void load(id);
  }, [id, liveVersion, shownVersion, load]);

  const reload = useCallback(() => (id ? load(id) : Promise.resolve(null)), [id, load]);
  return { detail: detail?.incident.id === id ? detail : null, loading, error, reload };
}
