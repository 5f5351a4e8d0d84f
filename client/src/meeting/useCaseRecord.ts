import { useCallback, useEffect, useRef, useState } from 'react';
import { getCase, type CaseDetail } from '../api/cases.ts';
import { isUnauthorized } from '../api/http.ts';

export interface CaseRecord {
  detail: CaseDetail | null;
  loading: boolean;
  error: string | null;
  reload: () => Promise<CaseDetail | null>;
}

/**
 * The selected case with its history (`GET /api/incidents/:id`), fetched when selected and again
 * when the live state holds a newer version (someone acted on it), so the projected timeline
 * follows the room's decisions without a reload.
 */
export function useCaseRecord(id: string | null, liveVersion: number | undefined, onUnauthorized: () => void): CaseRecord {
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
      if (mine === request.current) {
        setDetail(d);
        setError(null);
      }
      return d;
    } catch (err) {
      if (mine === request.current) setError(err instanceof Error ? err.message : String(err));
      if (isUnauthorized(err)) onUnauthorizedRef.current();
      return null;
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setDetail(null);
    setError(null);
    if (id) void load(id);
    else request.current++;
  }, [id, load]);

  const shown = detail?.incident.id === id ? detail?.incident.version : undefined;
  useEffect(() => {
    if (id && liveVersion !== undefined && shown !== undefined && liveVersion > shown) void load(id);
  }, [id, liveVersion, shown, load]);

  const reload = useCallback(() => (id ? load(id) : Promise.resolve(null)), [id, load]);
  return { detail: detail?.incident.id === id ? detail : null, loading, error, reload };
}
