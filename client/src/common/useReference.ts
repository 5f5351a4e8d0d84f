import { useEffect, useState } from 'react';
import { getCategories, type Categories } from '../api/categories.ts';
import { getGrids, type GridCollection } from '../api/grids.ts';
import { isUnauthorized } from '../api/http.ts';

export interface Reference {
  grids: GridCollection | null;
  categories: Categories | null;
  error: string | null;
}

/**
 * Grids and the case catalogue, loaded once and retried until they arrive (a wall that boots
 * before the server must recover by itself). Names fall back to codes while categories are missing.
 */
export function useReference(onUnauthorized: () => void): Reference {
  const [ref, setRef] = useState<Reference>({ grids: null, categories: null, error: null });

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (attempt: number) => {
      const [grids, categories] = await Promise.allSettled([getGrids(), getCategories()]);
      if (cancelled) return;
      setRef((r) => ({
        grids: grids.status === 'fulfilled' ? grids.value : r.grids,
        categories: categories.status === 'fulfilled' ? categories.value : r.categories,
        error:
          [grids, categories]
            .map((x) => (x.status === 'rejected' ? String((x.reason as Error)?.message ?? x.reason) : null))
            .find(Boolean) ?? null,
      }));
      const failed = [grids, categories].filter((x) => x.status === 'rejected');
      if (failed.some((x) => isUnauthorized((x as PromiseRejectedResult).reason))) onUnauthorized();
      if (failed.length > 0) timer = setTimeout(() => void load(attempt + 1), Math.min(60_000, 2000 * 2 ** attempt));
    };
    void load(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // Loaded once per mount: the reference data changes with a deployment, not with events.
  }, []);

  return ref;
}
