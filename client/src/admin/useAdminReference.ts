import { useCallback, useEffect, useState } from 'react';
import { getGridChoices, type GridChoice } from '../api/admin.ts';
import { getCategories } from '../api/categories.ts';
import { isUnauthorized } from '../api/http.ts';

export interface AdminReference {
  grids: GridChoice[];
  departments: { code: string; name: string }[];
  /** Streets, derived from the grids (a street is the union of its grids). */
  streets: { code: string; name: string }[];
  error: string | null;
  /** Read again, after an import changed the district. */
  reload: () => void;
}

/** The choices the account form offers: grids, streets and departments as the server has them now. */
export function useAdminReference(onUnauthorized: () => void): AdminReference {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<AdminReference, 'reload'>>({ grids: [], departments: [], streets: [], error: null });
  useEffect(() => {
    let cancelled = false;
    void Promise.allSettled([getGridChoices(), getCategories()]).then(([grids, cats]) => {
      if (cancelled) return;
      const failed = [grids, cats].flatMap((x) => (x.status === 'rejected' ? [x.reason as unknown] : []));
      if (failed.some(isUnauthorized)) onUnauthorized();
      const g = grids.status === 'fulfilled' ? grids.value : [];
      const streets = new Map<string, string>();
      for (const x of g) if (!streets.has(x.streetCode)) streets.set(x.streetCode, x.streetName);
      setState({
        grids: g,
        departments: cats.status === 'fulfilled' ? cats.value.departments.map((d) => ({ code: d.code, name: d.name })) : [],
        streets: [...streets].map(([code, name]) => ({ code, name })).sort((a, b) => a.code.localeCompare(b.code)),
        error: failed.length ? String((failed[0] as Error)?.message ?? failed[0]) : null,
      });
    });
    return () => {
      cancelled = true;
    };
  }, [version, onUnauthorized]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
